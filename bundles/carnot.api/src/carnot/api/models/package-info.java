/**
 * Architectures: an {@link carnot.api.models.ArchitectureProvider} builds a DJL network for the
 * data's example shape and classes ({@link carnot.api.models.ArchitectureContext}) and describes its
 * {@link carnot.api.models.ModelStructure} (layers, parameters with their roles, the activation,
 * homogeneity), which is what analyses read instead of DJL's blocks.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.models;
