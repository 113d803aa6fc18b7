package carnot.studies.measures;

import java.util.List;

/**
 * A measure study as written to its folder: the table of runs and measures, the statistics of every
 * measure (sorted by tau, highest first) and Jiang et al.'s published values for the measures both
 * studies have.
 *
 * @param format     the file format version
 * @param createdAt  when the study was computed (ISO-8601)
 * @param table      the runs and measures
 * @param options    how the statistics were computed
 * @param statistics one row per measure
 * @param paper      Jiang et al.'s values beside ours, one row per measure both have
 */
public record MeasureStudyResult(int format, String createdAt, MeasureTable table, MeasureStatistics.Options options,
        List<MeasureStatistics> statistics, List<PaperComparison> paper) {

    /** The current format version. */
    public static final int FORMAT = 1;

    public MeasureStudyResult {
        statistics = List.copyOf(statistics);
        paper = List.copyOf(paper);
    }

    /** The statistics row of a measure, or null. */
    public MeasureStatistics statistics(String measure) {
        return statistics.stream().filter(s -> s.measure().equals(measure)).findFirst().orElse(null);
    }
}
