package carnot.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisResult;
import carnot.engine.internal.BatchEvaluation;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.CancelledException;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.component.Settings;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.api.models.ModelStructure;
import carnot.api.optim.OptimizerContext;
import carnot.api.optim.OptimizerProvider;
import carnot.api.optim.ResumableOptimizer;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conformance checks that watch the analysis at work. The testkit rebuilds the tiny model at its
 * final checkpoint, as a run holds it (trainable parameters requiring grad), and takes one real
 * optimizer step so that the gradient buffers and the optimizer's momentum hold real values; then it
 * calls the analysis directly and checks that:
 * <ul>
 * <li>weights, gradient buffers, requires-grad flags, optimizer state, the data arrays and libtorch's
 * random generator are bit for bit what they were ({@link ModelState});</li>
 * <li>the NDArrays of the model's manager are as many after the call as before;</li>
 * <li>with a monitor that is already cancelled the call throws {@link CancelledException}, or
 * returns within {@value #QUICK_MILLIS} ms;</li>
 * <li>on empty data the call returns finite numbers or throws an exception whose message says what
 * is wrong (not a NullPointerException, index error, ArithmeticException or a message-less one).</li>
 * </ul>
 */
final class DirectAnalysisChecks {

    static final long QUICK_MILLIS = 2000;

    private static final Set<Class<?>> UNCLEAR = Set.of(NullPointerException.class,
            ArrayIndexOutOfBoundsException.class, IndexOutOfBoundsException.class, ArithmeticException.class,
            ClassCastException.class, NegativeArraySizeException.class);

    private DirectAnalysisChecks() {
    }

    static void run(Analysis analysis, TinyExperiment.Trace run, TestkitRuntime runtime,
            List<ConformanceReport.Check> checks) throws Exception {
        ComponentRegistry registry = runtime.registry();
        ExperimentSpec spec = run.resolved();
        DatasetProvider datasetProvider = registry.find(ComponentKind.DATASET, spec.dataset().id(),
                DatasetProvider.class).orElseThrow();
        DatasetSplits data = datasetProvider.load(datasetProvider.settingsSchema().validate(spec.dataset().settings(),
                "dataset.settings"), new DatasetContext(spec.seed(), ProgressMonitor.NONE));
        ArchitectureProvider architecture = registry.find(ComponentKind.ARCHITECTURE, spec.model().id(),
                ArchitectureProvider.class).orElseThrow();
        Settings modelSettings = architecture.settingsSchema().validate(spec.model().settings(), "model.settings");
        LossProvider lossProvider = registry.find(ComponentKind.LOSS, spec.loss().id(), LossProvider.class)
                .orElseThrow();
        LossFunction loss = lossProvider.create(lossProvider.settingsSchema().validate(spec.loss().settings(),
                "loss.settings"));
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            ArchitectureContext shape = new ArchitectureContext(data.train().exampleShape(), data.train().numClasses());
            Block model = architecture.build(modelSettings, shape);
            model.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, data.train().exampleShape()));
            Map<String, float[]> initial = snapshot(model);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(run.weights()))) {
                model.loadParameters(manager, in);
            }
            for (Pair<String, Parameter> entry : model.getParameters()) {
                if (entry.getValue().requiresGradient()) {
                    entry.getValue().getArray().setRequiresGradient(true);
                }
            }
            ModelStructure structure = architecture.structure(modelSettings, shape, model).orElseThrow();
            ResumableOptimizer optimizer = oneStep(registry, spec.optimizer(), model, manager, loss, data.train());
            ParameterStore store = new ParameterStore(manager, false);
            Map<Split, Predictions> predictions = Map.of(Split.TRAIN, predict(model, store, manager, data.train()),
                    Split.TEST, predict(model, store, manager, data.test()));
            DirectContext.Fixture fixture = new DirectContext.Fixture(run, model, manager, loss, structure, initial,
                    runtime.autograd());

            ModelState before = ModelState.capture(model, optimizer, data);
            int arrays = manager.getManagedArrays().size();
            float[] expectedDraws = ModelState.expectedDraws(manager);
            try {
                call(analysis, new DirectContext(fixture, data, predictions, ProgressMonitor.NONE));
            } catch (Exception | LinkageError | AssertionError e) {
                checks.add(new ConformanceReport.Check("analyze() called directly on the trained model", false,
                        "threw " + describe(e)));
            }
            checks.add(ModelState.randomGenerator(expectedDraws, ModelState.randomDraws(manager)));
            before.compare(ModelState.capture(model, optimizer, data), checks);
            int left = manager.getManagedArrays().size();
            checks.add(new ConformanceReport.Check("NDArrays freed", left == arrays, "the call left " + (left - arrays)
                    + " NDArrays on the model's manager (" + arrays + " before, " + left + " after): attach what you "
                    + "create to context.manager()"));
            checks.add(cancellation(analysis, new DirectContext(fixture, data, predictions, CANCELLED)));
            checks.add(emptyData(analysis, fixture, data));
        }
    }

    private static final ProgressMonitor CANCELLED = new ProgressMonitor() {
        @Override
        public void worked(String task, long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return true;
        }
    };

    /**
     * The run's optimizer after one real step on the first minibatch: momentum buffers and gradient
     * buffers then hold values, as they do between two epochs of a run.
     */
    private static ResumableOptimizer oneStep(ComponentRegistry registry, ComponentSpec optimizerSpec, Block model,
            NDManager manager, LossFunction loss, Dataset train) throws Exception {
        OptimizerProvider provider = registry.find(ComponentKind.OPTIMIZER, optimizerSpec.id(),
                OptimizerProvider.class).orElseThrow();
        Optimizer optimizer = provider.create(provider.settingsSchema().validate(optimizerSpec.settings(),
                "optimizer.settings"), new OptimizerContext(train.size(), 20, 3, (train.size() + 19) / 20));
        int count = Math.min(20, train.size());
        try (NDManager step = manager.newSubManager(); GradientCollector collector =
                Engine.getInstance().newGradientCollector()) {
            NDArray x = step.create(java.util.Arrays.copyOf(train.features(), count * train.featureSize()),
                    BatchEvaluation.batchShape(count, train.exampleShape()));
            long[] y = new long[count];
            for (int i = 0; i < count; i++) {
                y[i] = train.labels()[i];
            }
            NDArray out = model.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
            collector.backward(loss.perExample(out, step.create(y)).mean());
        }
        for (Pair<String, Parameter> entry : model.getParameters()) {
            NDArray weight = entry.getValue().getArray();
            if (weight.hasGradient()) {
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(entry.getKey(), weight, gradient);
                }
            }
        }
        if (!(optimizer instanceof ResumableOptimizer resumable)) {
            throw new IllegalStateException("the tiny experiment's optimizer '" + optimizerSpec.id() + "' has no state "
                    + "to save");
        }
        return resumable;
    }

    private static ConformanceReport.Check cancellation(Analysis analysis, DirectContext context) {
        String name = "a cancelled monitor is honoured";
        long start = System.nanoTime();
        try {
            call(analysis, context);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new ConformanceReport.Check(name, millis <= QUICK_MILLIS, "with a cancelled monitor the call still "
                    + "ran for " + millis + " ms: long loops must call context.monitor().checkCancelled()");
        } catch (CancelledException expected) {
            return new ConformanceReport.Check(name, true, "");
        } catch (Exception | LinkageError | AssertionError e) {
            return new ConformanceReport.Check(name, false, "with a cancelled monitor the call threw " + describe(e)
                    + " instead of CancelledException");
        }
    }

    private static ConformanceReport.Check emptyData(Analysis analysis, DirectContext.Fixture fixture,
            DatasetSplits data) {
        String name = "empty data gets finite numbers or a clear error";
        Dataset emptyTrain = empty(data.train());
        Dataset emptyTest = empty(data.test());
        Map<Split, Predictions> none = Map.of(Split.TRAIN, new Predictions(new float[0], new int[0],
                emptyTrain.numClasses()), Split.TEST, new Predictions(new float[0], new int[0], emptyTest.numClasses()));
        try {
            AnalysisResult result = call(analysis, new DirectContext(fixture, new DatasetSplits(emptyTrain, emptyTest),
                    none, ProgressMonitor.NONE));
            for (Map.Entry<String, Double> scalar : result.scalars().entrySet()) {
                if (scalar.getValue() == null || !Double.isFinite(scalar.getValue())) {
                    return new ConformanceReport.Check(name, false, "on empty data scalar " + scalar.getKey() + " is "
                            + scalar.getValue() + "; return finite numbers or throw an exception that says the data "
                            + "is empty");
                }
            }
            return new ConformanceReport.Check(name, true, "");
        } catch (Exception | LinkageError | AssertionError e) {
            boolean clear = !UNCLEAR.contains(e.getClass()) && e.getMessage() != null && !e.getMessage().isBlank();
            return new ConformanceReport.Check(name, clear, "on empty data the call threw " + describe(e)
                    + ": not a clear error (say that the data is empty)");
        }
    }

    private static AnalysisResult call(Analysis analysis, DirectContext context) throws Exception {
        try (context) {
            return analysis.analyze(context);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static Dataset empty(Dataset like) {
        return Dataset.of(like.name() + "[0:0]", like.exampleShape(), like.numClasses(), new float[0], new int[0]);
    }

    private static Map<String, float[]> snapshot(Block model) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        for (Pair<String, Parameter> entry : model.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static Predictions predict(Block model, ParameterStore store, NDManager manager, Dataset data) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(data.features(), BatchEvaluation.batchShape(data.size(), data.exampleShape()));
            NDArray out = model.forward(store, new NDList(x), false).singletonOrThrow();
            return new Predictions(out.toFloatArray(), data.labels(), data.numClasses());
        }
    }
}
