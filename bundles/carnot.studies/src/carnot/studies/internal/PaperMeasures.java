package carnot.studies.internal;

import carnot.studies.measures.PaperComparison;

import java.util.ArrayList;
import java.util.List;

/**
 * The measures of Jiang, Neyshabur, Mobahi, Krishnan and Bengio (ICLR 2020) that Carnot records too,
 * with what they found for each. The statistics are rank statistics, so a measure and its logarithm
 * (they report log norms) have the same tau, psi and conditional mutual information.
 *
 * <p>Their findings as the paper's abstract and conclusions state them (and Carnot's SCIENCE notes,
 * P17): measures based on sharpness and PAC-Bayes flatness were the most predictive of the gap,
 * over all networks and in the conditional-independence test; norm products (spectral) and the
 * number of parameters were unpredictive or negatively correlated. Their per-measure tables (rank
 * correlations per hyper-parameter and the conditional mutual information, on CIFAR-10 and SVHN
 * convolutional networks) could not be read on this machine, so no number of theirs is quoted here:
 * a row says which of their measures ours corresponds to and what they concluded for its family.
 */
public final class PaperMeasures {

    private static final String SHARPNESS = "among the most predictive measures (sharpness and PAC-Bayes "
            + "flatness lead both the rank correlation and the conditional-independence test)";
    private static final String UNPREDICTIVE = "unpredictive or negatively correlated with the gap";

    private static final List<PaperComparison> KNOWN = List.of(
            new PaperComparison("parameterCount", "# params", "the same quantity", UNPREDICTIVE),
            new PaperComparison("bounds.vc.dimension", "VC dimension", "the same family (Carnot's VC bound "
                    + "uses the parameter count)", UNPREDICTIVE),
            new PaperComparison("norms.spectralProduct", "prod-of-spec (log)", "the same quantity (rank statistics "
                    + "ignore the log)", UNPREDICTIVE),
            new PaperComparison("normalized-margins.spectralComplexity", "spec-orig (log)", "the same family: "
                    + "Bartlett et al.'s spectral complexity", UNPREDICTIVE),
            new PaperComparison("sharpness.pacBayes.flatness", "pacbayes.flatness 1/sigma'^2",
                    "the same quantity: 1/sigma^2 of the largest sigma keeping the mean loss increase under "
                            + "N(0, sigma^2) noise within a tolerance", SHARPNESS),
            new PaperComparison("sharpness.pacBayes.sigma", "pacbayes.flatness 1/sigma'", "the same quantity, "
                    + "inverted by its sign", SHARPNESS),
            new PaperComparison("pac-bayes-bound.sigma", "pacbayes.flatness 1/sigma'", "the same family: sigma "
                    + "searched on the train error instead of the loss", SHARPNESS),
            new PaperComparison("pac-bayes-bound.bound", "pacbayes.init", "the same family: a PAC-Bayes bound with "
                    + "the prior at the initialization", SHARPNESS),
            new PaperComparison("sharpness.epsSharpness", "sharpness.flatness 1/alpha'", "the same family: Keskar "
                    + "et al.'s worst-case loss in a box of fixed size, where they search the largest box",
                    SHARPNESS));

    private PaperMeasures() {
    }

    /** The comparisons for those of {@code measures} that Jiang et al. studied, in their order. */
    public static List<PaperComparison> beside(List<String> measures) {
        List<PaperComparison> rows = new ArrayList<>();
        for (PaperComparison known : KNOWN) {
            if (measures.contains(known.measure())) {
                rows.add(known);
            }
        }
        return rows;
    }

    /** Every measure this table knows. */
    public static List<PaperComparison> all() {
        return KNOWN;
    }
}
