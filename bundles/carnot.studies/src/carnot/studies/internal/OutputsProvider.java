package carnot.studies.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.experiment.MemoryEstimate;
import org.osgi.service.component.annotations.Component;

/**
 * The raw material of studies over families of runs: the network's outputs and per-example losses
 * on a split (or on listed examples of it), and optionally every parameter flattened in the
 * network's order. Stability compares two runs' losses on one example and their parameter
 * distance; bias-variance compares the test outputs of runs on resampled training sets.
 *
 * <p>Series: {@code indices}, {@code labels}, {@code outputs} (row-major, {@code classes} per
 * example), {@code loss}; {@code parameters} when asked.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=outputs")
public final class OutputsProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("split", "test", "which split", "test", "train"),
            Setting.integerList("exampleIndices", new int[0], "which examples: their indices in the split (empty: all; formerly \"examples\")").min(0),
            Setting.bool("parameters", false, "also every parameter, flattened in the network's order"));

    @Override
    public String title() {
        return "Outputs and per-example losses";
    }

    @Override
    public String description() {
        return "Network outputs and per-example losses on a split (optionally the flattened parameters): the "
                + "material of stability and bias-variance studies.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * The listed examples' outputs as floats, as a tensor for the per-example loss and as the
     * series' doubles (4 + 4 + 8 bytes per value), their labels and indices (a long and two doubles
     * each), and with {@code parameters} every parameter as floats and as doubles (12 bytes each).
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        int listed = settings.getIntList("exampleIndices").length;
        long n = listed > 0 ? listed : settings.getString("split").equals("train") ? target.trainSize()
                : target.testSize();
        long values = n * target.numClasses();
        long perValue = AnalysisMemory.FLOAT + AnalysisMemory.DOUBLE;
        long perExample = Long.BYTES + 2 * AnalysisMemory.DOUBLE;
        MemoryEstimate estimate = MemoryEstimate.heap(AnalysisMemory.PHASE, "outputs, labels and indices",
                values * perValue + n * perExample)
                .plus(MemoryEstimate.offHeap(AnalysisMemory.PHASE, "outputs as a tensor", values * AnalysisMemory.FLOAT));
        return settings.getBoolean("parameters")
                ? estimate.plus(MemoryEstimate.heap(AnalysisMemory.PHASE, "parameters as floats and doubles",
                        target.parameterCount() * perValue))
                : estimate;
    }

    @Override
    public Analysis create(Settings settings) {
        Split split = settings.getString("split").equals("train") ? Split.TRAIN : Split.TEST;
        int[] examples = settings.getIntList("exampleIndices");
        boolean parameters = settings.getBoolean("parameters");
        return context -> {
            Predictions predictions = context.predictions(split);
            int n = predictions.size();
            int k = predictions.numClasses();
            int[] indices = examples.length == 0 ? java.util.stream.IntStream.range(0, n).toArray() : examples.clone();
            float[] outputs = new float[indices.length * k];
            long[] labels = new long[indices.length];
            for (int i = 0; i < indices.length; i++) {
                if (indices[i] >= n) {
                    throw new IllegalArgumentException("settings.examples: index " + indices[i] + " is outside [0, "
                            + (n - 1) + "] of the " + split.label() + " split");
                }
                System.arraycopy(predictions.logits(), indices[i] * k, outputs, i * k, k);
                labels[i] = predictions.labels()[indices[i]];
            }
            NDArray losses = context.loss().perExample(
                    context.manager().create(outputs, new ai.djl.ndarray.types.Shape(indices.length, k)),
                    context.manager().create(labels));
            AnalysisResult.Builder result = AnalysisResult.builder()
                    .scalar("classes", k)
                    .series("indices", toDoubles(indices))
                    .series("labels", java.util.Arrays.stream(labels).asDoubleStream().toArray())
                    .series("outputs", toDoubles(outputs))
                    .series("loss", toDoubles(losses.toFloatArray()));
            if (parameters) {
                java.util.List<float[]> all = new java.util.ArrayList<>();
                int total = 0;
                for (Pair<String, Parameter> entry : context.model().getParameters()) {
                    float[] values = entry.getValue().getArray().toFloatArray();
                    all.add(values);
                    total += values.length;
                }
                double[] flat = new double[total];
                int at = 0;
                for (float[] values : all) {
                    for (float v : values) {
                        flat[at++] = v;
                    }
                }
                result.series("parameters", flat);
            }
            return result.build();
        };
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] toDoubles(int[] values) {
        return java.util.Arrays.stream(values).asDoubleStream().toArray();
    }
}
