package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carnot validate} and {@code carnot migrate} on an experiment file that uses former setting
 * names (docs/settings.md), and on hostile input: exit 0 with a warning, then migrated, then valid
 * without a warning; exit 2 naming file and field for what cannot be migrated, the file untouched.
 */
class MigrateCommandTest {

    private static final String OLD = """
            {
              // a landscape probe written with the former name
              "format": 1, "name": "old-plane", "seed": 1,
              "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 64, "testSize": 64}},
              "model": {"id": "mlp", "settings": {"hidden": [8]}},
              "optimizer": {"id": "sgd", "settings": {"learningRate": 0.1}},
              "loss": "cross-entropy",
              "training": {"epochs": 1, "batchSize": 32},
              "analyses": [{"id": "interpolation", "settings": {"points": 3, "maxExamples": 32}}]
            }
            """;

    @TempDir
    Path workspace;

    @Test
    void anOldFileValidatesWithAWarningAndMigratesToOneThatValidatesWithout() throws Exception {
        Path file = Files.writeString(workspace.resolve("old.json"), OLD);
        CommandLineRun validate = CommandLineRun.carnot("validate", file.toString(), "-w", workspace.toString());
        assertEquals(0, validate.exitCode(), validate::toString);
        assertTrue(validate.err().contains("carnot: warning: " + file + ": analyses[0].settings.maxExamples "
                + "(interpolation): the setting \"maxExamples\" is now called \"sampleSize\""), validate::toString);

        CommandLineRun check = CommandLineRun.carnot("migrate", "--check", file.toString(), "-w", workspace.toString());
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.out().contains("analyses[0].settings.maxExamples (interpolation): \"maxExamples\" -> "
                + "\"sampleSize\""), check::toString);
        assertEquals(OLD, Files.readString(file), "--check writes nothing");

        CommandLineRun migrate = CommandLineRun.carnot("migrate", file.toString(), "-w", workspace.toString());
        assertEquals(0, migrate.exitCode(), migrate::toString);
        String text = Files.readString(file);
        assertTrue(text.contains("// a landscape probe written with the former name"), text);
        assertTrue(text.contains("\"sampleSize\""), text);
        assertFalse(text.contains("maxExamples"), text);

        CommandLineRun again = CommandLineRun.carnot("validate", file.toString(), "-w", workspace.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertFalse(again.err().contains("warning"), again::toString);
        CommandLineRun twice = CommandLineRun.carnot("migrate", file.toString(), "-w", workspace.toString());
        assertEquals(0, twice.exitCode(), twice::toString);
        assertTrue(twice.out().contains("nothing to change"), twice::toString);
    }

    @Test
    void whatCannotBeMigratedExitsTwoNamingFileAndFieldAndLeavesTheFile() throws Exception {
        Path missing = workspace.resolve("missing.json");
        CommandLineRun absent = CommandLineRun.carnot("migrate", missing.toString(), "-w", workspace.toString());
        assertEquals(2, absent.exitCode(), absent::toString);
        assertTrue(absent.err().contains(missing.toString()), absent::toString);

        Path malformed = Files.writeString(workspace.resolve("malformed.json"), "{\"name\": \"x\",, }");
        CommandLineRun json = CommandLineRun.carnot("migrate", malformed.toString(), "-w", workspace.toString());
        assertEquals(2, json.exitCode(), json::toString);
        assertTrue(json.err().contains(malformed + ":1:") && json.err().contains("malformed JSON"), json::toString);

        String unknownText = OLD.replace("\"analyses\"", "\"analysis\"");
        Path unknown = Files.writeString(workspace.resolve("unknown.json"), unknownText);
        CommandLineRun key = CommandLineRun.carnot("migrate", unknown.toString(), "-w", workspace.toString());
        assertEquals(2, key.exitCode(), key::toString);
        assertTrue(key.err().contains(unknown + ": analysis: unknown key"), key::toString);
        assertEquals(unknownText, Files.readString(unknown));

        Path outside = Files.createTempFile("carnot-migrate-outside", ".json");
        try {
            Files.writeString(outside, OLD);
            CommandLineRun refused = CommandLineRun.carnot("migrate", outside.toString(), "-w", workspace.toString());
            assertEquals(2, refused.exitCode(), refused::toString);
            assertTrue(refused.err().contains("outside the workspace"), refused::toString);
            assertEquals(OLD, Files.readString(outside));
        } finally {
            Files.delete(outside);
        }
    }
}
