package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentFilesTest {

    static final String MINIMAL = """
            {
              // comments are allowed
              "name": "exp-1",
              "dataset": "gaussian-mixture",
              "model": {"id": "mlp", "settings": {"hidden": [16, 16]}},
              "optimizer": {"id": "sgd"},
              "loss": "cross-entropy",
              "analyses": ["margins", {"id": "margins", "every": 2, "atInit": true, "settings": {"bins": 9}}]
            }
            """;

    private static final Path FILE = Path.of("exp.json");

    @Test
    void minimalFileGetsDefaults() throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(FILE, MINIMAL);
        assertEquals("exp-1", spec.name());
        assertEquals(0, spec.seed());
        assertEquals("gaussian-mixture", spec.dataset().id());
        assertEquals(List.of(16, 16), spec.model().settings().get("hidden"));
        assertEquals(10, spec.training().epochs());
        assertEquals(128, spec.training().batchSize());
        assertEquals(2, spec.analyses().size());
        assertEquals(0, spec.analyses().get(0).every());
        assertEquals(2, spec.analyses().get(1).every());
        assertTrue(spec.analyses().get(1).atInit());
        assertEquals(9, spec.analyses().get(1).settings().get("bins"));
    }

    @Test
    void perturbationsAndTrainingOptionsAreReadInOrderAndWrittenBack(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(FILE, MINIMAL.replace("\"model\"", """
                "perturbations": [{"id": "subsample", "settings": {"trainSize": 100}}, "shuffled-pixels"],
                "training": {"until": "train-error", "target": 0.01, "batchGrowth": 2},
                "model\"""".strip()));
        assertEquals(List.of("subsample", "shuffled-pixels"), spec.perturbations().stream().map(p -> p.id()).toList());
        assertEquals(100, spec.perturbations().get(0).settings().get("trainSize"));
        assertEquals("train-error", spec.training().until());
        assertEquals(0.01, spec.training().target());
        assertEquals(256, spec.training().batchSizeAt(2, 1000), "B doubles every epoch by default");
        Path file = dir.resolve("copy.json");
        ExperimentFiles.write(spec, file);
        assertEquals(spec, ExperimentFiles.read(file));
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(FILE,
                MINIMAL.replace("\"model\"", "\"perturbations\": {\"id\": \"subsample\"}, \"model\"")));
        assertTrue(e.getMessage().contains("perturbations: expected a list of components"), e.getMessage());
        ExperimentFileException until = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(FILE,
                MINIMAL.replace("\"model\"", "\"training\": {\"until\": \"forever\"}, \"model\"")));
        assertTrue(until.getMessage().contains("training.until: expected one of epochs, train-error, train-loss, got "
                + "\"forever\""), until.getMessage());
    }

    @Test
    void writtenFilesReadBackEqual(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = ExperimentFiles.parse(FILE, MINIMAL);
        Path file = dir.resolve("copy.json");
        ExperimentFiles.write(spec, file);
        assertEquals(spec, ExperimentFiles.read(file));
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        String broken = "{\n  \"name\": \"x\",\n  \"dataset\": \"idx\"\n  \"model\": \"mlp\"\n}";
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(FILE,
                broken));
        assertTrue(e.getMessage().startsWith("exp.json:4:3: malformed JSON"), e.getMessage());
    }

    @Test
    void fieldErrorsNameTheField() {
        assertField(MINIMAL.replace("\"name\": \"exp-1\",", ""), "name", "required");
        assertField(MINIMAL.replace("\"exp-1\"", "\"../up\""), "name", "is not allowed");
        assertField(MINIMAL.replace("\"loss\": \"cross-entropy\",", "\"loss\": 3,"), "loss", "expected a component");
        assertField(MINIMAL.replace("\"optimizer\": {\"id\": \"sgd\"}", "\"optimizer\": {\"id\": \"sgd\", \"lr\": 1}"),
                "optimizer.lr", "unknown key; allowed: id, settings");
        assertField(MINIMAL.replace("\"name\"", "\"training\": {\"epochs\": 0}, \"name\""), "training.epochs",
                "expected an integer >= 1, got 0");
        assertField(MINIMAL.replace("\"name\"", "\"format\": 7, \"name\""), "format", "newer Carnot");
        assertField(MINIMAL.replace("\"every\": 2", "\"every\": -1"), "analyses[1].every", ">= 0");
        assertField(MINIMAL.replace("\"name\"", "\"seed\": 1.5, \"name\""), "seed", "expected an integer");
    }

    @Test
    void duplicateKeysAreRejected() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class,
                () -> ExperimentFiles.parse(FILE, MINIMAL.replace("\"name\": \"exp-1\",",
                        "\"name\": \"exp-1\", \"name\": \"exp-2\",")));
        assertTrue(e.getMessage().contains("Duplicate field 'name'"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class,
                () -> ExperimentFiles.read(Path.of("/nonexistent/exp.json")));
        assertEquals("/nonexistent/exp.json: no such file", e.getMessage());
    }

    private static void assertField(String json, String field, String fragment) {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.parse(FILE,
                json));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("exp.json: " + field + ": "), e.getMessage());
    }

    @Test
    void workspaceRefusesPathsOutsideIt(@TempDir Path dir) throws Exception {
        Workspace workspace = new Workspace(dir);
        assertThrows(java.io.IOException.class, () -> workspace.inside(dir.resolve("../elsewhere")));
        Path run = workspace.createRunFolder(ExperimentFiles.parse(FILE, MINIMAL));
        assertTrue(run.startsWith(dir.resolve("runs/exp-1")));
        Path second = workspace.createRunFolder(ExperimentFiles.parse(FILE, MINIMAL));
        assertTrue(!run.equals(second) && Files.isDirectory(second), "two runs in one second get two folders");
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/status.json");
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, "second");
        assertEquals("second", Files.readString(file));
        try (var list = Files.list(file.getParent())) {
            assertEquals(List.of(file), list.toList());
        }
    }
}
