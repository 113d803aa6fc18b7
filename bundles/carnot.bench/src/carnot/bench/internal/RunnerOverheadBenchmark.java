package carnot.bench.internal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunEvent;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.api.experiment.TrainingSpec;
import carnot.headless.services.Services;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Runner overhead: the same MLP on the same Fashion-MNIST images, trained by Carnot's runner
 * (through the experiment API, events and all) and by two plain DJL loops in the same JVM:
 * a hand-written loop (gradient collector, forward, DJL's softmax cross-entropy, backward,
 * optimizer update) and DJL's own {@code Trainer}/{@code EasyTrain}. Rounds are interleaved so
 * that drift hits all three alike; the first round is warm-up. Times are training steps only
 * (Carnot's per-epoch evaluation of train and test sets is reported separately).
 */
public final class RunnerOverheadBenchmark implements IApplication {

    private int trainSize = 60_000;
    private int epochs = 1;
    private int rounds = 8;
    private int batch = 128;
    private int[] hidden = {512, 512};

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        parse(args);
        context.applicationRunning();
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        try (Services services = new Services(bundles)) {
            return benchmark(services);
        }
    }

    /** The measurement itself, with the framework's services (released when the benchmark ends). */
    private Object benchmark(Services services) throws Exception {
        ExperimentRunner runner = services.get(ExperimentRunner.class);
        ComponentRegistry registry = services.get(ComponentRegistry.class);
        DatasetProvider idx = registry.find(ComponentKind.DATASET, "idx", DatasetProvider.class).orElseThrow();
        Dataset train = idx.load(idx.settingsSchema().validate(Map.of("trainSize", trainSize, "testSize", 1000),
                "dataset.settings"), new DatasetContext(1, ProgressMonitor.NONE)).train();
        Engine engine = BenchEngine.pytorch(services);

        System.out.printf(Locale.ROOT, "runner overhead: MLP 784-%s-10, %d Fashion-MNIST images, batch %d, SGD "
                + "momentum; %s, %s threads%n", join(hidden), train.size(), batch, engine.getEngineName() + " "
                + engine.getVersion(), System.getProperty("ai.djl.pytorch.num_threads"));
        List<Double> carnot = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> trainer = new ArrayList<>();
        List<Double> evaluation = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            boolean warmUp = round == 0;
            int n = warmUp ? 1 : epochs;
            List<Double> c = carnotEpochs(runner, n, evaluation, warmUp);
            List<Double> p = plainLoopEpochs(engine, train, n);
            List<Double> t = trainerEpochs(engine, train, n);
            System.out.printf(Locale.ROOT, "  round %d%s: carnot %s  plain %s  trainer %s s/epoch%n", round,
                    warmUp ? " (warm-up)" : "", seconds(c), seconds(p), seconds(t));
            if (!warmUp) {
                carnot.addAll(c);
                plain.addAll(p);
                trainer.addAll(t);
            }
        }
        double mc = median(carnot);
        double mp = median(plain);
        double mt = median(trainer);
        double bc = min(carnot);
        double bp = min(plain);
        double bt = min(trainer);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %12s %12s %12s%n", carnot.size() + " epochs each, training steps only",
                "best s/ep", "median s/ep", "images/s");
        System.out.printf(Locale.ROOT, "%-36s %12.3f %12.3f %12.0f%n", "Carnot runner", bc, mc, train.size() / mc);
        System.out.printf(Locale.ROOT, "%-36s %12.3f %12.3f %12.0f%n", "plain DJL loop (hand-written)", bp, mp,
                train.size() / mp);
        System.out.printf(Locale.ROOT, "%-36s %12.3f %12.3f %12.0f%n", "DJL Trainer + EasyTrain", bt, mt,
                train.size() / mt);
        System.out.printf(Locale.ROOT, "%-36s %12.3f %12.3f%n", "Carnot's per-epoch evaluation pass", min(evaluation),
                median(evaluation));
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio Carnot / plain loop:  best %.3f, median %.3f  (target <= 1.10: %s)%n",
                bc / bp, mc / mp, bc / bp <= 1.10 && mc / mp <= 1.10 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "ratio Carnot / DJL Trainer: best %.3f, median %.3f%n", bc / bt, mc / mt);
        System.out.printf(Locale.ROOT, "(Carnot also evaluates the whole train and test sets after every epoch: "
                + "+%.0f%% of an epoch's steps, not counted above)%n", 100 * median(evaluation) / mc);
        return IApplication.EXIT_OK;
    }

    private List<Double> carnotEpochs(ExperimentRunner runner, int n, List<Double> evaluation, boolean warmUp)
            throws Exception {
        ExperimentSpec spec = ExperimentSpec.builder("bench").seed(1)
                .dataset(new ComponentSpec("idx", Map.of("trainSize", trainSize, "testSize", 1000)))
                .model(new ComponentSpec("mlp", Map.of("hidden", Arrays.stream(hidden).boxed().toList())))
                .optimizer(new ComponentSpec("sgd", Map.of("learningRate", 0.01, "momentum", 0.9)))
                .loss(ComponentSpec.of("cross-entropy"))
                .training(TrainingSpec.builder().epochs(n).batchSize(batch).evalBatchSize(2000).shuffle(true).build())
                .build();
        List<Double> times = new ArrayList<>();
        long[] evalStart = {0};
        try (PreparedRun run = runner.prepare(spec, ProgressMonitor.NONE)) {
            RunOutcome outcome = run.execute(event -> {
                if (event instanceof RunEvent.EpochEnd end && end.metrics().epoch() > 0) {
                    times.add(end.metrics().seconds());
                    if (!warmUp) {
                        evaluation.add((System.nanoTime() - evalStart[0]) / 1e9);
                    }
                } else if (event instanceof RunEvent.Step step && step.step() == step.stepsPerEpoch()) {
                    evalStart[0] = System.nanoTime();
                }
            }, ProgressMonitor.NONE);
            if (outcome.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("Carnot run " + outcome.status() + ": " + outcome.message());
            }
        }
        return times;
    }

    private SequentialBlock mlp() {
        SequentialBlock net = new SequentialBlock();
        net.add(Blocks.batchFlattenBlock(784));
        for (int width : hidden) {
            net.add(Linear.builder().setUnits(width).build());
            net.add(Activation.reluBlock());
        }
        net.add(Linear.builder().setUnits(10).build());
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        net.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return net;
    }

    private Optimizer sgd() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
    }

    /** The loop a DJL user writes by hand. */
    private List<Double> plainLoopEpochs(Engine engine, Dataset train, int n) {
        List<Double> times = new ArrayList<>();
        SequentialBlock net = mlp();
        Optimizer optimizer = sgd();
        Loss loss = Loss.softmaxCrossEntropyLoss();
        int featureSize = train.featureSize();
        float[] x = new float[batch * featureSize];
        float[] y = new float[batch];
        Random random = new Random(1);
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed(1);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            int[] order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int epoch = 0; epoch < n; epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                long start = System.nanoTime();
                for (int from = 0; from < order.length; from += batch) {
                    int count = Math.min(batch, order.length - from);
                    for (int i = 0; i < count; i++) {
                        System.arraycopy(train.features(), order[from + i] * featureSize, x, i * featureSize,
                                featureSize);
                        y[i] = train.labels()[order[from + i]];
                    }
                    try (NDManager step = manager.newSubManager()) {
                        NDArray input = step.create(FloatBuffer.wrap(x, 0, count * featureSize).slice(),
                                new Shape(count, 1, 28, 28));
                        NDArray labels = step.create(Arrays.copyOf(y, count));
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray out = net.forward(store, new NDList(input), true).singletonOrThrow();
                            collector.backward(loss.evaluate(new NDList(labels), new NDList(out)));
                        }
                        for (Pair<String, Parameter> p : net.getParameters()) {
                            NDArray w = p.getValue().getArray();
                            NDArray g = w.getGradient();
                            g.attach(step);
                            optimizer.update(p.getValue().getId(), w, g);
                            g.subi(g);
                        }
                    }
                }
                times.add((System.nanoTime() - start) / 1e9);
            }
        }
        return times;
    }

    /** DJL's own training API. */
    private List<Double> trainerEpochs(Engine engine, Dataset train, int n) throws Exception {
        List<Double> times = new ArrayList<>();
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(mlp());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd()).optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1, 28, 28));
                NDManager manager = trainer.getManager();
                float[] labels = new float[train.size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = train.labels()[i];
                }
                ArrayDataset data = new ArrayDataset.Builder()
                        .setData(manager.create(FloatBuffer.wrap(train.features()), new Shape(train.size(), 1, 28, 28)))
                        .optLabels(manager.create(labels)).setSampling(batch, true).build();
                for (int epoch = 0; epoch < n; epoch++) {
                    long start = System.nanoTime();
                    for (Batch b : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, b);
                        trainer.step();
                        b.close();
                    }
                    times.add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return times;
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--train" -> trainSize = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--hidden" -> hidden = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; allowed: --train N --epochs K --rounds R --batch B --hidden W1,W2");
            }
        }
    }


    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static String seconds(List<Double> values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return text.toString();
    }

    private static String join(int[] values) {
        return String.join("-", Arrays.stream(values).mapToObj(Integer::toString).toList());
    }

    @Override
    public void stop() {
    }
}
