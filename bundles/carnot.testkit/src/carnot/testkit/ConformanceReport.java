package carnot.testkit;

import carnot.api.analysis.AnalysisResult;
import java.util.List;

/**
 * What the testkit found: one line per check, passed or failed with the reason. Printed as a
 * report (by {@code carnot:check}, and in the message of {@link AnalysisConformance#assertConforms}),
 * never as a stack trace.
 *
 * @param analysis   the analysis checked (id or class) and its settings
 * @param experiment the tiny experiment it was checked on
 * @param checks     in the order they ran
 * @param result     what the analysis returned on the tiny model's final checkpoint (for tests of its
 *                   numbers, e.g. an identity between two of its scalars), or null when it got no
 *                   result
 */
public record ConformanceReport(String analysis, String experiment, List<Check> checks, AnalysisResult result) {

    /**
     * One check.
     *
     * @param name   what is checked, e.g. {@code gradient buffers unchanged}
     * @param passed whether it held
     * @param detail why it failed (what changed, by how much, what to do), or what was seen
     */
    public record Check(String name, boolean passed, String detail) {
    }

    public ConformanceReport {
        checks = List.copyOf(checks);
    }

    /** True when every check passed. */
    public boolean conforms() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The failed checks. */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The report as text: a verdict line, then PASS/FAIL lines with details. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        long failed = failures().size();
        text.append(analysis).append(failed == 0 ? ": conforms" : ": does not conform (" + failed + " of "
                + checks.size() + " checks failed)").append(System.lineSeparator());
        text.append("  on ").append(experiment).append(System.lineSeparator());
        for (Check check : checks) {
            text.append(check.passed() ? "  PASS  " : "  FAIL  ").append(check.name());
            if (!check.detail().isEmpty() && !check.passed()) {
                text.append(System.lineSeparator()).append("        ")
                        .append(check.detail().replace("\n", System.lineSeparator() + "        "));
            }
            text.append(System.lineSeparator());
        }
        return text.toString().stripTrailing();
    }
}
