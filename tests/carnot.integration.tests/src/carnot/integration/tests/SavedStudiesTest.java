package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved experiments P15 (bias-variance) and P16 (landscape) run through the real command line
 * on real Fashion-MNIST, with the qualitative outcome each one is about (P8, stability, at CI size:
 * SavedAnalysesExperimentsTest).
 */
class SavedStudiesTest {

    @TempDir
    Path workspace;

    static Path experiment(String file) {
        Path path = Path.of(System.getProperty("carnot.experiments", "experiments")).resolve(file);
        assertTrue(Files.isRegularFile(path), "saved experiment " + path.toAbsolutePath());
        return path;
    }

    private JsonNode studyJson(String kind) throws Exception {
        try (Stream<Path> files = Files.walk(workspace.resolve("studies"))) {
            Path file = files.filter(p -> p.getFileName().toString().equals(kind + ".json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(file.toFile());
        }
    }

    @Test
    void p15BiasFallsAsTheWidthGrowsAndTheTermsAddUp() throws Exception {
        CommandLineRun run = CommandLineRun.carnot("bias-variance", experiment("p15-bias-variance.json").toString(),
                "--workspace", workspace.toString(), "--widths", "2,64", "--draws", "3", "--train-size", "500");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode rows = studyJson("bias-variance").get("rows");
        JsonNode narrow = rows.get(0);
        JsonNode wide = rows.get(1);
        for (JsonNode row : rows) {
            JsonNode s = row.get("squared");
            assertEquals(s.get("expected").asDouble(), s.get("bias").asDouble() + s.get("variance").asDouble(), 1e-9);
            JsonNode z = row.get("zeroOne");
            assertEquals(z.get("expected").asDouble(), z.get("bias").asDouble() + z.get("unbiasedVariance").asDouble()
                    - z.get("biasedCorrection").asDouble(), 1e-9);
            assertTrue(s.get("variance").asDouble() > 0, row::toString);
        }
        assertTrue(wide.get("squared").get("bias").asDouble() < narrow.get("squared").get("bias").asDouble(),
                rows::toString);
        assertTrue(wide.get("zeroOne").get("expected").asDouble() < narrow.get("zeroOne").get("expected").asDouble(),
                rows::toString);
    }

    @Test
    void badStudyOptionsAreRefusedNamingTheOption() throws Exception {
        CommandLineRun run = CommandLineRun.carnot("stability", experiment("p8-stability.json").toString(),
                "--workspace", workspace.toString(), "--perturbation", "swap-example");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("perturbation: expected one of replace-example, remove-example, got 'swap-example'"),
                run::toString);
        run = CommandLineRun.carnot("bias-variance", experiment("p15-bias-variance.json").toString(), "--workspace",
                workspace.toString(), "--width-setting", "depth");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("architecture 'mlp' has no integer or integer-list setting 'depth'"),
                run::toString);
        assertTrue(CommandLineRun.runFolders(workspace).isEmpty(), "refused before any run");
    }
}
