/**
 * Weight matrices of a network and their norms (Frobenius, spectral, (2,1), stable rank), the
 * l2 path norm and distances from initialization: the quantities norm-based capacity measures
 * and bounds are made of. Stateless functions on EJML matrices; see each method's Javadoc for
 * the formula and the paper.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.norms;
