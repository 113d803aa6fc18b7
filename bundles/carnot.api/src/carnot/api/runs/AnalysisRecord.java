package carnot.api.runs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One analysis call recorded in a run folder: which analysis, under which index (its position in
 * the experiment, or a later re-analysis), after which epoch, and its scalars. The full result
 * (series, histograms) is read with {@link RunFolder#analysisResult(AnalysisRecord)}.
 *
 * @param id      the analysis' {@code carnot.id}
 * @param index   the analysis index in the run folder
 * @param epoch   the epoch it ran after (0: at initialization)
 * @param scalars its scalars, in the order recorded
 */
public record AnalysisRecord(String id, int index, int epoch, Map<String, Double> scalars) {

    /** Copies the scalars, keeping their order. */
    public AnalysisRecord {
        Objects.requireNonNull(id, "id");
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars == null ? Map.of() : scalars));
    }
}
