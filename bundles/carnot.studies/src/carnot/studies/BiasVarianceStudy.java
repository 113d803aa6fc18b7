package carnot.studies;

import carnot.studies.internal.StudyRuns;

import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Setting;
import carnot.api.component.SettingType;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.runs.RunService;
import carnot.api.models.ArchitectureProvider;
import carnot.workspace.AtomicFiles;
import carnot.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bias and variance of the test error over resampled training sets, as the width grows (Geman et
 * al. 1992; Domingos 2000; Neal et al. 2018; Yang et al. 2020). For every width w the experiment's
 * model gets width w (every entry of an integer-list setting such as the MLP's {@code hidden}, or
 * an integer setting), and is trained K times, on training sets {@code resample(n, draw k)}, with
 * the experiment's seed (so initialization and minibatch order are fixed and only the training set
 * varies). The test outputs of the K models give the squared-loss decomposition (on softmax
 * probabilities against one-hot targets; on the raw outputs when the loss is {@code square}) and the
 * 0-1 decomposition of Domingos ({@link BiasVariance}).
 *
 * <p>Summary in {@code studies/<name>-bias-variance/<timestamp>/bias-variance.json} and {@code .csv}.
 */
@Component(service = BiasVarianceStudy.class)
public final class BiasVarianceStudy {

    /**
     * @param widths      model widths
     * @param draws       training sets K per width
     * @param trainSize   n per training set
     * @param bootstrap   draw with replacement
     * @param widthSetting the model setting that sets the width
     */
    public record Design(int[] widths, int draws, int trainSize, boolean bootstrap, String widthSetting) {
        public Design {
            if (widths.length == 0 || java.util.Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("widths: expected one or more widths >= 1, got "
                        + java.util.Arrays.toString(widths));
            }
            if (draws < 2) {
                throw new IllegalArgumentException("draws: expected an integer >= 2 (variance needs two models), got "
                        + draws);
            }
            if (trainSize < 1) {
                throw new IllegalArgumentException("trainSize: expected an integer >= 1, got " + trainSize);
            }
            widths = widths.clone();
        }
    }

    /** One width's decomposition, with the parameter count p of the model. */
    public record Row(int width, long parameters, BiasVariance.Squared squared, BiasVariance.ZeroOne zeroOne,
            double meanTrainError, List<String> runs) {
    }

    public record Report(Path folder, List<Row> rows) {
    }

    @Reference
    private RunService runService;

    @Reference
    private ComponentRegistry registry;

