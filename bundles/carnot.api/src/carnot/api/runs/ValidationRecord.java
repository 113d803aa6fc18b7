package carnot.api.runs;

/**
 * Early stopping's held-out validation split evaluated after one epoch.
 *
 * @param epoch the epoch
 * @param size  validation examples
 * @param loss  mean loss on them
 * @param error 0-1 error on them
 */
public record ValidationRecord(int epoch, int size, double loss, double error) {
}
