/** Generalization bounds as stateless functions of their ingredients; see each method. */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.bounds;