    public Report run(ExperimentSpec base, Design design, Workspace workspace, ProgressMonitor monitor,
            Consumer<String> log) throws Exception {
        ArchitectureProvider architecture = registry.find(ComponentKind.ARCHITECTURE, base.model().id(),
                ArchitectureProvider.class).orElseThrow(() -> new IllegalArgumentException("model.id: unknown "
                        + "architecture '" + base.model().id() + "'; installed: "
                        + String.join(", ", registry.ids(ComponentKind.ARCHITECTURE))));
        Setting width = architecture.settingsSchema().settings().stream()
                .filter(s -> s.key().equals(design.widthSetting())).findFirst()
                .filter(s -> s.type() == SettingType.INTEGER || s.type() == SettingType.INTEGER_LIST)
                .orElseThrow(() -> new IllegalArgumentException("width setting: architecture '" + base.model().id()
                        + "' has no integer or integer-list setting '" + design.widthSetting() + "'"));
        boolean squareLoss = base.loss().id().equals("square");
        // Every draw of every width first, as one execution (one array job on a cluster), then the
        // decomposition per width from the runs' saved test outputs.
        List<ExperimentSpec> specs = new ArrayList<>();
        for (int w : design.widths()) {
            ComponentSpec model = withWidth(base.model(), width, w);
            for (int k = 0; k < design.draws(); k++) {
                ComponentSpec resample = new ComponentSpec("resample", Map.of("trainSize", design.trainSize(), "draw", k,
                        "replacement", design.bootstrap()));
                specs.add(StudyRuns.derive(base, StudyRuns.name(base, "bv-w" + w + "-d" + k), base.seed(),
                        List.of(resample), model, List.of(new AnalysisSpec("outputs", Map.of("split", "test"), 0,
                                false))));
            }
        }
        monitor.checkCancelled();
        Path folder = StudyRuns.studyFolder(workspace, StudyRuns.name(base, "bias-variance"));
        List<StudyRuns.Member> members = StudyRuns.runAll(runService, workspace, folder, specs, monitor,
                "bias-variance", log);
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (int w : design.widths()) {
            List<double[]> outputs = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            int[] labels = null;
            int classes = 0;
            long p = 0;
            double trainError = 0;
            for (int k = 0; k < design.draws(); k++) {
                StudyRuns.Member member = members.get(next++);
                AnalysisResult result = member.analyses().get(0);
                classes = (int) (double) result.scalars().get("classes");
                labels = java.util.Arrays.stream(result.series().get("labels")).mapToInt(v -> (int) v).toArray();
                double[] raw = result.series().get("outputs");
                outputs.add(squareLoss ? raw : softmax(raw, classes));
                p = ((Number) member.provenance().get("parameterCount")).longValue();
                trainError += member.outcome().last().trainError() / design.draws();
                runs.add(workspace.root().relativize(member.folder()).toString());
            }
            double[] targets = new double[labels.length * classes];
            for (int i = 0; i < labels.length; i++) {
                targets[i * classes + labels[i]] = 1;
            }
            int[][] predictions = new int[outputs.size()][];
            for (int k = 0; k < outputs.size(); k++) {
                predictions[k] = argmax(outputs.get(k), classes);
            }
            Row row = new Row(w, p, BiasVariance.squared(outputs.toArray(new double[0][]), targets, classes),
                    BiasVariance.zeroOne(predictions, labels, classes), trainError, runs);
            log.accept(String.format(Locale.ROOT,
                    "width %d (p = %d): squared %.4f = bias^2 %.4f + variance %.4f; 0-1 %.4f: bias %.4f, variance %.4f",
                    w, p, row.squared().expected(), row.squared().bias(), row.squared().variance(),
                    row.zeroOne().expected(), row.zeroOne().bias(), row.zeroOne().variance()));
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("study", "bias-variance");
        json.put("experiment", base.name());
        json.put("design", design);
        json.put("squaredOn", squareLoss ? "outputs" : "softmax probabilities");
        json.put("rows", rows);
        StudyRuns.writeJson(folder.resolve("bias-variance.json"), json);
        StringBuilder csv = new StringBuilder("width,parameters,squaredExpected,squaredBias,squaredVariance,"
                + "zeroOneExpected,zeroOneBias,zeroOneVariance,zeroOneUnbiasedVariance,zeroOneBiasedVariance,"
                + "zeroOneBiasedCorrection,meanTrainError\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g%n", r.width(),
                    r.parameters(), r.squared().expected(), r.squared().bias(), r.squared().variance(),
                    r.zeroOne().expected(), r.zeroOne().bias(), r.zeroOne().variance(), r.zeroOne().unbiasedVariance(),
                    r.zeroOne().biasedVariance(), r.zeroOne().biasedCorrection(), r.meanTrainError()));
        }
        AtomicFiles.write(folder.resolve("bias-variance.csv"), csv.toString());
        return new Report(folder, rows);
    }

    static ComponentSpec withWidth(ComponentSpec model, Setting setting, int width) {
        Map<String, Object> settings = new LinkedHashMap<>(model.settings());
        if (setting.type() == SettingType.INTEGER) {
            settings.put(setting.key(), width);
        } else {
            Object current = settings.getOrDefault(setting.key(), setting.defaultValue());
            int layers = current instanceof List<?> list ? Math.max(1, list.size()) : 1;
            settings.put(setting.key(), Collections.nCopies(layers, width));
        }
        return new ComponentSpec(model.id(), settings);
    }

    /** Row-wise softmax, max-shifted, in double. */
    static double[] softmax(double[] logits, int classes) {
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[i + c] = Math.exp(logits[i + c] - max);
                sum += p[i + c];
            }
            for (int c = 0; c < classes; c++) {
                p[i + c] /= sum;
            }
        }
        return p;
    }

    /** The first largest output of each row. */
    static int[] argmax(double[] outputs, int classes) {
        int[] classOf = new int[outputs.length / classes];
        for (int i = 0; i < classOf.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (outputs[i * classes + c] > outputs[i * classes + best]) {
                    best = c;
                }
            }
            classOf[i] = best;
        }
        return classOf;
    }
}
