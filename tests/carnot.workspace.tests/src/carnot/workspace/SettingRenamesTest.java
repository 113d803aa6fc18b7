package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiment files written before the settings vocabulary was settled (docs/settings.md): they
 * still read, with a warning naming the file, the field, the component and both names; the
 * migration rewrites them to text that reads with no warning and keeps the comments; a component
 * that holds both names, or a plugin's own {@code examples}, is not guessed at.
 */
class SettingRenamesTest {

    private static final String OLD = """
            {
              // written before sampleSize and exampleIndices
              "format": 1, "name": "old-names", "seed": 3,
              "dataset": {"id": "idx", "settings": {"trainSize": 100}},
              "model": "mlp", "optimizer": "sgd", "loss": "cross-entropy",
              "analyses": [
                {"id": "hessian-spectrum", "settings": {"topK": 2, "examples": 500, "chunkSize": 250}},
                {"id": "plane", "settings": {"points": 5, "maxExamples": 1000}}, // the plane, small
                {"id": "outputs", "settings": {"split": "train", "examples": [0, 7]}},
                {"id": "fisher-rao", "settings": {"examples": 60}}
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void anOldFileReadsUnderTheCurrentNamesWithOneWarningPerRenamedSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), OLD);
        List<String> warnings = new ArrayList<>();
        ExperimentSpec spec = ExperimentFiles.read(file, warnings::add);

        assertEquals(Map.of("topK", 2, "sampleSize", 500, "chunkSize", 250), spec.analyses().get(0).settings());
        assertEquals(Map.of("points", 5, "sampleSize", 1000), spec.analyses().get(1).settings());
        assertEquals(Map.of("split", "train", "exampleIndices", List.of(0, 7)), spec.analyses().get(2).settings());
        assertEquals(Map.of("examples", 60), spec.analyses().get(3).settings(),
                "a plugin's own setting called examples is not renamed");
        assertEquals(List.of(
                file + ": analyses[0].settings.examples (hessian-spectrum): the setting \"examples\" is now called "
                        + "\"sampleSize\"; read as \"sampleSize\" (`carnot migrate " + file + "` rewrites the file)",
                file + ": analyses[1].settings.maxExamples (plane): the setting \"maxExamples\" is now called "
                        + "\"sampleSize\"; read as \"sampleSize\" (`carnot migrate " + file + "` rewrites the file)",
                file + ": analyses[2].settings.examples (outputs): the setting \"examples\" is now called "
                        + "\"exampleIndices\"; read as \"exampleIndices\" (`carnot migrate " + file
                        + "` rewrites the file)"), warnings);
    }

    @Test
    void theMigratedTextReadsWithoutWarningKeepsCommentsAndLayoutAndHoldsTheSameExperiment() throws Exception {
        Path file = Files.writeString(dir.resolve("old.json"), OLD);
        SettingRenames.Migration migration = SettingRenames.migrate(file);
        assertEquals(3, migration.changes().size());
        assertEquals(OLD, Files.readString(file), "migrate itself writes nothing");

        String text = migration.text();
        assertTrue(text.contains("// written before sampleSize and exampleIndices"), text);
        assertTrue(text.contains("// the plane, small"), text);
        assertTrue(text.contains("\"dataset\": {\"id\": \"idx\", \"settings\": {\"trainSize\": 100}},"),
                "untouched lines keep their layout: " + text);
        assertTrue(text.contains("\"fisher-rao\", \"settings\": {\"examples\": 60}"), text);
        assertFalse(text.contains("maxExamples"), text);

        Path migrated = Files.writeString(dir.resolve("migrated.json"), text);
        List<String> warnings = new ArrayList<>();
        ExperimentSpec after = ExperimentFiles.read(migrated, warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(ExperimentFiles.read(file, w -> { }), after);
        assertTrue(SettingRenames.migrate(migrated).changes().isEmpty(), "migrating twice changes nothing");
        assertEquals(text, SettingRenames.migrate(migrated).text());
    }

    @Test
    void aSweepAxisOverAFormerNameIsRenamedWithTheSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("sweep.json"), """
                {"format": 1, "name": "old-sweep", "dataset": "idx", "model": "mlp", "optimizer": "sgd",
                 "loss": "cross-entropy",
                 "analyses": [{"id": "sharpness", "settings": {"examples": 100}}],
                 "sweep": {"grid": {"analyses[0].settings.examples": [100, 200]}, "seeds": [1]}}
                """);
        List<String> warnings = new ArrayList<>();
        Sweeps.Plan plan = Sweeps.read(file, warnings::add);
        assertEquals("analyses[0].settings.sampleSize", plan.axes().get(0).path());
        assertEquals(200, plan.points().get(1).spec().analyses().get(0).settings().get("sampleSize"));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(1).contains("sweep.grid[\"analyses[0].settings.examples\"] (sharpness)"),
                warnings::toString);
        String text = SettingRenames.migrate(file).text();
        assertTrue(text.contains("\"analyses[0].settings.sampleSize\""), text);
        assertFalse(text.contains("settings.examples"), text);
    }

    @Test
    void bothTheFormerAndTheCurrentNameIsAnErrorNamingTheField() throws Exception {
        Path file = Files.writeString(dir.resolve("both.json"), """
                {"format": 1, "name": "both", "dataset": "idx", "model": "mlp", "optimizer": "sgd",
                 "loss": "cross-entropy",
                 "analyses": [{"id": "slices", "settings": {"maxExamples": 100, "sampleSize": 200}}]}
                """);
        ExperimentFileException read = assertThrows(ExperimentFileException.class, () -> ExperimentFiles.read(file));
        assertEquals("analyses[0].settings.maxExamples", read.field());
        assertTrue(read.getMessage().startsWith(file.toString()), read.getMessage());
        assertTrue(read.getMessage().contains("keep \"sampleSize\" only"), read.getMessage());
        ExperimentFileException migrate = assertThrows(ExperimentFileException.class,
                () -> SettingRenames.migrate(file));
        assertEquals(read.getMessage(), migrate.getMessage());
    }

    @Test
    void aMissingOrMalformedFileOrAnUnknownKeyIsRefusedNamingFileAndField() throws Exception {
        Path missing = dir.resolve("missing.json");
        ExperimentFileException absent = assertThrows(ExperimentFileException.class,
                () -> SettingRenames.migrate(missing));
        assertTrue(absent.getMessage().startsWith(missing.toString()), absent.getMessage());

        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"format\": 1, \"name\": \n");
        ExperimentFileException json = assertThrows(ExperimentFileException.class,
                () -> SettingRenames.migrate(malformed));
        assertTrue(json.getMessage().startsWith(malformed + ":"), json.getMessage());
        assertTrue(json.getMessage().contains("malformed JSON"), json.getMessage());

        Path unknown = Files.writeString(dir.resolve("unknown.json"), """
                {"format": 1, "name": "u", "dataset": "idx", "model": "mlp", "optimizer": "sgd",
                 "loss": "cross-entropy", "analysis": [{"id": "sharpness", "settings": {"examples": 1}}]}
                """);
        ExperimentFileException key = assertThrows(ExperimentFileException.class, () -> SettingRenames.migrate(unknown));
        assertEquals("analysis", key.field());
        assertTrue(key.getMessage().contains("unknown key"), key.getMessage());
    }
}
