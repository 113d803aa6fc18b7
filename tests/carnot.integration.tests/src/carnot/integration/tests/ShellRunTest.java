package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.runs.LockHolder;
import carnot.workspace.internal.FolderLock;
import carnot.workspace.RunRecorder;
import carnot.workspace.RunRecords;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code carnot:run} in the Gogo shell is a client of the run service like {@code carnot run}: the
 * run folder is locked while it trains (a second {@code carnot:run} of the same file is refused,
 * naming the holder), resume state is recorded after every epoch, and {@code carnot:status} tells
 * it is running. A test analysis holds the run in its second epoch while the test looks.
 */
class ShellRunTest {

    @TempDir
    Path workspace;

    private static final String EXPERIMENT = """
            {
              "name": "shell",
              "seed": 2,
              "dataset": {"id": "gaussian-mixture", "settings": {"classes": 2, "dimension": 6, "trainSize": 80,
                          "testSize": 40}},
              "model": {"id": "mlp", "settings": {"hidden": [8]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
              "loss": "cross-entropy",
              "training": {"epochs": 3, "batchSize": 16},
              "analyses": [{"id": "test.gate", "every": 1}]
            }
            """;

    @Test
    void aShellRunHoldsTheLockAndRecordsResumeState() throws Exception {
        Files.writeString(workspace.resolve("shell.json"), EXPERIMENT);
        CountDownLatch inEpochTwo = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServiceRegistration<AnalysisProvider> gate = TestAnalyses.register("test.gate", context -> {
            if (context.epoch() == 2) {
                inEpochTwo.countDown();
                assertTrue(release.await(2, TimeUnit.MINUTES));
            }
            return AnalysisResult.builder().scalar("epoch", context.epoch()).build();
        });
        String previous = System.getProperty("carnot.workspace");
        System.setProperty("carnot.workspace", workspace.toString());
        try {
            Object shell = shellCommands();
            Method run = shell.getClass().getMethod("run", String.class);
            Method status = shell.getClass().getMethod("status");
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> invoke(run, shell, "shell.json"));
            assertTrue(inEpochTwo.await(2, TimeUnit.MINUTES), "the run reaches epoch 2");

            List<Path> folders = CommandLineRun.runFolders(workspace);
            assertEquals(1, folders.size());
            Path folder = folders.get(0);
            LockHolder holder = FolderLock.holder(folder).orElseThrow(() -> new AssertionError("no lock held"));
            assertEquals(ProcessHandle.current().pid(), holder.pid());
            assertEquals("carnot:run shell.json (shell)", holder.command());
            assertEquals(1, RunRecorder.saved(folder).orElseThrow().epoch(), "resume state after epoch 1");
            String listing = (String) status.invoke(shell);
            assertTrue(listing.startsWith("running       2/3   runs/shell/"), listing);
            assertTrue(listing.contains("process " + ProcessHandle.current().pid()), listing);

            String second = invoke(run, shell, "shell.json");
            assertTrue(second.contains(folder + " is in use by process " + ProcessHandle.current().pid()), second);
            assertEquals(1, CommandLineRun.runFolders(workspace).size(), "the second run wrote nothing");

            release.countDown();
            String result = first.get(2, TimeUnit.MINUTES);
            assertEquals("carnot: completed after 3 epochs; results in " + folder, result);
            assertTrue(FolderLock.holder(folder).isEmpty(), "released when the run ended");
            assertTrue(RunRecords.status(folder).completed());
            assertFalse(Files.exists(folder.resolve(RunRecorder.RESUME)), "a completed run drops its resume state");
        } finally {
            release.countDown();
            gate.unregister();
            if (previous == null) {
                System.clearProperty("carnot.workspace");
            } else {
                System.setProperty("carnot.workspace", previous);
            }
        }
    }

    /** The shell's command object, as Gogo finds it: the service with the carnot scope and a run function. */
    private static Object shellCommands() throws Exception {
        for (int i = 0; i < 600; i++) {
            ServiceReference<?>[] references = Osgi.context().getServiceReferences((String) null,
                    "(&(osgi.command.scope=carnot)(osgi.command.function=run))");
            if (references != null && references.length > 0) {
                return Osgi.context().getService(references[0]);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the carnot shell commands did not appear");
    }

    private static String invoke(Method method, Object target, String argument) {
        try {
            return (String) method.invoke(target, argument);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
