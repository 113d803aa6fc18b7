package carnot.api.experiment;

import java.util.Map;
import java.util.Objects;

/**
 * An analysis attached to an experiment, with its schedule.
 *
 * @param id       provider id
 * @param settings raw settings
 * @param every    run after every {@code every}-th epoch; 0 runs it only after the last epoch
 * @param atInit   also run it on the initial weights, before training (epoch 0)
 */
public record AnalysisSpec(String id, Map<String, Object> settings, int every, boolean atInit) {

    /**
     * Copies the settings, keeping their order.
     *
     * @throws IllegalArgumentException when {@code every} is negative
     */
    public AnalysisSpec {
        Objects.requireNonNull(id, "id");
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        if (every < 0) {
            throw new IllegalArgumentException("every must be >= 0");
        }
    }

    /** Whether the analysis is due after {@code epoch} of {@code epochs} completed epochs. */
    public boolean dueAfter(int epoch, int epochs) {
        if (epoch == 0) {
            return atInit;
        }
        return epoch == epochs || (every > 0 && epoch % every == 0);
    }
}
