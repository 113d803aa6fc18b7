package carnot.analysis.curvature.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.autograd.Examples;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelStructure;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * The reparameterization audit of Dinh, Pascanu, Bengio & Bengio (2017), "Sharp minima can
 * generalize for deep nets": ReLU is positively homogeneous, so multiplying one hidden layer's
 * weights and bias by alpha > 0 and the next layer's weights by 1/alpha leaves the function
 * unchanged, while curvature measures need not be. This analysis applies that map T_alpha to a
 * copy of the trained weights (restored afterwards), checks that the outputs are unchanged, and
 * reports each measure before and after: top Hessian eigenvalue, trace, eps-sharpness and the
 * weight norm. In theory the Hessian becomes {@code D^-1 H D^-1} with D = alpha on the scaled
 * layer and 1/alpha on the next layer's weights, so the next layer's block scales by alpha^2
 * (Dinh et al., Theorem 4: the top eigenvalue can be made arbitrarily large).
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=reparameterization-audit")
public final class ReparameterizationAuditProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("alpha", 10, "scale of the hidden layer (the next layer's weights get 1/alpha)")
                    .greaterThan(0).max(1e6),
            Setting.integer("layer", 0, "which hidden layer to scale: 0 = the first").min(0).max(1000),
            Setting.integer("sampleSize", 500, "how many examples: the loss is the mean over the first n "
                    + "training examples (0 = all; formerly \"examples\")")
                    .min(0),
            HessianSettings.CHUNK_SIZE,
            Setting.integer("maxIterations", 100, "Lanczos steps at most for the top eigenvalue").min(1).max(10_000),
            Setting.number("tolerance", 1e-4, "relative tolerance of the top eigenvalue").greaterThan(0).max(0.5),
            Setting.integer("traceProbes", 20, "Hutchinson probes (the same ones before and after)").min(1)
                    .max(100_000),
            SharpnessProvider.EPSILON, SharpnessProvider.ASCENT_STEPS, SharpnessProvider.ASCENT_RATE);

    /** Measures compared before and after; the order of the output. */
    static final List<String> MEASURES = List.of("topEigenvalue", "trace", "epsSharpness", "weightNorm");

    @Override
    public String title() {
        return "Reparameterization audit";
    }

    @Override
    public String description() {
        return "Dinh et al. (2017): rescale a hidden ReLU layer by alpha and the next by 1/alpha (same function); "
                + "reports whether outputs stay equal and how top eigenvalue, trace, eps-sharpness and norms change.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * Needs a ReLU network without normalization, read from the model's structure: relu(a z) = a
     * relu(z) for a &gt; 0 makes the layer rescaling function-preserving.
     */
    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        ModelStructure model = target.model();
        boolean normalized = model.layers().stream().anyMatch(l -> l.kind() == LayerKind.NORMALIZATION);
        int layer = settings.getInt("layer");
        if (!"relu".equals(model.activation()) || normalized || model.weightLayers() < layer + 2) {
            return Optional.of("reparameterization-audit needs a ReLU network without batch normalization and with a "
                    + "weight layer after layer " + layer + " (relu(a z) = a relu(z) for a > 0 makes the rescaling "
                    + "function-preserving); model '" + target.spec().model().id() + "' has activation '"
                    + model.activation() + "', " + model.weightLayers() + " weight layers"
                    + (normalized ? " and batch normalization" : ""));
        }
        return Optional.empty();
    }

    @Override
    public Analysis create(Settings settings) {
        return context -> audit(context, settings);
    }

    private static AnalysisResult audit(AnalysisContext context, Settings settings) {
        double alpha = settings.getDouble("alpha");
        AnalysisResult.Builder result = AnalysisResult.builder();
        try (LossHessian hessian = new LossHessian(context.autograd(List.of(), settings.getInt("chunkSize")),
                Examples.first(context.dataset(carnot.api.analysis.Split.TRAIN), settings.getInt("sampleSize")), true)) {
            double[] original = hessian.parameters();
            double[] scaled = scaled(hessian, original, settings.getInt("layer"), alpha);
            double[] before = measures(hessian, settings, context);
            double[] outputsBefore = hessian.outputs();
            double[] after;
            double[] outputsAfter;
            try {
                hessian.setParameters(scaled);
                after = measures(hessian, settings, context);
                outputsAfter = hessian.outputs();
            } finally {
                hessian.setParameters(original);
            }
            double difference = 0;
            double magnitude = 0;
            for (int i = 0; i < outputsBefore.length; i++) {
                difference = Math.max(difference, Math.abs(outputsAfter[i] - outputsBefore[i]));
                magnitude = Math.max(magnitude, Math.abs(outputsBefore[i]));
            }
            result.scalar("alpha", alpha);
            result.scalar("outputs.maxAbsDifference", difference);
            result.scalar("outputs.maxRelativeDifference", difference / Math.max(magnitude, 1e-30));
            result.scalar("functionUnchanged", difference <= 1e-4 * Math.max(magnitude, 1e-30) ? 1 : 0);
            for (int m = 0; m < MEASURES.size(); m++) {
                String name = MEASURES.get(m);
                result.scalar(name + ".before", before[m]);
                result.scalar(name + ".after", after[m]);
                result.scalar(name + ".ratio", after[m] / before[m]);
            }
            result.scalar("products", hessian.products());
        }
        return result.build();
    }

    /** Top eigenvalue, Hutchinson trace (fixed probes), eps-sharpness, l2 norm of all weights. */
    private static double[] measures(LossHessian hessian, Settings settings, AnalysisContext context) {
        double[] start = Vectors.gaussian(hessian.dimension(), new SplittableRandom(context.seed()));
        double top = Lanczos.top(hessian, 1, settings.getInt("maxIterations"), settings.getDouble("tolerance"), start,
                context.monitor()).values()[0];
        double trace = TraceEstimators.hutchinson(hessian, settings.getInt("traceProbes"),
                new SplittableRandom(context.seed() + 1), context.monitor()).value();
        double sharpness = Sharpness.epsSharpness(hessian, settings.getDouble("epsilon"), settings.getInt("ascentSteps"),
                settings.getDouble("ascentRate"), context.monitor())[0];
        return new double[] {top, trace, sharpness, Vectors.norm(hessian.parameters())};
    }

    /**
     * T_alpha: the weights and bias of hidden layer {@code layer} times alpha, the next linear
     * layer's weights times 1/alpha. Linear layers are recognized as 2-D weights, each optionally
     * followed by its 1-D bias, in the network's parameter order.
     */
    static double[] scaled(LossHessian hessian, double[] values, int layer, double alpha) {
        List<Integer> weights = new ArrayList<>();
        List<String> names = hessian.names();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).endsWith("weight")) {
                weights.add(i);
            }
        }
        if (layer + 1 >= weights.size()) {
            throw new IllegalArgumentException("layer: expected a hidden layer index in [0, " + (weights.size() - 2)
                    + "], got " + layer + " (the network has " + weights.size() + " linear layers)");
        }
        double[] result = values.clone();
        int first = weights.get(layer);
        int next = weights.get(layer + 1);
        // The scaled layer: its weight and everything up to the next layer's weight (its bias).
        for (int j = hessian.offset(first); j < hessian.offset(next); j++) {
            result[j] *= alpha;
        }
        for (int j = hessian.offset(next); j < hessian.offset(next + 1); j++) {
            result[j] /= alpha;
        }
        return result;
    }
}
