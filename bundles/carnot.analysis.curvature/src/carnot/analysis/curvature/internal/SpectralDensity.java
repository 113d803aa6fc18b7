package carnot.analysis.curvature.internal;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.SymmetricOperator;
import carnot.curvature.linalg.Vectors;
import java.util.SplittableRandom;

/**
 * Stochastic Lanczos quadrature for the eigenvalue density
 * {@code phi(t) = (1/n) sum_i delta(t - lambda_i)} of a symmetric A (Lin, Saad & Yang 2016;
 * Ubaru, Chen & Saad 2017; for neural network Hessians Ghorbani, Krishnan & Xiao 2019 and
 * PyHessian). For each of {@code probes} Rademacher vectors v (scaled to unit norm), m Lanczos
 * steps give T_m = S diag(theta) S^T; the Gauss quadrature nodes theta_i with weights
 * {@code tau_i = (S_{1i})^2} satisfy {@code sum_i tau_i theta_i^k = v^T A^k v} exactly for
 * k < 2m. Averaged over probes, {@code E[v^T A^k v] = tr(A^k) / n}. The density is smoothed
 * with a Gaussian of width sigma: {@code phi_sigma(t) = (1/probes) sum_l sum_i tau_{l,i} N(t; theta_{l,i}, sigma^2)}.
 */
public final class SpectralDensity {

    /** Nodes and weights, one row per probe. */
    public record Quadrature(double[][] nodes, double[][] weights) {

        /** {@code (1/probes) sum_l sum_i tau_{l,i} theta_{l,i}^k}, the estimate of tr(A^k)/n. */
        public double moment(int k) {
            double sum = 0;
            for (int l = 0; l < nodes.length; l++) {
                for (int i = 0; i < nodes[l].length; i++) {
                    sum += weights[l][i] * Math.pow(nodes[l][i], k);
                }
            }
            return sum / nodes.length;
        }

        /** The smallest node. */
        public double min() {
            return -extreme(-1);
        }

        /** The largest node. */
        public double max() {
            return extreme(1);
        }

        private double extreme(double sign) {
            double best = Double.NEGATIVE_INFINITY;
            for (double[] row : nodes) {
                for (double t : row) {
                    best = Math.max(best, sign * t);
                }
            }
            return best;
        }

        /** The Gaussian-smoothed density at each grid point. */
        public double[] density(double[] grid, double sigma) {
            double[] phi = new double[grid.length];
            double norm = 1 / (sigma * Math.sqrt(2 * Math.PI) * nodes.length);
            for (int l = 0; l < nodes.length; l++) {
                for (int i = 0; i < nodes[l].length; i++) {
                    for (int g = 0; g < grid.length; g++) {
                        double z = (grid[g] - nodes[l][i]) / sigma;
                        phi[g] += weights[l][i] * norm * Math.exp(-0.5 * z * z);
                    }
                }
            }
            return phi;
        }
    }

    private SpectralDensity() {
    }

    /** Runs the quadrature: {@code probes} Lanczos runs of at most {@code steps} steps each. */
    public static Quadrature quadrature(SymmetricOperator a, int probes, int steps, SplittableRandom random,
            ProgressMonitor monitor) {
        double[][] nodes = new double[probes][];
        double[][] weights = new double[probes][];
        for (int l = 0; l < probes; l++) {
            Lanczos.Tridiagonal t = Lanczos.run(a, Vectors.rademacher(a.dimension(), random), steps, monitor,
                    "spectral density, probe " + (l + 1) + "/" + probes);
            Lanczos.RitzValues ritz = t.ritz();
            nodes[l] = ritz.values();
            weights[l] = new double[nodes[l].length];
            for (int i = 0; i < nodes[l].length; i++) {
                double first = ritz.vectors()[i][0];
                weights[l][i] = first * first;
            }
        }
        return new Quadrature(nodes, weights);
    }

    /** {@code points} equally spaced values from {@code from} to {@code to}. */
    public static double[] grid(double from, double to, int points) {
        double[] grid = new double[points];
        for (int g = 0; g < points; g++) {
            grid[g] = points == 1 ? from : from + (to - from) * g / (points - 1);
        }
        return grid;
    }
}
