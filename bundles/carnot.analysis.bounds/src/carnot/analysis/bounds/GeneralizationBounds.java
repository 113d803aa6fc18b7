package carnot.analysis.bounds;

/**
 * Upper bounds on the expected 0-1 error of a classifier, each holding with probability at
 * least 1 - delta over the draw of the sample. Pure functions of their ingredients.
 */
public final class GeneralizationBounds {

    private GeneralizationBounds() {
    }

    /**
     * Vapnik's VC bound (Vapnik 1995; as stated in Burges 1998, "A tutorial on support vector
     * machines", eq. 3): error <= trainError + sqrt((h (ln(2m/h) + 1) - ln(delta/4)) / m) for a
     * class of VC dimension h and m training examples; infinite (vacuous) when h >= m.
     */
    public static double vc(double trainError, double h, int m, double delta) {
        if (h >= m) {
            return Double.POSITIVE_INFINITY;
        }
        return trainError + Math.sqrt((h * (Math.log(2.0 * m / h) + 1) - Math.log(delta / 4)) / m);
    }

    /**
     * The spectrally-normalized margin bound of Bartlett, Foster and Telgarsky (2017, Theorem 1.1,
     * in the explicit form of its proof for a fixed margin gamma and complexity):
     *
     * <pre>
     *   error <= R_gamma + 8/n + 72 ||X||_2 R_A ln(2W) ln(n) / (gamma n) + 3 sqrt(ln(1/delta) / (2n))
     * </pre>
     *
     * with R_gamma the fraction of training margins <= gamma, R_A the spectral complexity, ||X||_2
     * the Frobenius norm of the n training inputs and W the largest layer width. Making it uniform
     * over gamma and R_A adds only logarithmic terms, not included here.
     */
    public static double spectralMargin(double marginLoss, double gamma, double complexity, double inputNorm,
            int width, int n, double delta) {
        return marginLoss + 8.0 / n + 72 * inputNorm * complexity * Math.log(2.0 * width) * Math.log(n) / (gamma * n)
                + 3 * Math.sqrt(Math.log(1 / delta) / (2.0 * n));
    }

    /**
     * The validation bound of Kawaguchi, Kaelbling and Bengio (2017, "Generalization in deep
     * learning", Proposition 5 for the 0-1 loss): for every model in a set F_val chosen without
     * looking at the m validation examples, error <= validationError + sqrt(ln(|F_val| / delta) / (2m))
     * (Hoeffding's inequality and a union bound over F_val).
     */
    public static double validation(double validationError, double candidates, int m, double delta) {
        return validationError + Math.sqrt(Math.log(candidates / delta) / (2.0 * m));
    }

    /**
     * McAllester's PAC-Bayes bound (McAllester 1999, "PAC-Bayesian model averaging", Theorem 1):
     * for every posterior Q, E_Q[error] <= E_Q[trainError] + sqrt((KL(Q||P) + ln(1/delta) + ln m + 2)
     * / (2m - 1)), P a prior fixed before the sample.
     */
    public static double pacBayes(double posteriorTrainError, double kl, int m, double delta) {
        return posteriorTrainError + Math.sqrt((kl + Math.log(1 / delta) + Math.log(m) + 2) / (2.0 * m - 1));
    }

    /** KL(N(mu_q, s^2 I) || N(mu_p, s^2 I)) = ||mu_q - mu_p||^2 / (2 s^2). */
    public static double isotropicGaussianKl(double squaredDistance, double sigma) {
        return squaredDistance / (2 * sigma * sigma);
    }
}
