package carnot.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.BatchEvaluation;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.component.CancelledException;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
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
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conformance checks that need to watch the analysis at work, so they call it directly with a
 * context the testkit builds around the tiny trained model (the same network, weights, data and
 * loss the checkpoint path gives it):
 * <ul>
 * <li>the model's parameters are bit-for-bit the same after the call;</li>
 * <li>the NDArrays of the model's manager (and its sub-managers) are as many after the call as
 * before: the analysis attached what it made to {@link AnalysisContext#manager()}, which is closed
 * after the call;</li>
 * <li>with a monitor that is already cancelled the call throws {@link CancelledException}, or
 * returns within {@value #QUICK_MILLIS} ms (a short analysis need not check);</li>
 * <li>on empty data (0 training and 0 test examples) the call either returns finite numbers or
 * throws an exception whose message says what is wrong; a {@code NullPointerException},
 * {@code ArrayIndexOutOfBoundsException}, {@code ArithmeticException}, {@code ClassCastException},
 * a message-less exception or a NaN is not a clear answer.</li>
 * </ul>
 */
final class DirectAnalysisChecks {

    static final long QUICK_MILLIS = 2000;

    private static final Set<Class<?>> UNCLEAR = Set.of(NullPointerException.class,
            ArrayIndexOutOfBoundsException.class, IndexOutOfBoundsException.class, ArithmeticException.class,
            ClassCastException.class, NegativeArraySizeException.class);

    private DirectAnalysisChecks() {
    }

    static void run(Analysis analysis, AnalysisConformance.TinyRun run, ComponentRegistry registry,
            List<String> problems) throws Exception {
        ExperimentSpec spec = run.spec();
        ComponentSpec datasetSpec = spec.dataset();
        DatasetProvider datasetProvider = registry.find(ComponentKind.DATASET, datasetSpec.id(),
                DatasetProvider.class).orElseThrow();
        DatasetSplits data = datasetProvider.load(datasetProvider.settingsSchema().validate(datasetSpec.settings(),
                "dataset.settings"), new DatasetContext(spec.seed(), ProgressMonitor.NONE));
        ArchitectureProvider architecture = registry.find(ComponentKind.ARCHITECTURE, spec.model().id(),
                ArchitectureProvider.class).orElseThrow();
        LossProvider lossProvider = registry.find(ComponentKind.LOSS, spec.loss().id(), LossProvider.class)
                .orElseThrow();
        LossFunction loss = lossProvider.create(lossProvider.settingsSchema().validate(spec.loss().settings(),
                "loss.settings"));
        Engine engine = Engine.getInstance();
        try (NDManager manager = engine.newBaseManager()) {
            Block model = architecture.build(architecture.settingsSchema().validate(spec.model().settings(),
                    "model.settings"), new ArchitectureContext(data.train().exampleShape(), data.train().numClasses()));
            model.initialize(manager, DataType.FLOAT32, BatchEvaluation.batchShape(1, data.train().exampleShape()));
            Map<String, float[]> initial = snapshot(model);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(run.parameters()))) {
                model.loadParameters(manager, in);
            }
            ParameterStore store = new ParameterStore(manager, false);
            Map<Split, Predictions> predictions = Map.of(Split.TRAIN, predict(model, store, manager, data.train()),
                    Split.TEST, predict(model, store, manager, data.test()));
            Map<String, float[]> before = snapshot(model);
            int arrays = manager.getManagedArrays().size();

            call(analysis, new Context(run, model, manager, loss, data, predictions, initial, ProgressMonitor.NONE));
            Map<String, float[]> after = snapshot(model);
            for (Map.Entry<String, float[]> entry : before.entrySet()) {
                if (!Arrays.equals(entry.getValue(), after.get(entry.getKey()))) {
                    problems.add("the model's parameter " + entry.getKey() + " changed during the call: an analysis "
                            + "that perturbs weights must restore them");
                }
            }
            int left = manager.getManagedArrays().size();
            if (left != arrays) {
                problems.add("the call left " + (left - arrays) + " NDArrays on the model's manager (" + arrays
                        + " before, " + left + " after): attach what you create to context.manager()");
            }

            ProgressMonitor cancelled = new ProgressMonitor() {
                @Override
                public void worked(String task, long done, long total) {
                }

                @Override
                public boolean isCancelled() {
                    return true;
                }
            };
            long start = System.nanoTime();
            try {
                call(analysis, new Context(run, model, manager, loss, data, predictions, initial, cancelled));
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (millis > QUICK_MILLIS) {
                    problems.add("with a cancelled monitor the call still ran for " + millis + " ms: long loops must "
                            + "call context.monitor().checkCancelled()");
                }
            } catch (CancelledException expected) {
                // honoured
            } catch (Exception e) {
                problems.add("with a cancelled monitor the call threw " + e + " instead of CancelledException");
            }

            Dataset emptyTrain = empty(data.train());
            Dataset emptyTest = empty(data.test());
            DatasetSplits empty = new DatasetSplits(emptyTrain, emptyTest);
            Map<Split, Predictions> none = Map.of(Split.TRAIN, new Predictions(new float[0], new int[0],
                    emptyTrain.numClasses()), Split.TEST, new Predictions(new float[0], new int[0],
                    emptyTest.numClasses()));
            try {
                AnalysisResult result = call(analysis, new Context(run, model, manager, loss, empty, none, initial,
                        ProgressMonitor.NONE));
                result.scalars().forEach((name, value) -> {
                    if (value == null || !Double.isFinite(value)) {
                        problems.add("on empty data scalar " + name + " is " + value + "; return finite numbers or "
                                + "throw an exception that says the data is empty");
                    }
                });
            } catch (Exception | Error e) {
                if (UNCLEAR.contains(e.getClass()) || e.getMessage() == null || e.getMessage().isBlank()) {
                    problems.add("on empty data the call threw " + e + ": not a clear error (say that the data is "
                            + "empty)");
                }
            }
        }
    }

    private static AnalysisResult call(Analysis analysis, Context context) throws Exception {
        try (NDManager scope = context.manager()) {
            return analysis.analyze(context);
        }
    }

    private static Dataset empty(Dataset like) {
        return new Dataset(like.name() + "[0:0]", like.exampleShape(), like.numClasses(), new float[0], new int[0]);
    }

    private static Map<String, float[]> snapshot(Block model) {
        Map<String, float[]> values = new LinkedHashMap<>();
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

    /** What a run gives an analysis, over the testkit's own model and data. */
    private static final class Context implements AnalysisContext {
        private final AnalysisConformance.TinyRun run;
        private final Block model;
        private final NDManager manager;
        private final LossFunction loss;
        private final DatasetSplits data;
        private final Map<Split, Predictions> predictions;
        private final Map<String, float[]> initial;
        private final ProgressMonitor monitor;

        Context(AnalysisConformance.TinyRun run, Block model, NDManager modelManager, LossFunction loss,
                DatasetSplits data, Map<Split, Predictions> predictions, Map<String, float[]> initial,
                ProgressMonitor monitor) {
            this.run = run;
            this.model = model;
            this.manager = modelManager.newSubManager();
            this.loss = loss;
            this.data = data;
            this.predictions = predictions;
            this.initial = initial;
            this.monitor = monitor;
        }

        @Override
        public int epoch() {
            return run.epoch();
        }

        @Override
        public long seed() {
            return run.spec().seed();
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public Block model() {
            return model;
        }

        @Override
        public ExperimentSpec spec() {
            return run.spec();
        }

        @Override
        public Map<String, float[]> initialParameters() {
            return initial;
        }

        @Override
        public LossFunction loss() {
            return loss;
        }

        @Override
        public Dataset dataset(Split split) {
            return split == Split.TRAIN ? data.train() : data.test();
        }

        @Override
        public Predictions predictions(Split split) {
            return predictions.get(split);
        }

        @Override
        public ProgressMonitor monitor() {
            return monitor;
        }
    }
}
