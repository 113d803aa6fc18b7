/**
 * Linear classifiers as references for what training finds: the hard-margin SVM (solved to a
 * certified duality gap), the perceptron, and binary data views of a dataset. Vector arithmetic is
 * {@code carnot.curvature.linalg.Vectors} (0.2.0: this package no longer has its own copy).
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.analysis.linear;
