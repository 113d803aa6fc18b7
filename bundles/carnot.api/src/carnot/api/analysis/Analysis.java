package carnot.api.analysis;

/** One configured analysis, run on a schedule during training or on a saved checkpoint. */
@FunctionalInterface
public interface Analysis {

    /**
     * Computes the analysis. An exception fails this analysis only; the run goes on and the
     * failure is recorded.
     */
    AnalysisResult analyze(AnalysisContext context) throws Exception;
}
