package carnot.integration.tests;

import carnot.api.experiment.MemoryEstimate;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.ExitCode;
import carnot.api.runs.RunInfo;
import carnot.api.runs.RunObserver;
import carnot.api.runs.RunPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * An executor's context that only estimates memory, for tests of how executors size what they ask
 * for: each point's estimate comes from a function (a table, or the real runner), and nothing runs.
 */
final class EstimatingContext implements ExecutionContext {

    private final Path workspace;
    private final Function<RunPoint, Optional<MemoryEstimate>> estimates;

    EstimatingContext(Path workspace, Function<RunPoint, Optional<MemoryEstimate>> estimates) {
        this.workspace = workspace;
        this.estimates = estimates;
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public ExitCode runHere(RunPoint point, RunObserver observer, BooleanSupplier cancelled) {
        throw new UnsupportedOperationException("nothing runs here");
    }

    @Override
    public List<String> pointCommand(RunPoint point) {
        throw new UnsupportedOperationException("no process starts here");
    }

    @Override
    public Optional<Path> launcher() {
        return Optional.empty();
    }

    @Override
    public RunObserver observer() {
        return RunObserver.NONE;
    }

    @Override
    public RunInfo inspect(Path pointFolder) {
        throw new UnsupportedOperationException("no point folder here");
    }

    @Override
    public int threadBudget() {
        return 1;
    }

    @Override
    public Optional<MemoryEstimate> memoryEstimate(RunPoint point) {
        return estimates.apply(point);
    }
}
