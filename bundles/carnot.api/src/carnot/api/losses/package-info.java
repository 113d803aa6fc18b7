/**
 * Training objectives: a {@link carnot.api.losses.LossProvider} creates a
 * {@link carnot.api.losses.LossFunction} giving the per-example loss of a batch of network outputs,
 * which the engine averages for training and evaluation and analyses differentiate.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.api.losses;
