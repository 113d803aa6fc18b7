package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.workspace.RunRecords;
import carnot.workspace.SweepRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's saved experiments ({@code experiments/}), run through the real command line. */
final class SavedExperiments {

    private SavedExperiments() {
    }

    /** The checkout's {@code experiments/} folder, found upwards from the working directory. */
    static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("experiments").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("experiments/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Runs experiments/{@code name} in the workspace and returns its run folder. */
    static Path run(String name, Path workspace) throws IOException {
        CommandLineRun run = CommandLineRun.carnot("run", file(name).toString(), "--workspace", workspace.toString(),
                "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        List<Path> folders = CommandLineRun.runFolders(workspace);
        return folders.get(folders.size() - 1);
    }

    /**
     * Runs the sweep experiments/{@code name} in the (empty) workspace and returns its
     * {@code summary.json}.
     */
    static JsonNode sweepSummary(String name, Path workspace) throws IOException {
        CommandLineRun run = CommandLineRun.carnot("run", file(name).toString(), "--workspace", workspace.toString(),
                "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        Path folder;
        try (Stream<Path> names = Files.list(workspace.resolve("runs"))) {
            Path experiment = names.filter(Files::isDirectory).findFirst().orElseThrow();
            try (Stream<Path> sweeps = Files.list(experiment)) {
                folder = sweeps.filter(p -> p.getFileName().toString().startsWith("sweep-")).findFirst().orElseThrow();
            }
        }
        return new ObjectMapper().readTree(folder.resolve(SweepRecords.SUMMARY_JSON).toFile());
    }

    /** The mean over seeds of a final metric of grid cell {@code cell} in a sweep summary. */
    static double mean(JsonNode summary, int cell, String metric) {
        JsonNode m = summary.path("cells").get(cell).path("metrics").path(metric);
        assertTrue(m.has("mean"), () -> "cell " + cell + " has no " + metric + ": " + summary);
        return m.path("mean").asDouble();
    }

    /** The scalars analysis {@code index}-{@code id} recorded after {@code epoch}. */
    static JsonNode scalars(Path folder, int index, String id, int epoch) throws IOException {
        return RunRecords.analysis(folder, index, id, epoch).get("scalars");
    }

    /** The scalars of the last call of analysis {@code index}-{@code id}. */
    static JsonNode lastScalars(Path folder, int index, String id) throws IOException {
        Path dir = folder.resolve("analyses").resolve(index + "-" + id);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no results of " + id + ": " + Files.readString(folder.resolve("status.json")));
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            Path last = files.filter(f -> f.getFileName().toString().startsWith("epoch-")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no results in " + dir));
            String name = last.getFileName().toString();
            int epoch = Integer.parseInt(name.substring("epoch-".length(), name.length() - ".json".length()));
            return scalars(folder, index, id, epoch);
        }
    }
}
