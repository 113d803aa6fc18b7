/** Output margins of a classifier and summaries of their distribution. */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.margins;
