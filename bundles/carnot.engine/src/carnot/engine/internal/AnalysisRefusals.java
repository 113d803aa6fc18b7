package carnot.engine.internal;

import carnot.api.analysis.AnalysisTarget;
import carnot.api.experiment.InvalidExperimentException;
import carnot.engine.internal.DefaultExperimentRunner.ScheduledAnalysis;
import java.util.List;
import java.util.Optional;

/**
 * Asks every analysis of an experiment whether it can measure it ({@code AnalysisProvider.refusal}),
 * before anything trains or is written; the first refusal is bad input of the analysis's field.
 */
final class AnalysisRefusals {

    private AnalysisRefusals() {
    }

    static void check(List<ScheduledAnalysis> analyses, AnalysisTarget target) throws InvalidExperimentException {
        for (int i = 0; i < analyses.size(); i++) {
            ScheduledAnalysis scheduled = analyses.get(i);
            check(scheduled, "analyses[" + i + "]", target);
        }
    }

    static void check(ScheduledAnalysis analysis, String field, AnalysisTarget target)
            throws InvalidExperimentException {
        Optional<String> refusal;
        try {
            refusal = analysis.resolved().provider().refusal(analysis.resolved().settings(), target);
        } catch (RuntimeException e) {
            throw new InvalidExperimentException(field, "analysis '" + analysis.spec().id() + "' failed to check the "
                    + "experiment: " + FailureMessages.describe(e), e);
        }
        if (refusal != null && refusal.isPresent()) {
            throw new InvalidExperimentException(field, refusal.get());
        }
    }
}
