package carnot.runs.internal.slurm;

import carnot.api.runs.Executor;
import carnot.api.runs.RunPoint;
import carnot.workspace.AtomicFiles;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.SweepRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code slurm} executor submitted, kept in the run or sweep folder ({@link Executor#RECORD})
 * so that a later process ({@code carnot status}, {@code carnot cancel}) finds the job, its settings
 * and which array task runs which point, after the submitting process is gone. Point folders are
 * stored relative to the record's folder, so a workspace moved as a whole keeps its record.
 *
 * @param folder    the run or sweep folder holding the record
 * @param job       the SLURM job id of the array
 * @param submitted when it was submitted
 * @param workspace the workspace the points belong to
 * @param settings  the executor's settings, as validated
 * @param points    the points, array task {@code i} running {@code points.get(i)}
 */
record SlurmRecord(Path folder, String job, Instant submitted, Path workspace, Map<String, Object> settings,
        List<RunPoint> points) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    void write() throws IOException {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("executor", SlurmExecutor.ID);
        node.put("job", job);
        node.put("submitted", submitted.toString());
        node.put("workspace", workspace.toString());
        node.put("settings", settings);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int task = 0; task < points.size(); task++) {
            RunPoint point = points.get(task);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("arrayTask", task);
            entry.put("index", point.index());
            entry.put("label", point.label());
            entry.put("folder", folder.relativize(point.folder()).toString());
            list.add(entry);
        }
        node.put("points", list);
        AtomicFiles.write(workspace, folder.resolve(Executor.RECORD),
                MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }

    /**
     * Reads the record of {@code folder}; each point's experiment from its {@code point.json}.
     *
     * @throws IOException naming the file and the field that is missing or damaged
     */
    static SlurmRecord read(Path folder) throws IOException {
        Path file = folder.resolve(Executor.RECORD);
        JsonNode node = MAPPER.readTree(file.toFile());
        String job = node.path("job").asText("");
        if (!job.matches("\\d+")) {
            throw new IOException(file + ": job: expected a SLURM job id, got \"" + job + "\"");
        }
        List<RunPoint> points = new ArrayList<>();
        for (JsonNode entry : node.path("points")) {
            Path point = folder.resolve(entry.path("folder").asText(".")).normalize();
            if (!point.startsWith(folder)) {
                throw new IOException(file + ": points.folder: " + entry.path("folder").asText()
                        + " lies outside " + folder);
            }
            try {
                points.add(new RunPoint(entry.path("index").asInt(points.size()), entry.path("label").asText(""),
                        point, ExperimentFiles.read(point.resolve(SweepRecords.POINT))));
            } catch (ExperimentFileException e) {
                throw new IOException(file + ": point " + point + ": " + e.getMessage(), e);
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(f -> settings.put(f.getKey(),
                MAPPER.convertValue(f.getValue(), Object.class)));
        Instant submitted;
        try {
            submitted = Instant.parse(node.path("submitted").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": submitted: not a time: " + node.path("submitted").asText(), e);
        }
        return new SlurmRecord(folder, job, submitted, Path.of(node.path("workspace").asText(
                folder.toString())), settings, points);
    }

    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(Executor.RECORD));
    }
}
