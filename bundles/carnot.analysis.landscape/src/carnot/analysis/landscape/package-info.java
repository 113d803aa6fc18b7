/**
 * What the landscape analyses record, as typed values for the report and the workbench:
 * {@link TrajectoryPlane}, the loss surface over the plane of an optimization path's first two
 * principal directions with the path on it (Li et al. 2018, Section 7).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.landscape;
