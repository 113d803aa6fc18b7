/** Carnot's experiment API: see the interfaces' Javadoc. */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.experiment;
