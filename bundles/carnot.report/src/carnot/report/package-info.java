/** Reports of run and sweep folders: self-contained HTML with inline SVG charts, and PNG figures. */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.report;
