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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the {@code slurm} executor submitted, kept in the run or sweep folder ({@link Executor#RECORD})
 * so that a later process ({@code carnot status}, {@code carnot cancel}) finds the job, its settings
 * and which array task runs which point, after the submitting process is gone. Point folders are
 * stored relative to the record's folder (a study's members with {@code ../}: they live in the
 * workspace's {@code runs/}), so a workspace moved as a whole keeps its record.
 *
 * @param folder    the run or sweep folder holding the record
 * @param job       the SLURM job id of the array
 * @param submitted when it was submitted
 * @param workspace the workspace the points belong to
 * @param settings  the executor's settings, as validated
 * @param points    the points, array task {@code i} running {@code points.get(i)}
 * @param memory    the memory each task asked for and why ({@link SlurmMemory#record()}); empty if
 *                  nothing was asked
 * @param cancelled when {@code carnot cancel} (or a front end's Cancel) cancelled the job, if it did:
 *                  its points then stay cancelled, while points SLURM stopped on its own are interrupted
 * @param stops     array task -> the state in which SLURM stopped it ({@link SlurmCommands.Task#stoppedByScheduler}),
 *                  kept here because the controller forgets ended jobs after a few minutes (MinJobAge)
 */
record SlurmRecord(Path folder, String job, Instant submitted, Path workspace, Map<String, Object> settings,
        List<RunPoint> points, Map<String, Object> memory, Optional<Instant> cancelled, Map<Integer, String> stops) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    SlurmRecord {
        memory = Map.copyOf(memory);
        stops = new ConcurrentHashMap<>(stops);
    }

    /** A record of a job just submitted (or refused: {@link SlurmExecution#NOT_SUBMITTED}). */
    SlurmRecord(Path folder, String job, Path workspace, Map<String, Object> settings, List<RunPoint> points,
            Map<String, Object> memory) {
        this(folder, job, Instant.now(), workspace, settings, points, memory, Optional.empty(), Map.of());
    }

    /** This record with the user's cancellation noted now. */
    SlurmRecord cancelledNow() {
        return new SlurmRecord(folder, job, submitted, workspace, settings, points, memory, Optional.of(Instant.now()),
                stops);
    }

    /**
     * Notes that SLURM stopped array task {@code task} in {@code state}, and writes the record if that
     * is news.
     */
    void stopped(int task, String state) throws IOException {
        if (!state.equals(stops.put(task, state))) {
            write();
        }
    }

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
        if (!memory.isEmpty()) {
            node.put("memory", memory);
        }
        cancelled.ifPresent(when -> node.put("cancelled", when.toString()));
        if (!stops.isEmpty()) {
            Map<String, String> byTask = new java.util.TreeMap<>();
            stops.forEach((task, state) -> byTask.put(String.valueOf(task), state));
            node.put("stoppedBySlurm", byTask);
        }
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
        Path workspace = Path.of(node.path("workspace").asText(folder.toString())).toAbsolutePath().normalize();
        for (JsonNode entry : node.path("points")) {
            Path point = folder.resolve(entry.path("folder").asText(".")).normalize();
            // A study's members live in runs/ beside the study folder that holds their job's record.
            if (!point.startsWith(folder) && !point.startsWith(workspace)) {
                throw new IOException(file + ": points.folder: " + entry.path("folder").asText()
                        + " lies outside " + folder + " and the workspace " + workspace);
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
        Instant submitted = time(file, node, "submitted").orElseThrow(() -> new IOException(file
                + ": submitted: missing"));
        Map<String, Object> memory = new LinkedHashMap<>();
        node.path("memory").fields().forEachRemaining(f -> memory.put(f.getKey(),
                MAPPER.convertValue(f.getValue(), Object.class)));
        Map<Integer, String> stops = new HashMap<>();
        node.path("stoppedBySlurm").fields().forEachRemaining(f -> {
            if (f.getKey().matches("\\d{1,6}")) {
                stops.put(Integer.parseInt(f.getKey()), f.getValue().asText());
            }
        });
        return new SlurmRecord(folder, job, submitted, workspace, settings, points, memory,
                time(file, node, "cancelled"), stops);
    }

    private static Optional<Instant> time(Path file, JsonNode node, String field) throws IOException {
        if (node.path(field).isMissingNode() || node.path(field).isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.path(field).asText()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": " + field + ": not a time: " + node.path(field).asText(), e);
        }
    }

    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(Executor.RECORD));
    }
}
