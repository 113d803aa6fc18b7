/**
 * Explicit regularization: a {@link carnot.api.regularizers.RegularizerProvider} creates a
 * {@link carnot.api.regularizers.Regularizer} that adds a penalty to the objective, augments a
 * batch's inputs, or asks for early stopping ({@link carnot.api.regularizers.EarlyStopping}), the
 * explicit regularizers whose effect on generalization Zhang et al. (2017) measure.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.api.regularizers;
