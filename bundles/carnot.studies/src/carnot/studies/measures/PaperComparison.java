package carnot.studies.measures;

/**
 * One of our measures beside the measure of Jiang et al. (2020) it corresponds to, and what they
 * found for it.
 *
 * @param measure      our measure ({@code <analysis id>.<scalar>} or a run measure)
 * @param paperMeasure their measure (their name)
 * @param relation     how the two correspond: the same quantity, or the same family
 * @param finding      their result for it, as their abstract and conclusions state it
 */
public record PaperComparison(String measure, String paperMeasure, String relation, String finding) {
}
