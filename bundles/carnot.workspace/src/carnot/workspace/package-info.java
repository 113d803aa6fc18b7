/** Experiment files (JSON) and run folders in a workspace, written atomically. */
@org.osgi.annotation.versioning.Version("0.3.0")
package carnot.workspace;
