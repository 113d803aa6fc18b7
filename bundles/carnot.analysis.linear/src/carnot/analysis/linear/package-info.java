/**
 * Linear classifiers as references for what training finds: the hard-margin SVM (solved to a
 * certified duality gap), the perceptron, and binary data views of a dataset.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.analysis.linear;
