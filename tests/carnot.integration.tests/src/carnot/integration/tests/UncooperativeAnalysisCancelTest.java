package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.ProgressMonitor;
import carnot.api.experiment.ExperimentRunner;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.experiment.PreparedRun;
import carnot.api.experiment.RunOutcome;
import carnot.api.experiment.RunStatus;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import carnot.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

/**
 * Issue 16, item 4: an analysis that never calls {@code checkCancelled()} must not hold a cancelled
 * run. The engine runs analyses on a thread of their own and waits for them polling for
 * cancellation; a cancelled analysis gets a grace period, then the run ends as cancelled (and says
 * so in its status) while the analysis is abandoned.
 */
class UncooperativeAnalysisCancelTest {

    @TempDir
    Path workspace;

    @Test
    void aCancelledRunEndsWithinSecondsWhileItsAnalysisIgnoresCancellation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ServiceRegistration<AnalysisProvider> registration = TestAnalyses.register("test.uncooperative", context -> {
            started.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1); // busy, never looks at the monitor
            }
            return AnalysisResult.builder().scalar("sink", sink).build();
        });
        try {
            ExperimentSpec spec = ExperimentFiles.parse(Path.of("cancel.json"), String.format(RunBehaviourTest.MIXTURE,
                    3, 2, "[{\"id\": \"test.uncooperative\", \"atInit\": true}]"));
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            ProgressMonitor monitor = new ProgressMonitor() {
                @Override
                public void worked(String task, long done, long total) {
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            };
            try (PreparedRun prepared = Osgi.service(ExperimentRunner.class).prepare(spec, ProgressMonitor.NONE)) {
                Path folder = new Workspace(workspace).createRunFolder(prepared.resolvedSpec());
                Thread canceller = new Thread(() -> {
                    try {
                        started.await();
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    cancelled.set(true);
                });
                canceller.start();
                long start = System.nanoTime();
                RunOutcome outcome = prepared.execute(new RunRecorder(folder), monitor);
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(RunStatus.CANCELLED, outcome.status(), outcome.message());
                assertTrue(seconds < 15, "ended " + seconds + " s after the start, not after the analysis' 120 s");
                assertEquals("cancelled", RunRecords.status(folder).status(), "the status tells the truth");
            }
        } finally {
            registration.unregister();
        }
    }
}
