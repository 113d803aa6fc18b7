package carnot.analysis.curvature.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.experiment.MemoryEstimate;
import org.osgi.service.component.annotations.Component;

/**
 * Sharpness by perturbation of the weights: Keskar et al.'s eps-sharpness (worst relative loss
 * increase in a box scaled by |w_i| + 1) and the PAC-Bayes flatness radius sigma (largest
 * Gaussian weight noise that raises the expected loss by at most a tolerance; Jiang et al. 2020).
 * The weights are restored afterwards.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=sharpness")
public final class SharpnessProvider implements AnalysisProvider {

    static final Setting EPSILON = Setting.number("epsilon", 1e-3,
            "box half-width factor: |delta_i| <= epsilon (|w_i| + 1) (Keskar et al. use 1e-3 and 5e-4)")
            .greaterThan(0).max(1);
    static final Setting ASCENT_STEPS = Setting.integer("ascentSteps", 20,
            "projected gradient-ascent steps for eps-sharpness").min(1).max(10_000);
    static final Setting ASCENT_RATE = Setting.number("ascentRate", 0.25,
            "ascent step as a fraction of the box half-width").greaterThan(0).max(2);

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            HessianSettings.SAMPLE_SIZE, HessianSettings.CHUNK_SIZE, HessianSettings.PARAMETERS,
            EPSILON, ASCENT_STEPS, ASCENT_RATE,
            Setting.bool("pacBayes", true, "also the PAC-Bayes flatness radius sigma"),
            Setting.number("lossTolerance", 0.1, "largest allowed mean loss increase under N(0, sigma^2) noise")
                    .greaterThan(0),
            Setting.integer("samples", 10, "fixed-seed noise samples per sigma").min(1).max(10_000),
            Setting.integer("bisections", 16, "bisection steps on log sigma").min(1).max(100),
            Setting.number("sigmaMax", 1.0, "upper end of the sigma search").greaterThan(0).max(100));

    @Override
    public String title() {
        return "Sharpness";
    }

    @Override
    public String description() {
        return "eps-sharpness (Keskar et al. 2017, by projected gradient ascent in the box |d_i| <= eps(|w_i|+1)) and "
                + "the PAC-Bayes flatness radius sigma (Jiang et al. 2020) of the training loss.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * Gradient ascent and noise sampling need gradients, not Hessian-vector products: one chunk's
     * backward graph, and the weights, the box, the perturbation, the gradient and the best point as
     * double vectors.
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        return HessianSettings.memory(settings, target, 6, false);
    }

    @Override
    public Analysis create(Settings settings) {
        return context -> {
            AnalysisResult.Builder result = AnalysisResult.builder();
            try (LossHessian loss = HessianSettings.open(context, settings)) {
                double[] sharpness = Sharpness.epsSharpness(loss, settings.getDouble("epsilon"),
                        settings.getInt("ascentSteps"), settings.getDouble("ascentRate"), context.monitor());
                result.scalar("loss", sharpness[2]);
                result.scalar("epsSharpness", sharpness[0]);
                result.scalar("epsSharpness.maxLoss", sharpness[1]);
                if (settings.getBoolean("pacBayes")) {
                    Sharpness.Sigma sigma = Sharpness.pacBayesSigma(loss, settings.getDouble("lossTolerance"),
                            settings.getInt("samples"), settings.getInt("bisections"), settings.getDouble("sigmaMax"),
                            context.seed(), context.monitor());
                    result.scalar("pacBayes.sigma", sigma.sigma());
                    result.scalar("pacBayes.flatness", 1 / (sigma.sigma() * sigma.sigma()));
                    result.scalar("pacBayes.lossIncrease", sigma.lossIncrease());
                    result.scalar("pacBayes.capped", sigma.capped() ? 1 : 0);
                }
            }
            return result.build();
        };
    }
}
