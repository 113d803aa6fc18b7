package carnot.testkit;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import carnot.api.analysis.AnalysisContext;
import carnot.api.analysis.EvaluationResult;
import carnot.api.analysis.Predictions;
import carnot.api.analysis.Split;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.AutogradFactory;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.losses.LossFunction;
import carnot.api.models.ModelStructure;
import carnot.engine.internal.BatchEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a run gives an analysis, over the testkit's own model and data; closing it frees what the call made. */
final class DirectContext implements AnalysisContext, AutoCloseable {

    /** The model and what does not change between calls. */
    record Fixture(TinyExperiment.Trace run, Block model, NDManager modelManager, LossFunction loss,
            ModelStructure structure, Map<String, float[]> initial, AutogradFactory autograd) {
    }

    private final Fixture fixture;
    private final NDManager manager;
    private final DatasetSplits data;
    private final Map<Split, Predictions> predictions;
    private final ProgressMonitor monitor;
    private final List<Autograd> autograds = new ArrayList<>();

    DirectContext(Fixture fixture, DatasetSplits data, Map<Split, Predictions> predictions, ProgressMonitor monitor) {
        this.fixture = fixture;
        this.manager = fixture.modelManager().newSubManager();
        this.data = data;
        this.predictions = predictions;
        this.monitor = monitor;
    }

    @Override
    public int epoch() {
        return fixture.run().epoch();
    }

    @Override
    public long seed() {
        return fixture.run().resolved().seed();
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public Block model() {
        return fixture.model();
    }

    @Override
    public ModelStructure structure() {
        return fixture.structure();
    }

    @Override
    public Autograd autograd() {
        return autograd(List.of());
    }

    @Override
    public Autograd autograd(List<String> parameterNames) {
        return autograd(parameterNames, fixture.run().resolved().training().evalBatchSize());
    }

    @Override
    public Autograd autograd(List<String> parameterNames, int chunkSize) {
        Autograd opened = fixture.autograd().open(fixture.model(), fixture.loss(), parameterNames, chunkSize, manager);
        autograds.add(opened);
        return opened;
    }

    @Override
    public ExperimentSpec spec() {
        return fixture.run().resolved();
    }

    @Override
    public Map<String, float[]> initialParameters() {
        return fixture.initial();
    }

    @Override
    public LossFunction loss() {
        return fixture.loss();
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

    /** The engine's own evaluation, so that an analysis measures here what it measures in a run. */
    @Override
    public EvaluationResult evaluate(ParameterStore store, Dataset data, int n, int batchSize) {
        return BatchEvaluation.evaluate(fixture.model(), store, manager, fixture.loss(), data, n, batchSize, monitor);
    }

    @Override
    public void close() {
        for (Autograd autograd : autograds) {
            autograd.close();
        }
        manager.close();
    }
}
