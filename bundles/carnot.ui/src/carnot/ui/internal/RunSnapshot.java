package carnot.ui.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one look at a run folder found: the epoch rows of {@code metrics.jsonl} and the fields of
 * {@code status.json}, plus what could not be read. A run still in progress is read while it is
 * being written, so a missing file, a half-written last line or a half-written status are normal
 * and end up in {@link #problems()}, never in an exception.
 *
 * @param rows            readable metric lines in file order
 * @param status          {@code completed}, {@code running}, {@code failed}, {@code cancelled}, or
 *                        {@code null} when there is no readable status
 * @param epochsCompleted from the status file, or {@code null}
 * @param epochsPlanned   from the status file, or {@code null}
 * @param message         from the status file; may be empty
 * @param problems        one line per thing that could not be read
 */
record RunSnapshot(List<EpochRow> rows, String status, Integer epochsCompleted, Integer epochsPlanned,
        String message, List<String> problems) {

    /**
     * One line of {@code metrics.jsonl}. Values absent from the line are {@code NaN}; a diverged
     * run may also carry {@code NaN} or infinite losses. Charts leave out non-finite points.
     * Errors are fractions in [0, 1].
     */
    record EpochRow(double epoch, double trainLoss, double trainError, double testLoss, double testError) {
    }

    /** Accepts bare {@code NaN} and {@code Infinity}, which a diverged run's writer may emit. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    RunSnapshot {
        rows = List.copyOf(rows);
        message = message == null ? "" : message;
        problems = List.copyOf(problems);
    }

    /** The last row, or {@code null} if there are none. */
    EpochRow last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** Reads a run folder; never throws. */
    static RunSnapshot read(Path folder) {
        List<String> problems = new ArrayList<>();
        List<EpochRow> rows = readMetrics(folder.resolve(RunFolder.METRICS_FILE), problems);

        String status = null;
        Integer epochs = null;
        Integer planned = null;
        String message = "";
        Path statusFile = folder.resolve(RunFolder.STATUS_FILE);
        try {
            JsonNode node = JSON.readTree(Files.readString(statusFile, StandardCharsets.UTF_8));
            if (node != null && node.isObject()) {
                status = node.hasNonNull("status") ? node.get("status").asText() : null;
                epochs = integer(node, "epochsCompleted");
                planned = integer(node, "epochsPlanned");
                message = node.path("message").asText("");
            } else {
                problems.add(RunFolder.STATUS_FILE + " is not a JSON object");
            }
        } catch (NoSuchFileException e) {
            problems.add("no " + RunFolder.STATUS_FILE);
        } catch (JsonProcessingException e) {
            problems.add(RunFolder.STATUS_FILE + " unreadable (" + e.getOriginalMessage() + ")");
        } catch (IOException | RuntimeException e) {
            problems.add(RunFolder.STATUS_FILE + " unreadable (" + e + ")");
        }
        return new RunSnapshot(rows, status, epochs, planned, message, problems);
    }

    private static List<EpochRow> readMetrics(Path file, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add("no " + RunFolder.METRICS_FILE);
            return List.of();
        } catch (IOException | RuntimeException e) {
            problems.add(RunFolder.METRICS_FILE + " unreadable (" + e + ")");
            return List.of();
        }
        List<EpochRow> rows = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject() || !node.path("epoch").isNumber()) {
                    skipped++;
                    continue;
                }
                rows.add(new EpochRow(node.get("epoch").asDouble(), number(node, "trainLoss"),
                        number(node, "trainError"), number(node, "testLoss"), number(node, "testError")));
            } catch (JsonProcessingException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            problems.add(RunFolder.METRICS_FILE + ": " + skipped + (skipped == 1 ? " line" : " lines")
                    + " skipped");
        }
        return rows;
    }

    private static Integer integer(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.canConvertToInt() && value.isIntegralNumber() ? value.asInt() : null;
    }

    /**
     * The value of a key: a number, or one of the strings {@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"} (how Jackson writes non-finite doubles by default); NaN otherwise.
     */
    private static double number(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "Infinity":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
