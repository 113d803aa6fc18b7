package carnot.ui.internal.table;

import carnot.workspace.RunSummaries;
import carnot.workspace.RunSummaries.RunSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the run table shows, apart from widgets: one row per run, and the columns MLflow and
 * Weights &amp; Biases show: run, status, seed, tags, the settings that differ between the runs,
 * the final metrics, then the last value of every analysis scalar. Rows are filtered by a search
 * (every word must occur in some cell) and a status, and sorted by any column (numbers as
 * numbers, missing values last).
 */
public final class RunTableModel {

    /** The final metrics, in the order they are shown, before the analyses' scalars. */
    public static final List<String> METRICS = List.of("testError", "trainError", "generalizationGap", "testLoss",
            "trainLoss", "epochs", "trainSeconds");

    /** What a column holds. */
    public enum Kind {
        RUN, STATUS, SCHEDULER, SEED, TAGS, SETTING, FINAL
    }

    /**
     * A column.
     *
     * @param key the setting's dotted path or the final value's name; {@code null} for the fixed columns
     */
    public record Column(String title, Kind kind, String key) {
    }

    private final List<RunSummary> runs;
    private final Map<Path, String> scheduling;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> settings;
    private final List<String> finals;

    public RunTableModel(List<RunSummary> runs) {
        this(runs, Map.of());
    }

    /**
     * @param scheduling per run folder the executor and scheduler state
     *                   ({@link carnot.ui.internal.runs.SchedulerColumn}); a run without one shows its status
     */
    public RunTableModel(List<RunSummary> runs, Map<Path, String> scheduling) {
        this.runs = List.copyOf(runs);
        this.scheduling = Map.copyOf(scheduling);
        settings = RunSummaries.varyingSettings(runs);
        Set<String> scalars = new TreeSet<>();
        runs.forEach(r -> scalars.addAll(r.finals().keySet()));
        List<String> names = new ArrayList<>();
        METRICS.stream().filter(scalars::contains).forEach(names::add);
        scalars.stream().filter(n -> !METRICS.contains(n)).forEach(names::add);
        finals = List.copyOf(names);
        columns.add(new Column("run", Kind.RUN, null));
        columns.add(new Column("status", Kind.STATUS, null));
        columns.add(new Column(carnot.ui.internal.runs.SchedulerColumn.TITLE, Kind.SCHEDULER, null));
        columns.add(new Column("seed", Kind.SEED, null));
        columns.add(new Column("tags", Kind.TAGS, null));
        settings.forEach(path -> columns.add(new Column(shortName(path), Kind.SETTING, path)));
        finals.forEach(name -> columns.add(new Column(name, Kind.FINAL, name)));
    }

    /** {@code optimizer.settings.learningRate} as {@code optimizer.learningRate}: the word "settings" says nothing. */
    static String shortName(String path) {
        return path.replace(".settings.", ".");
    }

    public List<RunSummary> runs() {
        return runs;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The settings that differ between the runs (dotted paths). */
    public List<String> settings() {
        return settings;
    }

    /** The names of the final values some run has. */
    public List<String> finals() {
        return finals;
    }

    /** The text of a cell. */
    public String text(RunSummary run, Column column) {
        return switch (column.kind()) {
            // A sweep's point by its folder (sweep-<time>/<point>: the point's name says its cell and seed).
            case RUN -> run.experiment() + "/" + run.runId().substring(run.runId().lastIndexOf('/') + 1);
            case STATUS -> run.status() + (run.status().equals("completed") || run.epochsPlanned() == 0 ? ""
                    : " (" + run.epochsCompleted() + "/" + run.epochsPlanned() + ")");
            case SCHEDULER -> scheduling.getOrDefault(run.folder(), run.status());
            case SEED -> run.seed() == null ? "" : Long.toString(run.seed());
            case TAGS -> String.join(", ", run.notes().tags());
            case SETTING -> {
                JsonNode value = run.settings().get(column.key());
                yield value == null ? "" : value.isTextual() ? value.textValue() : value.toString();
            }
            case FINAL -> {
                Double value = run.finals().get(column.key());
                yield value == null ? "" : format(value);
            }
        };
    }

    /** A cell as a number, or {@code null} when it is none (text, or missing). */
    public static Double number(RunSummary run, Column column) {
        return switch (column.kind()) {
            case SEED -> run.seed() == null ? null : run.seed().doubleValue();
            case SETTING -> numeric(run.settings().get(column.key()));
            case FINAL -> run.finals().get(column.key());
            default -> null;
        };
    }

    /** A setting's value as a number: a number, or a list of one number ({@code hidden: [64]}). */
    public static Double numeric(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isArray() && value.size() == 1 && value.get(0).isNumber()) {
            return value.get(0).asDouble();
        }
        return null;
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        // Four significant digits without trailing zeros: 0.2, 0.02439, 1.5e-05.
        java.math.BigDecimal rounded = new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros();
        return Math.abs(value) >= 1e-4 ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * The rows to show.
     *
     * @param search    words that must each occur in some cell (case-insensitive); blank: all
     * @param status    a status the run must have, or {@code null} for any
     * @param sortBy    the column to sort by, or {@code null} to keep the runs' order
     * @param ascending the direction
     */
    public List<RunSummary> rows(String search, String status, Column sortBy, boolean ascending) {
        String[] words = search == null || search.isBlank() ? new String[0]
                : search.toLowerCase(Locale.ROOT).strip().split("\\s+");
        List<RunSummary> rows = new ArrayList<>();
        for (RunSummary run : runs) {
            if (status != null && !status.equals(run.status())) {
                continue;
            }
            String cells = columns.stream().map(c -> text(run, c)).reduce("", (a, b) -> a + "\u0000" + b)
                    .toLowerCase(Locale.ROOT) + "\u0000" + run.notes().text().toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String word : words) {
                all &= cells.contains(word);
            }
            if (all) {
                rows.add(run);
            }
        }
        if (sortBy != null) {
            rows.sort(comparator(sortBy, ascending));
        }
        return rows;
    }

    /** Numbers before texts, missing values last whatever the direction. */
    Comparator<RunSummary> comparator(Column column, boolean ascending) {
        return (a, b) -> {
            Double x = number(a, column);
            Double y = number(b, column);
            String s = text(a, column);
            String t = text(b, column);
            if (s.isEmpty() != t.isEmpty()) {
                return s.isEmpty() ? 1 : -1;
            }
            int order = x != null && y != null ? Double.compare(x, y) : s.compareToIgnoreCase(t);
            return ascending ? order : -order;
        };
    }
}
