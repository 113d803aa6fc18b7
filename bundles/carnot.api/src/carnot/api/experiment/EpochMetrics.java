package carnot.api.experiment;

/**
 * Metrics after one epoch (epoch 0: at initialization). Errors are fractions in [0, 1];
 * losses are mean per-example training losses without the regularization penalty.
 *
 * @param epoch        completed epochs
 * @param step         optimizer steps taken so far
 * @param trainLoss    mean loss on the whole training set (evaluation mode)
 * @param trainError   0-1 error on the training set
 * @param testLoss     mean loss on the test set
 * @param testError    0-1 error on the test set
 * @param learningRate learning rate used in the last step of the epoch (initial at epoch 0)
 * @param seconds      wall time of the epoch's training steps
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainError, double testLoss,
        double testError, double learningRate, double seconds) {

    /** Test error minus train error. */
    public double generalizationGap() {
        return testError - trainError;
    }
}
