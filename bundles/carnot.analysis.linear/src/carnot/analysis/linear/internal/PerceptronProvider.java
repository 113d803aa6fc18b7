package carnot.analysis.linear.internal;

import carnot.analysis.linear.BinaryData;
import carnot.analysis.linear.HardMarginSvm;
import carnot.analysis.linear.Perceptron;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import java.util.Optional;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * The perceptron mistake bound on the run's training data (two classes): the perceptron
 * ({@link Perceptron}) is run from zero until a pass makes no mistake, and its mistakes are
 * reported next to Novikoff's bound (R / gamma)^2, with R = max_i ||x_i|| and gamma the largest
 * margin of any unit vector, 1/||w*|| of the hard-margin SVM ({@link HardMarginSvm}): the tightest
 * gamma the theorem allows. A constant feature (a bias) can be appended; R then counts it.
 * Does not depend on the trained network: a capacity reference for the data.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=perceptron")
public final class PerceptronProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("maxPasses", 10_000, "stop the perceptron after this many passes").min(1),
            Setting.bool("bias", false, "append a constant feature 1 (a hyperplane not through the origin)"),
            Setting.integer("maxSweeps", 1_000_000, "give up the SVM after this many passes over the data").min(1));

    @Override
    public String title() {
        return "Perceptron mistake bound";
    }

    @Override
    public String description() {
        return "Perceptron mistakes on the training data against Novikoff's bound (R/gamma)^2, gamma the "
                + "hard-margin SVM's margin; two linearly separable classes.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        return target.numClasses() == 2 ? Optional.empty() : Optional.of("perceptron needs a dataset with 2 classes; "
                + "it has " + target.numClasses() + " (use the class-subset perturbation to pick two)");
    }

    @Override
    public Analysis create(Settings settings) {
        int maxPasses = settings.getInt("maxPasses");
        boolean bias = settings.getBoolean("bias");
        int maxSweeps = settings.getInt("maxSweeps");
        return context -> {
            BinaryData data = BinaryData.of(context.dataset(Split.TRAIN), bias);
            HardMarginSvm.Solution svm = HardMarginSvm.solve(data, 1e-10, maxSweeps, context.monitor());
            Perceptron.Run run = Perceptron.train(data, maxPasses, context.monitor());
            double radius = data.radius();
            // gamma is certified from below: the SVM's w~ is feasible, so 1/||w~|| is a margin attained.
            double gamma = svm.margin();
            double bound = (radius / gamma) * (radius / gamma);
            return AnalysisResult.builder()
                    .scalar("mistakes", run.mistakes())
                    .scalar("passes", run.passes())
                    .scalar("converged", run.converged() ? 1 : 0)
                    .scalar("radius", radius)
                    .scalar("gamma", gamma)
                    .scalar("bound", bound)
                    .scalar("mistakesOverBound", run.mistakes() / bound)
                    .scalar("trainingNormalizedMargin", run.converged() ? data.normalizedMargin(run.w()) : 0)
                    .build();
        };
    }
}
