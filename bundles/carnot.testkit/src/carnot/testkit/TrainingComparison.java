package carnot.testkit;

import carnot.api.experiment.EpochMetrics;
import java.util.Arrays;
import java.util.List;

/**
 * Training with the analysis scheduled at every epoch against training without it: every minibatch
 * loss, every epoch's train and test loss and error, and the final weights must be bit for bit the
 * same. Anything an analysis leaves behind that training reads (weights, gradient buffers, optimizer
 * state, batch-norm statistics, the data arrays, the random generators) shows up here.
 */
final class TrainingComparison {

    static final String NAME = "training with the analysis is bit-identical to training without it";

    private TrainingComparison() {
    }

    static ConformanceReport.Check compare(TinyExperiment.Trace without, TinyExperiment.Trace with) {
        String difference = firstDifference(without, with);
        return new ConformanceReport.Check(NAME, difference == null, difference == null ? "" : difference
                + ": the analysis changed what training does (it must leave weights, gradient buffers, optimizer state, "
                + "the data and the random generators as it found them; context.autograd() does)");
    }

    private static String firstDifference(TinyExperiment.Trace without, TinyExperiment.Trace with) {
        List<Double> a = without.steps();
        List<Double> b = with.steps();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (Double.doubleToRawLongBits(a.get(i)) != Double.doubleToRawLongBits(b.get(i))) {
                return "minibatch " + (i + 1) + ": loss " + a.get(i) + " without the analysis, " + b.get(i) + " with it";
            }
        }
        if (a.size() != b.size()) {
            return a.size() + " minibatches without the analysis, " + b.size() + " with it";
        }
        for (int e = 0; e < Math.min(without.epochs().size(), with.epochs().size()); e++) {
            EpochMetrics x = without.epochs().get(e);
            EpochMetrics y = with.epochs().get(e);
            if (!same(x.trainLoss(), y.trainLoss()) || !same(x.trainError(), y.trainError())
                    || !same(x.testLoss(), y.testLoss()) || !same(x.testError(), y.testError())) {
                return "epoch " + x.epoch() + ": train loss " + x.trainLoss() + " / " + y.trainLoss() + ", test error "
                        + x.testError() + " / " + y.testError() + " (without / with the analysis)";
            }
        }
        if (!Arrays.equals(without.weights(), with.weights())) {
            return "the final weights differ";
        }
        return null;
    }

    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
