package carnot.runs.internal;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.InvalidSettingsException;
import carnot.api.component.Settings;
import carnot.api.experiment.InvalidExperimentException;
import carnot.api.runs.ExecutionContext;
import carnot.api.runs.Executor;
import carnot.api.runs.RunRequest;
import carnot.workspace.ExperimentFileException;
import carnot.workspace.ExperimentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which executor carries a request out, with its validated settings: the request's
 * ({@code --executor ID}), else the workspace default {@value #WORKSPACE_DEFAULT}
 * ({@code {"id": "local", "settings": {"parallel": 2}}}), else {@code in-process}. The workspace
 * default's settings also apply when the request names the same executor; the request's settings
 * (e.g. {@code --parallel}) win.
 */
record ExecutorChoice(String id, Executor executor, Settings settings) {

    /** The workspace's default executor, relative to the workspace root. */
    static final String WORKSPACE_DEFAULT = carnot.workspace.WorkspaceExecutor.FILE;

    static ExecutorChoice choose(ComponentRegistry registry, Path workspace, RunRequest request,
            ExecutionContext context) throws InvalidExperimentException {
        Path defaults = workspace.resolve(WORKSPACE_DEFAULT);
        String defaultId = null;
        Map<String, Object> settings = new LinkedHashMap<>();
        String where = "--executor";
        if (Files.isRegularFile(defaults)) {
            Map<String, Object> file = readDefault(defaults);
            defaultId = (String) file.get("id");
            if (request.executor().isEmpty() || request.executor().get().equals(defaultId)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fromFile = (Map<String, Object>) file.getOrDefault("settings", Map.of());
                settings.putAll(fromFile);
                where = request.executor().isEmpty() ? defaults.toString() : where;
            }
        }
        String id = request.executor().orElse(defaultId == null ? InProcessExecutor.ID : defaultId);
        settings.putAll(request.executorSettings());
        Executor executor = registry.find(ComponentKind.EXECUTOR, id, Executor.class).orElse(null);
        if (executor == null) {
            List<String> installed = registry.ids(ComponentKind.EXECUTOR);
            throw new InvalidExperimentException(null, where + ": executor.id: unknown executor '" + id
                    + "'; installed: " + (installed.isEmpty() ? "(none)" : String.join(", ", installed)));
        }
        try {
            Settings validated = executor.settingsSchema().validate(settings, "executor.settings");
            executor.check(validated, context);
            return new ExecutorChoice(id, executor, validated);
        } catch (InvalidSettingsException e) {
            throw new InvalidExperimentException(null, where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readDefault(Path file) throws InvalidExperimentException {
        Map<String, Object> map;
        try {
            map = ExperimentFiles.parseSettings(Files.readString(file), file.toString());
        } catch (ExperimentFileException e) {
            throw new InvalidExperimentException(null, e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidExperimentException(null, file + ": cannot read: " + e.getMessage(), e);
        }
        for (String key : map.keySet()) {
            if (!Set.of("id", "settings").contains(key)) {
                throw new InvalidExperimentException(null, file + ": " + key + ": unknown key; allowed: id, settings");
            }
        }
        if (!(map.get("id") instanceof String id) || id.isBlank()) {
            throw new InvalidExperimentException(null, file + ": id: required: the executor's id, e.g. \"local\"");
        }
        Object settings = map.get("settings");
        if (settings != null && !(settings instanceof Map)) {
            throw new InvalidExperimentException(null, file + ": settings: expected an object of settings");
        }
        Map<String, Object> result = new LinkedHashMap<>(map);
        result.put("settings", settings == null ? Map.of() : (Map<String, Object>) settings);
        return result;
    }
}
