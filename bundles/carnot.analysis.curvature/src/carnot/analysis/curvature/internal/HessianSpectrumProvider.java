package carnot.analysis.curvature.internal;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.PowerIteration;
import carnot.curvature.linalg.Vectors;
import carnot.api.experiment.MemoryEstimate;
import java.util.List;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * The spectrum of the training-loss Hessian: the top eigenvalues (Lanczos with full
 * reorthogonalization, or PyHessian's power iteration with deflation), the trace (Hutchinson,
 * Hutch++) and the eigenvalue density by stochastic Lanczos quadrature (Ghorbani, Krishnan &
 * Xiao 2019; Yao et al. 2020, PyHessian). Optionally the same top eigenvalue and trace at the
 * initial weights. During training the eigenvectors of one call warm-start the next.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=hessian-spectrum")
public final class HessianSpectrumProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            HessianSettings.SAMPLE_SIZE, HessianSettings.CHUNK_SIZE, HessianSettings.PARAMETERS,
            Setting.integer("topK", 3, "number of top eigenvalues").min(1).max(100),
            Setting.choice("method", "lanczos", "eigensolver: Lanczos with full reorthogonalization, or power "
                    + "iteration with deflation (largest magnitudes, as PyHessian)", "lanczos", "power"),
            Setting.integer("maxIterations", 100, "Hessian-vector products per eigensolve at most (power: per "
                    + "eigenvalue)").min(1).max(10_000),
            Setting.number("tolerance", 1e-3, "relative convergence tolerance of the eigensolver").greaterThan(0)
                    .max(0.5),
            Setting.bool("warmStart", true, "start from the previous call's eigenvectors"),
            Setting.choice("trace", "hutchinson", "trace estimator", "hutchinson", "hutch++", "both", "none"),
            Setting.integer("traceProbes", 30, "Hessian-vector products per trace estimate").min(3).max(100_000),
            Setting.integer("densityProbes", 1, "random probes of stochastic Lanczos quadrature (0 = no density)")
                    .min(0).max(1000),
            Setting.integer("densitySteps", 40, "Lanczos steps per density probe").min(2).max(1000),
            Setting.integer("densityPoints", 200, "grid points of the smoothed density").min(2).max(100_000),
            Setting.number("densityWidth", 0.01, "Gaussian smoothing width as a fraction of the spectral range")
                    .greaterThan(0).max(1),
            Setting.bool("atInitialization", false, "also the top eigenvalue and trace at the run's initial weights "
                    + "(prefix init.)"));

    @Override
    public String title() {
        return "Hessian spectrum";
    }

    @Override
    public String description() {
        return "Top eigenvalues (Lanczos or power iteration), trace (Hutchinson, Hutch++) and eigenvalue density "
                + "(stochastic Lanczos quadrature) of the training-loss Hessian, by exact Hessian-vector products "
                + "(Ghorbani et al. 2019; Yao et al. 2020).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Analysis create(Settings settings) {
        return new Spectrum(settings);
    }

    /**
     * Lanczos with full reorthogonalization keeps its whole basis (maxIterations vectors), power
     * iteration the topK eigenvectors found; stochastic Lanczos quadrature a basis of densitySteps;
     * Hutch++ a third of its probes as a sketch; and the topK eigenvectors kept for the next call's
     * warm start, plus four work vectors.
     */
    @Override
    public MemoryEstimate memoryEstimate(Settings settings, AnalysisTarget target) {
        int topK = settings.getInt("topK");
        int eigensolver = "lanczos".equals(settings.getString("method")) ? settings.getInt("maxIterations") : topK;
        int density = settings.getInt("densityProbes") > 0 ? settings.getInt("densitySteps") : 0;
        String trace = settings.getString("trace");
        int sketch = trace.equals("hutch++") || trace.equals("both") ? settings.getInt("traceProbes") / 3 : 1;
        int vectors = Math.max(eigensolver, Math.max(density, sketch)) + topK + 4;
        return HessianSettings.memory(settings, target, vectors, true);
    }

    /** One configured analysis; holds the eigenvectors of its last call for warm starts. */
    private static final class Spectrum implements Analysis {
        private final Settings settings;
        private List<double[]> previous = List.of();

        Spectrum(Settings settings) {
            this.settings = settings;
        }

        @Override
        public AnalysisResult analyze(AnalysisContext context) {
            AnalysisResult.Builder result = AnalysisResult.builder();
            SplittableRandom random = new SplittableRandom(context.seed() ^ (0x5DEECE66DL * (context.epoch() + 1)));
            try (LossHessian hessian = HessianSettings.open(context, settings)) {
                result.scalar("parameters", hessian.dimension());
                result.scalar("examples", hessian.examples());
                Lanczos.TopEigenpairs top = topEigenpairs(hessian, settings.getBoolean("warmStart") ? previous : List.of(),
                        random, context);
                previous = top.vectors();
                result.series("eigenvalues", top.values());
                result.series("residuals", top.residuals());
                result.scalar("topEigenvalue", top.values()[0]);
                trace(hessian, random, context, "", result);
                density(hessian, random, context, result);
                if (settings.getBoolean("atInitialization")) {
                    double[] current = hessian.parameters();
                    try {
                        hessian.setParameters(HessianSettings.initialParameters(context, hessian));
                        Lanczos.TopEigenpairs init = topEigenpairs(hessian, List.of(), random, context);
                        result.series("init.eigenvalues", init.values());
                        result.scalar("init.topEigenvalue", init.values()[0]);
                        trace(hessian, random, context, "init.", result);
                    } finally {
                        hessian.setParameters(current);
                    }
                }
                result.scalar("products", hessian.products());
            }
            return result.build();
        }

        private Lanczos.TopEigenpairs topEigenpairs(LossHessian hessian, List<double[]> starts, SplittableRandom random,
                AnalysisContext context) {
            int k = Math.min(settings.getInt("topK"), hessian.dimension());
            int iterations = settings.getInt("maxIterations");
            double tolerance = settings.getDouble("tolerance");
            boolean warm = !starts.isEmpty() && starts.get(0).length == hessian.dimension();
            if (settings.getString("method").equals("power")) {
                return PowerIteration.top(hessian, k, iterations, tolerance, warm ? starts : List.of(), random,
                        context.monitor());
            }
            double[] start = Vectors.gaussian(hessian.dimension(), random);
            if (warm) {
                // The previous top eigenvectors plus a little noise: the Krylov space holds them from step 1 on.
                Vectors.scale(1e-3 / Math.sqrt(hessian.dimension()), start);
                for (double[] u : starts) {
                    Vectors.axpy(1, u, start);
                }
            }
            return Lanczos.top(hessian, k, Math.max(iterations, k), tolerance, start, context.monitor());
        }

        private void trace(LossHessian hessian, SplittableRandom random, AnalysisContext context, String prefix,
                AnalysisResult.Builder result) {
            String method = settings.getString("trace");
            int probes = settings.getInt("traceProbes");
            if (method.equals("hutchinson") || method.equals("both")) {
                TraceEstimators.Estimate estimate = TraceEstimators.hutchinson(hessian, probes, random, context.monitor());
                result.scalar(prefix + "trace", estimate.value());
                result.scalar(prefix + "trace.standardError", estimate.standardError());
            }
            if (method.equals("hutch++") || method.equals("both")) {
                TraceEstimators.Estimate estimate = TraceEstimators.hutchPlusPlus(hessian, probes, random,
                        context.monitor());
                result.scalar(prefix + (method.equals("both") ? "trace.hutchpp" : "trace"), estimate.value());
            }
        }

        private void density(LossHessian hessian, SplittableRandom random, AnalysisContext context,
                AnalysisResult.Builder result) {
            int probes = settings.getInt("densityProbes");
            if (probes == 0) {
                return;
            }
            SpectralDensity.Quadrature quadrature = SpectralDensity.quadrature(hessian, probes,
                    settings.getInt("densitySteps"), random, context.monitor());
            double min = quadrature.min();
            double max = quadrature.max();
            double sigma = settings.getDouble("densityWidth") * Math.max(max - min, 1e-12);
            double[] grid = SpectralDensity.grid(min - 3 * sigma, max + 3 * sigma, settings.getInt("densityPoints"));
            result.series("density.grid", grid);
            result.series("density.values", quadrature.density(grid, sigma));
            result.scalar("density.sigma", sigma);
            result.scalar("density.min", min);
            result.scalar("density.max", max);
            result.scalar("density.meanEigenvalue", quadrature.moment(1));
            result.scalar("density.meanSquaredEigenvalue", quadrature.moment(2));
            double negative = 0;
            for (int l = 0; l < quadrature.nodes().length; l++) {
                for (int i = 0; i < quadrature.nodes()[l].length; i++) {
                    if (quadrature.nodes()[l][i] < 0) {
                        negative += quadrature.weights()[l][i];
                    }
                }
            }
            result.scalar("density.negativeMass", negative / quadrature.nodes().length);
        }
    }
}
