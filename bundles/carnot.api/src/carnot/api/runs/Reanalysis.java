package carnot.api.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a re-analysis of a run's checkpoints added to its folder.
 *
 * @param folder  the run folder
 * @param id      the analysis id
 * @param index   the new analysis index its results are recorded under
 *                ({@code analyses/<index>-<id>/epoch-NNNN.json})
 * @param results one record per checkpoint analyzed, by epoch
 */
public record Reanalysis(Path folder, String id, int index, List<AnalysisRecord> results) {

    /** Copies the results. */
    public Reanalysis {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(id, "id");
        results = List.copyOf(results);
    }
}
