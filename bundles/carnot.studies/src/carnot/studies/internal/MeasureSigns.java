package carnot.studies.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which recorded scalars are complexity measures, and their direction.
 *
 * <p>Jiang et al. (2020) orient every measure so that it should rise with the generalization gap: a
 * complexity (a norm, a sharpness, a bound) enters as it is, a quantity that should fall as the gap
 * grows enters inverted (they use 1/margin and 1/sigma'). The study does the same with a sign: the
 * statistics of a measure are those of {@code sign * value}. Sign -1: the margin statistics of the
 * {@code margins} and {@code normalized-margins} analyses (min, mean, median, 5% quantile), the
 * spectral bound's margin {@code gamma}, and the PAC-Bayes flatness radius {@code sigma} (a flatter
 * minimum tolerates a larger sigma). Sign +1: everything else, including the fraction of training
 * examples at a non-positive margin and {@code pacBayes.flatness} = 1/sigma^2.
 *
 * <p>Not measures: scalars computed from the test split ({@code test*}, {@code gap}, the validation
 * bound's held-out error), which would measure the gap with the gap, and scalars that describe how
 * an analysis ran rather than the network (example and Hessian-vector product counts, search cost,
 * standard errors, 0/1 flags).
 */
public final class MeasureSigns {

    private static final List<String> MARGIN_ANALYSES = List.of("margins", "normalized-margins");
    private static final List<String> MARGIN_STATISTICS = List.of("min", "mean", "median", "q05");
    private static final List<String> BOOKKEEPING = List.of("examples", "products", "searchCost", "standardError",
            "capped", "vacuous", "applies", "candidates", "m", "parameters", "inputNorm");

    private MeasureSigns() {
    }

    /**
     * Why a recorded scalar is not a measure, if it is not.
     *
     * @param name {@code <analysis id>.<scalar>}, as a sweep summary names it
     */
    public static Optional<String> excluded(String name) {
        String[] segments = scalar(name).split("\\.");
        for (String s : segments) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("test") || lower.equals("gap") || lower.startsWith("validation")
                    || lower.startsWith("heldout")) {
                return Optional.of("computed from the test split");
            }
        }
        if (BOOKKEEPING.contains(segments[segments.length - 1])) {
            return Optional.of("describes how the analysis ran, not the network");
        }
        return Optional.empty();
    }

    /** +1 for a complexity, -1 for a quantity expected to fall as the gap grows. */
    public static int sign(String name) {
        return inverted(name) == null ? 1 : -1;
    }

    /** The sign convention applied to {@code name}, for humans. */
    public static String convention(String name) {
        String why = inverted(name);
        return why == null ? "complexity: enters as recorded" : "inverted: " + why;
    }

    private static String inverted(String name) {
        String analysis = name.contains(".") ? name.substring(0, name.indexOf('.')) : "";
        String[] segments = scalar(name).split("\\.");
        String last = segments[segments.length - 1];
        if (MARGIN_ANALYSES.contains(analysis) && MARGIN_STATISTICS.contains(last)) {
            return "a margin (Jiang et al. use 1/margin)";
        }
        if (last.equals("gamma")) {
            return "the margin gamma of the spectral bound";
        }
        if (last.equals("sigma")) {
            return "the PAC-Bayes flatness radius (Jiang et al. use 1/sigma')";
        }
        return null;
    }

    /** The scalar's name after its analysis id. */
    private static String scalar(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
