package carnot.analysis.curvature.internal;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.autograd.Examples;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.experiment.MemoryEstimate;
import carnot.api.models.ModelParameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The settings every curvature analysis shares: which examples the loss averages over and which
 * parameters it is differentiated with respect to; and how to open the {@link LossHessian}.
 */
final class HessianSettings {

    static final Setting SAMPLE_SIZE = Setting.integer("sampleSize", 1000,
            "how many examples: the loss is the mean over the first n training examples (0 = all; formerly "
                    + "\"examples\")").min(0);
    static final Setting CHUNK_SIZE = Setting.integer("chunkSize", 1000,
            "examples per forward pass; chunk Hessians are averaged weighted by size (one chunk: the gradient "
                    + "graph is built once and reused)").min(1).max(1_000_000);
    static final Setting PARAMETERS = Setting.text("parameters", "",
            "comma-separated parameter names (as 'carnot analyze' lists them) to take the Hessian with respect to; "
                    + "empty = all");

    private HessianSettings() {
    }

    static List<String> parameters(Settings settings) {
        String text = settings.getString("parameters").trim();
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    /**
     * What a curvature analysis holds while it runs: a copy of its examples, the graph of one chunk's
     * Hessian-vector product (or gradient, without {@code secondOrder}) and {@code vectors} double
     * vectors of the dimension it differentiates in (Lanczos bases, probes, eigenvectors).
     */
    static MemoryEstimate memory(Settings settings, AnalysisTarget target, int vectors, boolean secondOrder) {
        long n = AnalysisMemory.examples(settings.getInt("sampleSize"), target.trainSize());
        long chunk = Math.max(1, Math.min(n, settings.getInt("chunkSize")));
        long featureSize = 1;
        for (int d : target.exampleShape()) {
            featureSize *= d;
        }
        List<String> names = parameters(settings);
        long dimension = names.isEmpty() ? target.parameterCount()
                : names.stream().mapToLong(name -> target.model().parameter(name).map(ModelParameter::size).orElse(0L))
                        .sum();
        MemoryEstimate graph = secondOrder ? AnalysisMemory.hessianVectorGraph(target, chunk)
                : AnalysisMemory.backwardGraph(target, chunk);
        return graph.plus(MemoryEstimate.heap(AnalysisMemory.PHASE, n + " examples", n * (featureSize + 1) * 4))
                .plus(MemoryEstimate.heap(AnalysisMemory.PHASE, vectors + " vectors of dimension " + dimension,
                        vectors * dimension * AnalysisMemory.DOUBLE));
    }

    /** The training loss Hessian of the context's model, on the configured examples and parameters. */
    static LossHessian open(AnalysisContext context, Settings settings) {
        return new LossHessian(context.autograd(parameters(settings), settings.getInt("chunkSize")),
                Examples.first(context.dataset(Split.TRAIN), settings.getInt("sampleSize")), true);
    }

    /** The initial parameters of the context, flattened in the order of {@code hessian.names()}. */
    static double[] initialParameters(AnalysisContext context, LossHessian hessian) {
        double[] values = new double[hessian.dimension()];
        List<String> names = hessian.names();
        for (int i = 0; i < names.size(); i++) {
            float[] part = context.initialParameters().get(names.get(i));
            if (part == null || part.length != hessian.offset(i + 1) - hessian.offset(i)) {
                throw new IllegalStateException("no initial values for parameter " + names.get(i));
            }
            for (int j = 0; j < part.length; j++) {
                values[hessian.offset(i) + j] = part[j];
            }
        }
        return values;
    }

    /** Names of the model's parameters, for messages. */
    static String describe(Iterable<Pair<String, Parameter>> parameters) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters) {
            names.add(p.getKey() + Arrays.toString(p.getValue().getArray().getShape().getShape()));
        }
        return String.join(", ", names);
    }
}
