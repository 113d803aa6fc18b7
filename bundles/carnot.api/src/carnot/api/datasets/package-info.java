/** Carnot's datasets API: see the interfaces' Javadoc. */
@org.osgi.annotation.versioning.Version("0.1.2")
package carnot.api.datasets;
