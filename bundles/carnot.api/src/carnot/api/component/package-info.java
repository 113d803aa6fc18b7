/** Carnot's component API: see the interfaces' Javadoc. */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.component;
