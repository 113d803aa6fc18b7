package carnot.analysis.linear.internal;

import carnot.analysis.linear.LinearModel;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import java.util.Optional;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.osgi.service.component.annotations.Component;

/**
 * Distance of a linear model trained on the square loss to the minimum-norm interpolant. With
 * X the n x d training inputs (a column of ones appended when the model has a bias) and T the
 * n x K targets c e_{y_i} of the {@code square} loss, the least-squares solutions with the
 * smallest Frobenius norm are W* = X^+ T (Moore-Penrose pseudoinverse, EJML's SVD). Gradient
 * descent or SGD from zero stays in the row space of X, so on an under-determined problem (d > n)
 * it converges to W* (Zhang et al. 2017, section 5; Gunasekar et al. 2018).
 *
 * <p>Reported: {@code distance} ||W^T - W*||_F, {@code relativeDistance} (over ||W*||_F),
 * {@code minNorm} ||W*||_F, {@code norm} ||W||_F, {@code residual} ||X W^T - T||_F / ||T||_F,
 * and {@code outsideRowSpace} ||(I - X^+ X) W^T||_F, the part of W that data never touched (zero
 * for training from zero). W* is computed once per run.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=min-norm")
public final class MinNormProvider implements AnalysisProvider {

    @Override
    public String title() {
        return "Distance to the minimum-norm solution";
    }

    @Override
    public String description() {
        return "Linear model on the square loss: distance to the pseudoinverse solution X^+ T, residual, and the "
                + "part outside the data's row space (Zhang et al. 2017).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SettingsSchema.empty();
    }

    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        if (!"square".equals(target.spec().loss().id())) {
            return Optional.of("min-norm needs the square loss (set loss to 'square'); the run trains on '"
                    + target.spec().loss().id() + "'");
        }
        return LinearTargets.oneLinearLayer("min-norm", target);
    }

    @Override
    public Analysis create(Settings settings) {
        return new Analysis() {
            private Dataset solvedFor;
            private DMatrixRMaj x;
            private DMatrixRMaj pseudoinverse;

            @Override
            public AnalysisResult analyze(AnalysisContext context) {
                if (!"square".equals(context.spec().loss().id())) {
                    throw new IllegalArgumentException("min-norm needs the square loss; the run trains on '"
                            + context.spec().loss().id() + "'");
                }
                LinearModel model = LinearModel.of(context.model());
                Dataset train = context.dataset(Split.TRAIN);
                if (train != solvedFor) {
                    x = inputs(train, model.hasBias());
                    pseudoinverse = new DMatrixRMaj(x.numCols, x.numRows);
                    CommonOps_DDRM.pinv(x, pseudoinverse);
                    solvedFor = train;
                }
                Object scale = context.spec().loss().settings().get("targetScale");
                double c = scale instanceof Number number ? number.doubleValue() : 1.0;
                int k = model.w().length;
                DMatrixRMaj targets = new DMatrixRMaj(train.size(), k);
                for (int i = 0; i < train.size(); i++) {
                    targets.set(i, train.labels()[i], c);
                }
                DMatrixRMaj best = new DMatrixRMaj(x.numCols, k);
                CommonOps_DDRM.mult(pseudoinverse, targets, best);
                DMatrixRMaj trained = transposedWeights(model, x.numCols);
                DMatrixRMaj difference = new DMatrixRMaj(x.numCols, k);
                CommonOps_DDRM.subtract(trained, best, difference);
                DMatrixRMaj fitted = new DMatrixRMaj(train.size(), k);
                CommonOps_DDRM.mult(x, trained, fitted);
                CommonOps_DDRM.subtractEquals(fitted, targets);
                DMatrixRMaj projected = new DMatrixRMaj(x.numRows, k);
                CommonOps_DDRM.mult(x, trained, projected);
                DMatrixRMaj inRowSpace = new DMatrixRMaj(x.numCols, k);
                CommonOps_DDRM.mult(pseudoinverse, projected, inRowSpace);
                DMatrixRMaj outside = new DMatrixRMaj(x.numCols, k);
                CommonOps_DDRM.subtract(trained, inRowSpace, outside);

                double minNorm = NormOps_DDRM.normF(best);
                double distance = NormOps_DDRM.normF(difference);
                AnalysisResult.Builder result = AnalysisResult.builder();
                result.scalar("distance", distance);
                if (minNorm > 0) {
                    result.scalar("relativeDistance", distance / minNorm);
                }
                result.scalar("minNorm", minNorm);
                result.scalar("norm", NormOps_DDRM.normF(trained));
                result.scalar("residual", NormOps_DDRM.normF(fitted) / NormOps_DDRM.normF(targets));
                result.scalar("outsideRowSpace", NormOps_DDRM.normF(outside));
                return result.build();
            }
        };
    }

    /** The n x d (or d + 1 with a bias column of ones) input matrix. */
    static DMatrixRMaj inputs(Dataset data, boolean bias) {
        int d = data.featureSize();
        DMatrixRMaj x = new DMatrixRMaj(data.size(), d + (bias ? 1 : 0));
        float[] features = data.features();
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, features[i * d + j]);
            }
            if (bias) {
                x.set(i, d, 1);
            }
        }
        return x;
    }

    /** W^T (d x K), with the biases as the last row when the model has them. */
    private static DMatrixRMaj transposedWeights(LinearModel model, int rows) {
        int k = model.w().length;
        DMatrixRMaj t = new DMatrixRMaj(rows, k);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < model.w()[c].length; j++) {
                t.set(j, c, model.w()[c][j]);
            }
            if (model.hasBias()) {
                t.set(rows - 1, c, model.b()[c]);
            }
        }
        return t;
    }
}
