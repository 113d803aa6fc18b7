package carnot.analysis.landscape.internal;

import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.Setting;
import carnot.api.experiment.MemoryEstimate;

/** Settings every landscape analysis shares. */
final class LandscapeSettings {

    static final Setting SAMPLE_SIZE = Setting.integer("sampleSize", 0,
            "how many examples: the first n of each split at every point (0: all; formerly \"maxExamples\")").min(0).max(100_000_000);
    static final Setting TEST = Setting.bool("test", true, "also measure the test split at every point");

    private LandscapeSettings() {
    }

    /** {@code points} evenly spaced values from {@code start} to {@code end}, both included. */
    static double[] grid(double start, double end, int points) {
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = points == 1 ? start : start + (end - start) * i / (points - 1);
        }
        return values;
    }

    /**
     * What a landscape analysis holds while it runs: {@code weightCopies} float copies of the weights
     * (the analysed weights, the directions, the point being measured) and one evaluation chunk's
     * forward pass at the run's evaluation batch size (in the analysis thread autograd may record it).
     */
    static MemoryEstimate memory(AnalysisTarget target, int weightCopies) {
        int chunk = Math.max(1, Math.min(target.spec().training().evalBatchSize(),
                Math.max(target.trainSize(), target.testSize())));
        return AnalysisMemory.weightCopies(target, weightCopies, weightCopies + " copies of the weights")
                .plus(AnalysisMemory.backwardGraph(target, chunk));
    }
}
