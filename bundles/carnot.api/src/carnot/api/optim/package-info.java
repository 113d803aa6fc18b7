/**
 * Optimizers: an {@link carnot.api.optim.OptimizerProvider} creates a DJL optimizer for a run's
 * length and batches ({@link carnot.api.optim.OptimizerContext}), states its step size and
 * learning-rate schedule for the record, and may be resumable
 * ({@link carnot.api.optim.ResumableOptimizer}) so that an interrupted run continues exactly.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.api.optim;
