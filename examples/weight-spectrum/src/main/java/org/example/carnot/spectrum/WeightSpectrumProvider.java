package org.example.carnot.spectrum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * Heavy-tailed self-regularization (Martin &amp; Mahoney, JMLR 2021): for every weight matrix W
 * of the network, the eigenvalues of W^T W and the exponent alpha of a power law fitted to their
 * tail. Well-trained layers tend to alpha in [2, 4]; alpha grows toward random-matrix
 * (Marchenko-Pastur) values in layers that learned little.
 *
 * <p>A Declarative Services component: the {@code carnot.id} property is the id experiment files
 * name in their {@code analyses}.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=weight-spectrum")
public final class WeightSpectrumProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("minTail", 5, "fewest eigenvalues in the fitted tail").min(2),
            Setting.bool("spectra", true, "also record every layer's eigenvalues as a series"));

    @Override
    public String title() {
        return "Weight-spectrum power law";
    }

    @Override
    public String description() {
        return "Per layer: eigenvalues of W^T W and the power-law exponent alpha of their tail (MLE, xmin by "
                + "KS distance; Martin & Mahoney 2021).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Analysis create(Settings settings) {
        int minTail = settings.getInt("minTail");
        boolean spectra = settings.getBoolean("spectra");
        return context -> {
            AnalysisResult.Builder result = AnalysisResult.builder();
            double alphaSum = 0;
            int layers = 0;
            for (Pair<String, Parameter> entry : context.model().getParameters()) {
                context.monitor().checkCancelled();
                NDArray array = entry.getValue().getArray();
                Shape shape = array.getShape();
                if (shape.dimension() != 2 || Math.min(shape.get(0), shape.get(1)) < minTail) {
                    continue; // biases, and matrices too small for a tail
                }
                // toFloatArray copies to the heap: the model's parameters are only read.
                double[] lambda = LayerSpectrum.eigenvalues(array.toFloatArray(), (int) shape.get(0),
                        (int) shape.get(1));
                PowerLawFit.Fit fit = PowerLawFit.fitBestXmin(lambda, minTail);
                String name = entry.getKey();
                result.scalar(name + ".alpha", fit.alpha());
                result.scalar(name + ".lambdaMax", lambda[lambda.length - 1]);
                if (spectra) {
                    result.series(name + ".eigenvalues", lambda);
                }
                if (Double.isFinite(fit.alpha())) {
                    alphaSum += fit.alpha();
                    layers++;
                }
            }
            result.scalar("alpha.mean", layers == 0 ? Double.NaN : alphaSum / layers);
            result.scalar("layers", layers);
            return result.build();
        };
    }
}
