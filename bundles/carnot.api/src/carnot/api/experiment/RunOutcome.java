package carnot.api.experiment;

/**
 * How a run ended.
 *
 * @param status          completed, failed or cancelled
 * @param epochsCompleted epochs fully trained and evaluated
 * @param last            metrics after the last completed epoch (null if none)
 * @param message         why it failed or was cancelled; when completed, empty or why training stopped
 *                        (a target reached or not)
 */
public record RunOutcome(RunStatus status, int epochsCompleted, EpochMetrics last, String message) {
}
