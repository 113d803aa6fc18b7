package carnot.ui.internal.explorer;

import carnot.ui.internal.PartOpener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;

/** What the explorer opens at start because system properties ask for it (scripted screenshots, demos). */
final class ExplorerRequests {

    private final ExplorerPart explorer;

    ExplorerRequests(ExplorerPart explorer) {
        this.explorer = explorer;
    }

    /**
     * Opens what the system properties name (scripted screenshots and demos): {@code carnot.ui.open},
     * experiment files, run folders and measure-study folders; {@code carnot.ui.compare}, run folders to compare;
     * {@code carnot.ui.launch}, experiment files to run; {@code carnot.ui.show}, part ids to bring
     * forward (comma-separated); {@code carnot.ui.table}, an experiment's run table (its name, or
     * {@code *} for the workspace's). Paths are separated by the path separator
     * and may be relative to the workspace.
     */
    void open() {
        for (Path path : requested("carnot.ui.launch")) {
            if (explorer.runs != null) {
                explorer.runs.launch(path);
            }
        }
        List<Path> compare = requested("carnot.ui.compare");
        if (!compare.isEmpty() && explorer.application != null && explorer.models != null && explorer.parts != null) {
            PartOpener.openMany(explorer.application, explorer.models, explorer.parts, ExplorerPart.COMPARISON_DESCRIPTOR_ID, compare,
                    "Comparison of " + compare.size() + " runs");
        }
        for (Path path : requested("carnot.ui.open")) {
            if (carnot.ui.internal.charts.MeasureStudyPart.isStudy(path)) {
                if (explorer.application != null && explorer.models != null && explorer.parts != null) {
                    carnot.ui.internal.charts.MeasureStudyPart.open(explorer.application, explorer.models, explorer.parts, path);
                }
                continue;
            }
            explorer.select(path);
            explorer.openSelected();
        }
        // carnot.ui.table: the run table of an experiment (its name), or of the workspace ("*").
        String table = System.getProperty("carnot.ui.table");
        if (table != null && !table.isBlank() && explorer.application != null && explorer.models != null && explorer.parts != null) {
            carnot.ui.internal.table.RunTablePart.open(explorer.application, explorer.models, explorer.parts, explorer.session.workspace(),
                    table.strip().equals("*") ? null : table.strip());
        }
        String show = System.getProperty("carnot.ui.show");
        if (show != null && explorer.parts != null) {
            for (String id : show.split(",")) {
                MPart part = explorer.parts.findPart(id.strip());
                if (part != null) {
                    explorer.parts.showPart(part, org.eclipse.e4.ui.workbench.modeling.EPartService.PartState.VISIBLE);
                }
            }
        }
    }

    private List<Path> requested(String property) {
        String value = System.getProperty(property);
        List<Path> paths = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String entry : value.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.add(explorer.session.workspace().resolve(entry.strip()).toAbsolutePath().normalize());
                }
            }
        }
        return paths;
    }

}
