package carnot.curvature.linalg;

import carnot.api.component.ProgressMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The symmetric Lanczos process with full reorthogonalization (Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 10.1.1 and Sec. 10.3.1): from a unit vector q_1 it builds an
 * orthonormal basis Q_m of the Krylov space K_m(A, q_1) and the tridiagonal
 * {@code T_m = Q_m^T A Q_m} with diagonal alpha_j = q_j^T A q_j and off-diagonal beta_j. Every new
 * vector is orthogonalized against all previous ones (twice), so Ritz values do not duplicate
 * (no "ghost" eigenvalues) at the price of storing the basis: m vectors of dimension n.
 *
 * <p>The eigenpairs (theta_i, s_i) of T_m give Ritz pairs (theta_i, Q_m s_i) of A with residual
 * {@code ||A Q s_i - theta_i Q s_i|| = beta_m |e_m^T s_i|} (Paige's bound, exact in exact arithmetic).
 */
public final class Lanczos {

    /** The tridiagonal, the basis and how the process ended. */
    public record Tridiagonal(double[] alpha, double[] beta, List<double[]> basis) {

        public int steps() {
            return alpha.length;
        }

        /** Eigen-decomposition of T_m: eigenvalues descending, columns of vectors aligned. */
        public RitzValues ritz() {
            return RitzValues.of(alpha, beta);
        }
    }

    /** Eigenvalues (descending) and eigenvectors (rows: vector i is row i) of a symmetric tridiagonal. */
    public record RitzValues(double[] values, double[][] vectors) {

        /** EJML's symmetric QR algorithm on the dense m x m tridiagonal (m is small: the step count). */
        public static RitzValues of(double[] alpha, double[] beta) {
            int m = alpha.length;
            DMatrixRMaj t = new DMatrixRMaj(m, m);
            for (int i = 0; i < m; i++) {
                t.set(i, i, alpha[i]);
                if (i + 1 < m) {
                    t.set(i, i + 1, beta[i]);
                    t.set(i + 1, i, beta[i]);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
            if (!eig.decompose(t)) {
                throw new IllegalStateException("EJML eigendecomposition of the " + m + "x" + m + " Lanczos tridiagonal failed");
            }
            Integer[] order = new Integer[m];
            double[] raw = new double[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
                raw[i] = eig.getEigenvalue(i).getReal();
            }
            Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
            double[] values = new double[m];
            double[][] vectors = new double[m][];
            for (int i = 0; i < m; i++) {
                values[i] = raw[order[i]];
                vectors[i] = eig.getEigenVector(order[i]).getData().clone();
            }
            return new RitzValues(values, vectors);
        }
    }

    private Lanczos() {
    }

    /** The state of one Lanczos process: basis, coefficients so far, the next residual vector. */
    private static final class Process {
        final SymmetricOperator a;
        final List<double[]> basis = new ArrayList<>();
        final double[] alpha;
        final double[] beta;
        final double[] w;
        double[] q;
        double scale;
        int steps;

        Process(SymmetricOperator a, double[] start, int maxSteps) {
            this.a = a;
            int m = Math.min(maxSteps, a.dimension());
            alpha = new double[m];
            beta = new double[m];
            w = new double[a.dimension()];
            q = start.clone();
            if (Vectors.normalize(q) == 0) {
                throw new IllegalArgumentException("Lanczos start vector is zero");
            }
        }

        boolean hasRoom() {
            return steps < alpha.length;
        }

        /** One step (one product); returns whether the Krylov space became invariant. */
        boolean step() {
            basis.add(q);
            a.apply(q, w);
            alpha[steps] = Vectors.dot(q, w);
            Vectors.orthogonalize(w, basis);
            beta[steps] = Vectors.norm(w);
            scale = Math.max(scale, Math.max(Math.abs(alpha[steps]), beta[steps]));
            steps++;
            boolean invariant = beta[steps - 1] <= 1e-12 * scale;
            if (!invariant) {
                q = w.clone();
                Vectors.scale(1 / beta[steps - 1], q);
            }
            return invariant;
        }

        RitzValues ritz() {
            return RitzValues.of(Arrays.copyOf(alpha, steps), Arrays.copyOf(beta, steps));
        }
    }

    /**
     * Runs at most {@code steps} Lanczos steps from {@code start} (normalized here, not modified).
     * Stops early when the Krylov space becomes invariant (beta below 1e-12 times the largest
     * |alpha| or |beta| seen). The returned beta has the same length as alpha; its last entry is
     * beta_m, the residual norm scale.
     */
    public static Tridiagonal run(SymmetricOperator a, double[] start, int steps, ProgressMonitor monitor, String task) {
        Process process = new Process(a, start, steps);
        while (process.hasRoom()) {
            monitor.checkCancelled();
            boolean invariant = process.step();
            monitor.worked(task, process.steps, process.alpha.length);
            if (invariant) {
                break;
            }
        }
        return new Tridiagonal(Arrays.copyOf(process.alpha, process.steps), Arrays.copyOf(process.beta, process.steps),
                process.basis);
    }

    /**
     * The k largest eigenpairs of A: Lanczos steps until the top k Ritz pairs have residual
     * {@code beta_m |s_{m,i}| <= tolerance * max(|theta_i|, tiny)} or {@code maxSteps} is reached.
     */
    public static TopEigenpairs top(SymmetricOperator a, int k, int maxSteps, double tolerance, double[] start,
            ProgressMonitor monitor) {
        Process process = new Process(a, start, maxSteps);
        RitzValues ritz = null;
        double[] residuals = null;
        while (process.hasRoom()) {
            monitor.checkCancelled();
            boolean invariant = process.step();
            int j = process.steps;
            monitor.worked("Lanczos", j, process.alpha.length);
            if (j >= k || invariant || !process.hasRoom()) {
                ritz = process.ritz();
                residuals = new double[Math.min(k, j)];
                boolean converged = j >= k;
                for (int i = 0; i < residuals.length; i++) {
                    residuals[i] = invariant ? 0 : process.beta[j - 1] * Math.abs(ritz.vectors()[i][j - 1]);
                    if (residuals[i] > tolerance * Math.max(Math.abs(ritz.values()[i]), 1e-30)) {
                        converged = false;
                    }
                }
                if (converged || invariant) {
                    break;
                }
            }
        }
        int found = Math.min(k, process.steps);
        double[] values = Arrays.copyOf(ritz.values(), found);
        List<double[]> vectors = new ArrayList<>();
        for (int i = 0; i < found; i++) {
            double[] u = new double[a.dimension()];
            double[] s = ritz.vectors()[i];
            for (int l = 0; l < process.steps; l++) {
                Vectors.axpy(s[l], process.basis.get(l), u);
            }
            Vectors.normalize(u);
            vectors.add(u);
        }
        return new TopEigenpairs(values, vectors, Arrays.copyOf(residuals, found), process.steps);
    }

    /** Eigenvalues largest first, unit eigenvectors, residual norms and the products used. */
    public record TopEigenpairs(double[] values, List<double[]> vectors, double[] residuals, int products) {
    }
}
