package carnot.analysis.kernels.internal;

import carnot.analysis.kernels.Kernel;
import carnot.analysis.kernels.KernelRegression;
import carnot.analysis.kernels.RandomFourierFeatures;
import carnot.analysis.margins.Margins;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisMemory;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.experiment.MemoryEstimate;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.osgi.service.component.annotations.Component;

/**
 * Kernel machines on the run's own data, next to the network (Zhang et al. 2017, section 5;
 * Belkin, Ma and Mandal 2018): for each kernel ({@link Kernel}) kernel ridge regression on
 * one-hot targets, min-norm interpolation when {@code ridge} = 0 ({@link KernelRegression}), and
 * regression on {@code randomFeatures} random Fourier features of the RBF kernel
 * ({@link RandomFourierFeatures}). Reported: {@code <kernel>.trainError} and
 * {@code <kernel>.testError} (argmax of the outputs), {@code randomFeatures.*}, the length scale
 * {@code bandwidth} (the {@code bandwidth} setting, or the median pairwise distance), {@code n}, and
 * the network's {@code network.trainError} and {@code network.testError}. The data does not change
 * during a run, so the baseline is computed once and repeated at later calls.
 *
 * <p>Memory: three dense n x n double matrices (the kernel, its regularized copy, the Cholesky
 * factor); a training set too large for the heap is refused with n and the bytes needed.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=kernel-baseline")
public final class KernelBaselineProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.choice("kernels", "all", "which kernels", "all", "rbf", "laplace", "arc-cosine", "none"),
            Setting.number("ridge", 0.0, "lambda added to the kernel matrix's diagonal; 0 = min-norm interpolation")
                    .min(0),
            Setting.number("bandwidth", 0.0, "length scale l of the RBF and Laplace kernels and the random features; "
                    + "0 = the median pairwise distance of the training inputs").min(0),
            Setting.integer("randomFeatures", 1000, "random Fourier features D for the RBF kernel; 0 = none").min(0)
                    .max(100_000));

    @Override
    public String title() {
        return "Kernel baselines";
    }

    @Override
    public String description() {
        return "Kernel ridge regression / min-norm interpolation (RBF, Laplace, arc-cosine) and random Fourier "
                + "feature regression on the run's data, next to the network's errors (Belkin et al. 2018).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    /**
     * The inputs of both splits as dense double matrices, then per kernel three n x n matrices (the
     * kernel, its regularized copy, the Cholesky factor) and the m x n test kernel; for random
     * features the n x D and m x D feature matrices and the D x D normal equations.
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        long n = target.trainSize();
        long m = target.testSize();
        long d = 1;
        for (int size : target.exampleShape()) {
            d *= size;
        }
        long features = settings.getInt("randomFeatures");
        long kernels = "none".equals(settings.getString("kernels")) ? 0 : 1;
        long kernelPeak = kernels * (3 * n * n + m * n);
        long featurePeak = features * (n + m + features);
        return AnalysisMemory.denseMatrix(n + m, d, "inputs of both splits")
                .plus(AnalysisMemory.denseMatrix(1, Math.max(kernelPeak, featurePeak),
                        kernelPeak >= featurePeak ? "kernel matrices (3 n^2 + m n)" : "random-feature matrices"));
    }

    @Override
    public Analysis create(Settings settings) {
        String which = settings.getString("kernels");
        List<Kernel> kernels = switch (which) {
            case "all" -> List.of(Kernel.values());
            case "none" -> List.of();
            default -> List.of(Kernel.of(which));
        };
        double ridge = settings.getDouble("ridge");
        double bandwidth = settings.getDouble("bandwidth");
        int features = settings.getInt("randomFeatures");
        return new Analysis() {
            private Dataset computedFor;
            private AnalysisResult baseline;

            @Override
            public AnalysisResult analyze(AnalysisContext context) {
                Dataset train = context.dataset(Split.TRAIN);
                if (train.size() == 0) {
                    throw new IllegalArgumentException("kernel-baseline: the training set is empty; kernel regression "
                            + "needs n > 0 training examples");
                }
                if (train != computedFor) {
                    baseline = baseline(context, kernels, ridge, bandwidth, features);
                    computedFor = train;
                }
                AnalysisResult.Builder result = AnalysisResult.builder();
                baseline.scalars().forEach(result::scalar);
                result.scalar("network.trainError",
                        Margins.errorRate(Margins.outputMargins(context.predictions(Split.TRAIN))));
                if (context.predictions(Split.TEST).size() > 0) {
                    result.scalar("network.testError",
                            Margins.errorRate(Margins.outputMargins(context.predictions(Split.TEST))));
                }
                return result.build();
            }
        };
    }

    private static AnalysisResult baseline(AnalysisContext context, List<Kernel> kernels, double ridge,
            double bandwidth, int features) {
        Dataset train = context.dataset(Split.TRAIN);
        Dataset test = context.dataset(Split.TEST);
        int n = train.size();
        if (!kernels.isEmpty()) {
            Runtime runtime = Runtime.getRuntime();
            long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
            KernelRegression.requireMemory(n, 3, available);
        }
        DMatrixRMaj x = matrix(train);
        DMatrixRMaj xTest = matrix(test);
        DMatrixRMaj y = KernelRegression.oneHot(train.labels(), train.numClasses());
        double scale = bandwidth > 0 ? bandwidth : KernelRegression.medianDistance(x, 1000);
        AnalysisResult.Builder result = AnalysisResult.builder();
        result.scalar("n", n);
        result.scalar("bandwidth", scale);
        int step = 0;
        for (Kernel kernel : kernels) {
            context.monitor().worked("kernel " + kernel.id(), step++, kernels.size() + 1);
            context.monitor().checkCancelled();
            DMatrixRMaj gram = KernelRegression.gram(kernel, x, x, scale);
            DMatrixRMaj alpha = KernelRegression.fit(gram, y, ridge);
            DMatrixRMaj onTrain = KernelRegression.predict(gram, alpha);
            result.scalar(kernel.id() + ".trainError", KernelRegression.error(onTrain, train.labels()));
            if (test.size() > 0) {
                DMatrixRMaj onTest = KernelRegression.predict(KernelRegression.gram(kernel, xTest, x, scale), alpha);
                result.scalar(kernel.id() + ".testError", KernelRegression.error(onTest, test.labels()));
            }
        }
        if (features > 0) {
            context.monitor().worked("random features", step, kernels.size() + 1);
            context.monitor().checkCancelled();
            RandomFourierFeatures map = new RandomFourierFeatures(train.featureSize(), features, scale, context.seed());
            DMatrixRMaj z = map.transform(x);
            DMatrixRMaj beta = RandomFourierFeatures.fit(z, y, ridge);
            result.scalar("randomFeatures.trainError",
                    KernelRegression.error(KernelRegression.predict(z, beta), train.labels()));
            if (test.size() > 0) {
                result.scalar("randomFeatures.testError", KernelRegression.error(
                        KernelRegression.predict(map.transform(xTest), beta), test.labels()));
            }
        }
        return result.build();
    }

    /** The n x d matrix of a dataset's flattened inputs. */
    static DMatrixRMaj matrix(Dataset data) {
        DMatrixRMaj x = new DMatrixRMaj(data.size(), data.featureSize());
        float[] features = data.features();
        for (int i = 0; i < features.length; i++) {
            x.data[i] = features[i];
        }
        return x;
    }
}
