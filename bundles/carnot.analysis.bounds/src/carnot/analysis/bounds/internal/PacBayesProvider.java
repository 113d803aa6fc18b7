package carnot.analysis.bounds.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.analysis.bounds.GeneralizationBounds;
import carnot.analysis.margins.Margins;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * McAllester's PAC-Bayes bound ({@link GeneralizationBounds#pacBayes}) with the flatness sigma,
 * as Neyshabur et al. (2017, "Exploring generalization in deep learning", section 2.3) and Jiang
 * et al. (2019, "pacbayes.flatness") use it: prior P = N(theta^0, sigma^2 I) centred at the
 * initial weights (independent of the data), posterior Q = N(theta, sigma^2 I) around the trained
 * weights, so KL(Q||P) = ||theta - theta^0||^2 / (2 sigma^2), over the trainable parameters.
 * E_Q[train error] is estimated by {@code samples} Monte Carlo draws of the perturbed network
 * (fixed per sample, so the estimate is a smooth function of sigma). {@code bound} plugs that
 * estimate into McAllester's formula, so it is an estimate of the bound; {@code certifiedBound}
 * holds with probability 1 - delta as stated: it replaces the estimate by its Hoeffding upper
 * confidence bound ({@link GeneralizationBounds#monteCarloUpper}) and splits delta between the two.
 *
 * <p>sigma is the {@code sigma} setting, or (0, the default) the largest sigma on a geometric
 * grid of 2^{@code searchSteps} + 1 points in [{@code minSigma}, {@code maxSigma}] for which the
 * perturbed train error exceeds the train error by at most {@code tolerance}, found by bisection;
 * the bound then pays ln(2^searchSteps + 1) for the choice (a union bound over the grid, as
 * Dziugaite and Roy 2017 do). The curvature analyses' sharpness sigma can be passed in as the
 * {@code sigma} setting.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=pac-bayes-bound")
public final class PacBayesProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.number("sigma", 0.0, "posterior/prior standard deviation; 0 = search the flatness sigma").min(0)
                    .max(100),
            Setting.number("tolerance", 0.1, "allowed increase of the train error under the perturbation in the "
                    + "search").greaterThan(0).max(1),
            Setting.integer("samples", 5, "Monte Carlo draws of the perturbed network").min(1).max(1000),
            Setting.integer("searchSteps", 10, "bisection steps of the sigma search").min(1).max(30),
            Setting.number("minSigma", 1e-5, "lower end of the sigma search").greaterThan(0),
            Setting.number("maxSigma", 10.0, "upper end of the sigma search").greaterThan(0),
            Setting.number("delta", 0.05, "the bound holds with probability >= 1 - delta").greaterThan(0).max(0.5));

    @Override
    public String title() {
        return "PAC-Bayes bound with the flatness sigma";
    }

    @Override
    public String description() {
        return "McAllester's PAC-Bayes bound for Gaussian perturbations of the trained weights around a prior at "
                + "the initialization; sigma given or the largest keeping the train error within a tolerance.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Analysis create(Settings settings) {
        double fixedSigma = settings.getDouble("sigma");
        double tolerance = settings.getDouble("tolerance");
        int samples = settings.getInt("samples");
        int steps = settings.getInt("searchSteps");
        double minSigma = settings.getDouble("minSigma");
        double maxSigma = settings.getDouble("maxSigma");
        double delta = settings.getDouble("delta");
        if (minSigma >= maxSigma) {
            throw new IllegalArgumentException("settings.minSigma: expected a number < maxSigma (" + maxSigma
                    + "), got " + minSigma);
        }
        return context -> {
            Predictions train = context.predictions(Split.TRAIN);
            int m = train.size();
            if (m == 0) {
                throw new IllegalArgumentException("pac-bayes-bound: the training set is empty; the bound needs m > 0 "
                        + "training examples");
            }
            double trainError = Margins.errorRate(Margins.outputMargins(train));
            AnalysisResult.Builder result = AnalysisResult.builder();
            result.scalar("trainError", trainError);
            Predictions test = context.predictions(Split.TEST);
            if (test.size() > 0) {
                double testError = Margins.errorRate(Margins.outputMargins(test));
                result.scalar("testError", testError);
                result.scalar("gap", testError - trainError);
            }
            double sigma;
            double perturbed;
            double searchCost = 0;
            if (fixedSigma > 0) {
                sigma = fixedSigma;
                perturbed = perturbedError(context, sigma, samples);
            } else {
                double lo = Math.log(minSigma);
                double hi = Math.log(maxSigma);
                double atHi = perturbedError(context, Math.exp(hi), samples);
                if (atHi - trainError <= tolerance) {
                    lo = hi;
                    perturbed = atHi;
                } else {
                    perturbed = perturbedError(context, Math.exp(lo), samples);
                    for (int step = 0; step < steps; step++) {
                        context.monitor().worked("sigma search", step, steps);
                        double mid = (lo + hi) / 2;
                        double error = perturbedError(context, Math.exp(mid), samples);
                        if (error - trainError <= tolerance) {
                            lo = mid;
                            perturbed = error;
                        } else {
                            hi = mid;
                        }
                    }
                }
                sigma = Math.exp(lo);
                searchCost = Math.log(Math.pow(2, steps) + 1);
            }
            double kl = GeneralizationBounds.isotropicGaussianKl(squaredDistanceFromInit(context), sigma);
            double bound = GeneralizationBounds.pacBayes(perturbed, kl + searchCost, m, delta);
            result.scalar("sigma", sigma);
            result.scalar("kl", kl);
            result.scalar("searchCost", searchCost);
            result.scalar("perturbedTrainError", perturbed);
            result.scalar("bound", Math.min(bound, 1));
            result.scalar("vacuous", bound >= 1 ? 1 : 0);
            result.scalar("gapBound", bound - trainError);
            // The certified version: delta split between the Monte Carlo estimate and the bound.
            double upper = GeneralizationBounds.monteCarloUpper(perturbed, samples, delta / 2);
            double certified = GeneralizationBounds.pacBayes(upper, kl + searchCost, m, delta / 2);
            result.scalar("perturbedTrainErrorUpper", upper);
            result.scalar("certifiedBound", Math.min(certified, 1));
            return result.build();
        };
    }

    /** Mean over samples of the train error of the network with theta + sigma z_s, z_s ~ N(0, I) fixed per s. */
    static double perturbedError(AnalysisContext context, double sigma, int samples) {
        Dataset data = context.dataset(Split.TRAIN);
        int batch = Math.max(1, context.spec().training().evalBatchSize());
        int featureSize = data.featureSize();
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            context.monitor().checkCancelled();
            long errors = 0;
            try (NDManager manager = context.manager().newSubManager()) {
                ParameterStore store = new PerturbedParameters(manager, context, sigma, s);
                for (int from = 0; from < data.size(); from += batch) {
                    int count = Math.min(batch, data.size() - from);
                    try (NDManager step = manager.newSubManager()) {
                        float[] x = new float[count * featureSize];
                        System.arraycopy(data.features(), from * featureSize, x, 0, x.length);
                        long[] dims = new long[data.exampleShape().length + 1];
                        dims[0] = count;
                        for (int i = 0; i < data.exampleShape().length; i++) {
                            dims[i + 1] = data.exampleShape()[i];
                        }
                        NDArray logits = context.model().forward(store, new NDList(step.create(x, new Shape(dims))),
                                false).singletonOrThrow();
                        float[] out = logits.toFloatArray();
                        int k = data.numClasses();
                        for (int i = 0; i < count; i++) {
                            int best = 0;
                            for (int c = 1; c < k; c++) {
                                if (out[i * k + c] > out[i * k + best]) {
                                    best = c;
                                }
                            }
                            errors += best != data.labels()[from + i] ? 1 : 0;
                        }
                    }
                }
            }
            sum += (double) errors / data.size();
        }
        return sum / samples;
    }

    /** ||theta - theta^0||^2 over the trainable parameters. */
    private static double squaredDistanceFromInit(AnalysisContext context) {
        double squared = 0;
        for (Pair<String, Parameter> entry : context.model().getParameters()) {
            if (!entry.getValue().requiresGradient()) {
                continue;
            }
            float[] now = entry.getValue().getArray().toFloatArray();
            float[] initial = context.initialParameters().get(entry.getKey());
            for (int i = 0; i < now.length; i++) {
                double d = (double) now[i] - initial[i];
                squared += d * d;
            }
        }
        return squared;
    }

    /** Serves theta + sigma z for trainable parameters, z drawn from a seed per (sample, parameter). */
    private static final class PerturbedParameters extends ParameterStore {
        private final NDManager manager;
        private final Map<String, NDArray> values = new HashMap<>();
        private final Map<String, Long> seeds = new HashMap<>();
        private final double sigma;

        PerturbedParameters(NDManager manager, AnalysisContext context, double sigma, int sample) {
            super(manager, false);
            this.manager = manager;
            this.sigma = sigma;
            long index = 0;
            for (Pair<String, Parameter> entry : context.model().getParameters()) {
                seeds.put(entry.getValue().getId(), new SplittableRandom(context.seed() * 1_000_003L + sample)
                        .split().nextLong() + 7919 * index++);
            }
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (!parameter.requiresGradient()) {
                return parameter.getArray();
            }
            return values.computeIfAbsent(parameter.getId(), id -> {
                float[] v = parameter.getArray().toFloatArray();
                SplittableRandom random = new SplittableRandom(seeds.get(id));
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (sigma * random.nextGaussian());
                }
                return manager.create(v, parameter.getArray().getShape());
            });
        }
    }
}
