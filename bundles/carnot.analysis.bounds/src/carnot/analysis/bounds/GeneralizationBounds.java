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
     * The spectrally-normalized margin bound of Bartlett, Foster and Telgarsky (2017,
     * "Spectrally-normalized margin bounds for neural networks", NeurIPS). Theorem 1.1 states it
     * for networks F_A(x) = sigma_L(A_L sigma_{L-1}(... sigma_1(A_1 x) ...)) without biases, each
     * sigma_i rho_i-Lipschitz with sigma_i(0) = 0, and reference matrices M_i fixed in advance: with
     * probability at least 1 - delta, every margin gamma > 0 and every such network satisfy
     *
     * <pre>
     *   Pr[argmax_j F_A(x)_j != y] <= R_gamma(F_A) + O~( ||X||_2 R_A ln(W) / (gamma n) + sqrt(ln(1/delta) / n) )
     * </pre>
     *
     * where R_gamma is the fraction of training examples with f(x_i)_{y_i} <= gamma + max_{j != y_i}
     * f(x_i)_j, ||X||_2 = sqrt(sum_i ||x_i||_2^2), W the largest width (inputs included) and R_A the
     * spectral complexity (eq. 1.2, computed by {@code carnot.analysis.norms.SpectralComplexity}).
     * The O~ is made explicit in the appendix for a margin gamma and norm budgets s_i >=
     * ||A_i||_sigma, b_i >= ||A_i^T - M_i^T||_{2,1} fixed before the sample: the Rademacher
     * complexity of the ramp-loss class is at most 4/n + 36 ||X||_2 R ln(2W) ln(n) / (gamma n)
     * (Lemma A.8, Dudley's entropy integral over the covering numbers of Theorem 3.3) with
     * R = prod_i rho_i s_i (sum_i (b_i / s_i)^{2/3})^{3/2}, and the standard Rademacher bound
     * (Lemma A.4: E f <= E_n f + 2 Rad + 3 sqrt(ln(2/delta) / (2n)); Bartlett and Mendelson 2002,
     * Mohri et al. 2018, Theorem 3.3) turns it into
     *
     * <pre>
     *   error <= R_gamma + 8/n + 72 ||X||_2 R ln(2W) ln(n) / (gamma n) + 3 sqrt(ln(2/delta) / (2n)).
     * </pre>
     *
     * This is that fixed-budget form, evaluated at s_i = ||A_i||_sigma, b_i = ||A_i^T - M_i^T||_{2,1}
     * (so R = R_A). Choosing gamma and the budgets after seeing the data, as an analysis does, is
     * paid for in Theorem 1.1 by a union bound over a grid of budgets, which adds logarithmic terms
     * in n, 1/gamma and the norms that are not included here: the value is the bound for the
     * measured quantities, not a certificate uniform over them.
     *
     * @param marginLoss R_gamma, the fraction of training margins <= gamma
     * @param gamma      the margin, > 0
     * @param complexity R_A
     * @param inputNorm  ||X||_2 over the n training inputs
     * @param width      W, the largest layer width, inputs included
     * @param n          training examples
     * @param delta      failure probability
     */
    public static double spectralMargin(double marginLoss, double gamma, double complexity, double inputNorm,
            int width, int n, double delta) {
        return marginLoss + 8.0 / n + 72 * inputNorm * complexity * Math.log(2.0 * width) * Math.log(n) / (gamma * n)
                + 3 * Math.sqrt(Math.log(2 / delta) / (2.0 * n));
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

    /**
     * An upper confidence bound on E_Q[train error] from k networks drawn from Q: the mean of their
     * train errors (each in [0, 1]) plus sqrt(ln(1/delta) / (2k)), Hoeffding's inequality, capped
     * at 1. McAllester's bound is about the exact E_Q[train error]; a Monte Carlo mean plugged in
     * is an estimate, and Dziugaite and Roy (2017, section 3) pay for it the same way (with the
     * sample convergence bound of Langford and Caruana 2001).
     */
    public static double monteCarloUpper(double mean, int samples, double delta) {
        return Math.min(1, mean + Math.sqrt(Math.log(1 / delta) / (2.0 * samples)));
    }

    /** KL(N(mu_q, s^2 I) || N(mu_p, s^2 I)) = ||mu_q - mu_p||^2 / (2 s^2). */
    public static double isotropicGaussianKl(double squaredDistance, double sigma) {
        return squaredDistance / (2 * sigma * sigma);
    }
}
