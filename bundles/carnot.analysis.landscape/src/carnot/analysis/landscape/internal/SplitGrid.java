package carnot.analysis.landscape.internal;

import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;

/** Mean loss and 0-1 error of each measured split at every point of a landscape grid. */
final class SplitGrid {

    private final Split[] splits;
    private final double[][] loss;
    private final double[][] error;

    SplitGrid(Split[] splits, int size) {
        this.splits = splits.clone();
        this.loss = new double[splits.length][size];
        this.error = new double[splits.length][size];
    }

    /** The training split, and the test split too when {@code test}. */
    static Split[] splits(boolean test) {
        return test ? Split.values() : new Split[] {Split.TRAIN};
    }

    /** Measures every split at the network's current weights into grid point {@code at}. */
    void measure(WeightSpaceProbe probe, int at) {
        for (int s = 0; s < splits.length; s++) {
            WeightSpaceProbe.Measurement m = probe.measure(splits[s]);
            loss[s][at] = m.loss();
            error[s][at] = m.error();
        }
    }

    /** The losses of split number {@code s} (0: train), shared. */
    double[] loss(int s) {
        return loss[s];
    }

    /** Adds series {@code <split>.loss<suffix>} and {@code <split>.error<suffix>}. */
    void addTo(AnalysisResult.Builder result, String suffix) {
        for (int s = 0; s < splits.length; s++) {
            result.series(splits[s].label() + ".loss" + suffix, loss[s]);
            result.series(splits[s].label() + ".error" + suffix, error[s]);
        }
    }
}
