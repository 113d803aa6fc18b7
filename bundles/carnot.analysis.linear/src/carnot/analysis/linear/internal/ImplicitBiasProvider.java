package carnot.analysis.linear.internal;

import carnot.analysis.linear.BinaryData;
import carnot.analysis.linear.HardMarginSvm;
import carnot.analysis.linear.LinearModel;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.curvature.linalg.Vectors;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The implicit bias of gradient descent towards the maximum margin (Soudry, Hoffer, Nacson,
 * Gunasekar and Srebro 2018, "The implicit bias of gradient descent on separable data", Theorem 3):
 * for a linear classifier trained on linearly separable two-class data with the logistic or
 * exponential loss (or cross-entropy, which for K = 2 is the logistic loss of f_1 - f_0), the
 * direction v(t)/||v(t)|| converges to the hard-margin SVM's w* / ||w*||, while ||v(t)|| grows like
 * log t, and the convergence in direction is only logarithmic: the angle falls like 1/log t.
 *
 * <p>Reported: {@code angle} (radians) between v = w_1 - w_0 (with b_1 - b_0 appended when the
 * model has a bias, matched by a constant feature in the SVM) and w*; {@code normalizedMargin}
 * min_i y_i v.x_i / ||v|| and {@code svm.margin} 1/||w*||, their ratio {@code marginRatio} (1 at
 * the maximum margin); {@code minMargin} min_i y_i v.x_i, which grows like log t; {@code norm}
 * ||v||; the SVM's certified {@code svm.gap} and {@code svm.supportVectors}. The SVM is solved
 * once per run ({@link HardMarginSvm}).
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=implicit-bias")
public final class ImplicitBiasProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("relativeGap", 1e-10, "stop the SVM solver at this relative duality gap").greaterThan(0)
                    .max(0.1),
            Setting.integer("maxSweeps", 1_000_000, "give up the SVM after this many passes over the data").min(1));

    @Override
    public String title() {
        return "Implicit bias towards the max-margin direction";
    }

    @Override
    public String description() {
        return "Angle between a linear classifier's direction and the hard-margin SVM's, normalized and raw margins "
                + "(Soudry et al. 2018); two classes, linear model.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        if (target.numClasses() != 2) {
            return Optional.of("implicit-bias needs a dataset with 2 classes; it has " + target.numClasses()
                    + " (use the class-subset perturbation to pick two)");
        }
        return LinearTargets.oneLinearLayer("implicit-bias", target);
    }

    @Override
    public Analysis create(Settings settings) {
        double relativeGap = settings.getDouble("relativeGap");
        int maxSweeps = settings.getInt("maxSweeps");
        return new Analysis() {
            private Dataset solvedFor;
            private boolean solvedWithBias;
            private HardMarginSvm.Solution svm;

            @Override
            public AnalysisResult analyze(carnot.api.analysis.AnalysisContext context) {
                LinearModel model = LinearModel.of(context.model());
                Dataset train = context.dataset(Split.TRAIN);
                BinaryData data = BinaryData.of(train, model.hasBias());
                if (train != solvedFor || model.hasBias() != solvedWithBias) {
                    svm = HardMarginSvm.solve(data, relativeGap, maxSweeps, context.monitor());
                    solvedFor = train;
                    solvedWithBias = model.hasBias();
                }
                AnalysisResult.Builder result = AnalysisResult.builder();
                int supportVectors = 0;
                for (double a : svm.alpha()) {
                    supportVectors += a > 0 ? 1 : 0;
                }
                result.scalar("svm.margin", svm.margin());
                result.scalar("svm.gap", svm.gap());
                result.scalar("svm.supportVectors", supportVectors);
                double[] v = model.binaryDirection();
                double norm = Vectors.norm(v);
                result.scalar("norm", norm);
                if (norm > 0) {
                    double normalized = data.normalizedMargin(v);
                    result.scalar("angle", Vectors.angle(v, svm.w()));
                    result.scalar("normalizedMargin", normalized);
                    result.scalar("marginRatio", normalized / svm.margin());
                    result.scalar("minMargin", normalized * norm);
                }
                return result.build();
            }
        };
    }
}
