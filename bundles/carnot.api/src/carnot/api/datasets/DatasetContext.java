package carnot.api.datasets;

import carnot.api.component.ProgressMonitor;

/**
 * What a dataset provider gets besides its settings.
 *
 * @param seed    the experiment's seed; a provider that draws randomness must derive it from
 *                this, so that a seed fixes the data
 * @param monitor progress and cancellation
 */
public record DatasetContext(long seed, ProgressMonitor monitor) {
}
