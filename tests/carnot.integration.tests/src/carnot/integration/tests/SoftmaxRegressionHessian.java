package carnot.integration.tests;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Split;
import carnot.api.datasets.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Hessian of the mean softmax cross-entropy of a linear model z = W x + b, in closed form and
 * without autograd: with p = softmax(z) and S = diag(p) - p p^T (the Hessian of -log softmax(z)_y
 * in z, independent of y), every example adds S_kl x_j x_m at (W_kj, W_lm), S_kl x_j at
 * (W_kj, b_l) and S_kl at (b_k, b_l); the mean over the n examples is H. Its eigenvalues come
 * from EJML's dense symmetric eigensolver, a reference apart from the Lanczos and Hutchinson code
 * that sees H only through Hessian-vector products.
 */
final class SoftmaxRegressionHessian {

    private SoftmaxRegressionHessian() {
    }

    /** As an analysis: the dense spectrum, the exact trace and Hutchinson's per-probe variance. */
    static AnalysisResult reference(AnalysisContext context) {
        DMatrixRMaj h = of(context);
        double[] eigenvalues = eigenvaluesDescending(h);
        double trace = 0;
        double frobeniusSquared = 0;
        double diagonalSquared = 0;
        for (int i = 0; i < h.numRows; i++) {
            trace += h.get(i, i);
            diagonalSquared += h.get(i, i) * h.get(i, i);
            for (int j = 0; j < h.numCols; j++) {
                frobeniusSquared += h.get(i, j) * h.get(i, j);
            }
        }
        return AnalysisResult.builder()
                .series("eigenvalues", eigenvalues)
                .scalar("trace", trace)
                // Rademacher probes: Var(z^T H z) = 2 (||H||_F^2 - sum_i H_ii^2) (Hutchinson 1990; Avron & Toledo 2011).
                .scalar("hutchinson.variancePerProbe", 2 * (frobeniusSquared - diagonalSquared))
                .build();
    }

    /** H over the whole training split, parameters ordered W (row-major, out x in) then b. */
    static DMatrixRMaj of(AnalysisContext context) {
        float[] w = null;
        float[] b = null;
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                w = parameter.getArray().toFloatArray();
            } else if (parameter.getType() == Parameter.Type.BIAS) {
                b = parameter.getArray().toFloatArray();
            }
        }
        if (w == null || b == null || context.model().getParameters().size() != 2) {
            throw new IllegalStateException("expected a linear model (one weight, one bias)");
        }
        Dataset data = context.dataset(Split.TRAIN);
        int classes = b.length;
        int d = data.featureSize();
        int p = classes * d + classes;
        float[] x = data.features();
        DMatrixRMaj h = new DMatrixRMaj(p, p);
        double[] xt = new double[d + 1];
        double[] prob = new double[classes];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                xt[j] = x[i * d + j];
            }
            xt[d] = 1;
            softmax(w, b, xt, d, prob);
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l < classes; l++) {
                    double s = (k == l ? prob[k] : 0) - prob[k] * prob[l];
                    for (int j = 0; j <= d; j++) {
                        int row = j < d ? k * d + j : classes * d + k;
                        for (int m = 0; m <= d; m++) {
                            int col = m < d ? l * d + m : classes * d + l;
                            h.data[row * p + col] += s * xt[j] * xt[m];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < h.data.length; i++) {
            h.data[i] /= data.size();
        }
        return h;
    }

    private static void softmax(float[] w, float[] b, double[] xt, int d, double[] prob) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < prob.length; k++) {
            double z = b[k];
            for (int j = 0; j < d; j++) {
                z += w[k * d + j] * xt[j];
            }
            prob[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < prob.length; k++) {
            prob[k] = Math.exp(prob[k] - max);
            sum += prob[k];
        }
        for (int k = 0; k < prob.length; k++) {
            prob[k] /= sum;
        }
    }

    static double[] eigenvaluesDescending(DMatrixRMaj h) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(h.numRows, false, true);
        if (!eig.decompose(h.copy())) {
            throw new IllegalStateException("EJML's symmetric eigendecomposition failed");
        }
        double[] values = new double[h.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(values);
        double[] descending = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            descending[i] = values[values.length - 1 - i];
        }
        return descending;
    }
}
