package carnot.ui.internal.explorer;

import carnot.ui.internal.Dialogs;
import carnot.ui.internal.editor.ExperimentDocument;
import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import carnot.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's file commands on its selection: duplicate, rename (F2), delete (Delete, after a
 * confirmation that names what goes) and a new experiment from the installed components; every
 * change through {@link WorkspaceOperations}, inside the workspace.
 */
final class ExplorerFiles {

    private final ExplorerPart explorer;

    ExplorerFiles(ExplorerPart explorer) {
        this.explorer = explorer;
    }

    void duplicate() {
        Object element = explorer.selected().get(0);
        WorkspaceOperations operations = new WorkspaceOperations(explorer.session.workspace());
        try {
            if (element instanceof Experiment e) {
                String name = Dialogs.ask(explorer.shell(), "Duplicate Experiment", "Name of the copy of " + e.name()
                        + " (also its file name):", WorkspaceOperations.freeName(e.file().getParent(), e.name()),
                        WorkspaceOperations::checkName);
                if (name != null) {
                    explorer.select(operationDone(operations.duplicateExperiment(e.file(), name)));
                }
            } else if (element instanceof Run r) {
                String name = Dialogs.ask(explorer.shell(), "Duplicate Run", "Folder name of the copy of run " + r.runId() + ":",
                        WorkspaceOperations.freeName(r.folder().getParent(), r.runId()), WorkspaceOperations::checkName);
                if (name != null) {
                    explorer.select(operationDone(operations.duplicateRun(r.folder(), name)));
                }
            }
        } catch (IOException ex) {
            operationFailed("Duplicate", ex);
        }
    }

    void rename() {
        Object element = explorer.selected().get(0);
        WorkspaceOperations operations = new WorkspaceOperations(explorer.session.workspace());
        try {
            if (element instanceof Experiment e) {
                String name = Dialogs.ask(explorer.shell(), "Rename Experiment", "New name of " + e.name()
                        + " (its file is renamed too; runs already recorded stay under the old name):", e.name(),
                        WorkspaceOperations::checkName);
                if (name != null && !name.equals(e.name())) {
                    explorer.select(operationDone(operations.renameExperiment(e.file(), name)));
                }
            } else if (element instanceof Run r) {
                String name = Dialogs.ask(explorer.shell(), "Rename Run", "New folder name of run " + r.runId() + ":", r.runId(),
                        WorkspaceOperations::checkName);
                if (name != null && !name.equals(r.runId())) {
                    explorer.select(operationDone(operations.renameRun(r.folder(), name)));
                }
            }
        } catch (IOException ex) {
            operationFailed("Rename", ex);
        }
    }

    void delete() {
        List<Object> selection = explorer.selected();
        List<String> names = new ArrayList<>();
        for (Object element : selection) {
            names.add(element instanceof Experiment e ? "experiment file " + e.file().getFileName()
                    : "run folder " + ((Run) element).experiment() + "/" + ((Run) element).runId()
                            + " and everything in it");
        }
        String question = "Delete " + String.join(", ", names) + "?\n\nThis cannot be undone."
                + (selection.stream().anyMatch(o -> o instanceof Experiment) ? " Runs of a deleted experiment stay." : "");
        if (!Dialogs.confirm(explorer.shell(), "Delete", question)) {
            return;
        }
        WorkspaceOperations operations = new WorkspaceOperations(explorer.session.workspace());
        try {
            for (Object element : selection) {
                if (element instanceof Experiment e) {
                    operations.deleteExperiment(e.file());
                } else {
                    operations.deleteRun(((Run) element).folder());
                }
            }
        } catch (IOException ex) {
            operationFailed("Delete", ex);
        }
        explorer.refresh();
    }

    void newExperiment() {
        Path folder = explorer.session.workspace().resolve("experiments");
        String name = Dialogs.ask(explorer.shell(), "New Experiment", "Name of the experiment (also its file name in "
                + folder + "):", WorkspaceOperations.freeName(folder, "experiment"), WorkspaceOperations::checkName);
        if (name == null) {
            return;
        }
        Path file = folder.resolve(name + ".json");
        if (Files.exists(file)) {
            Dialogs.error(explorer.shell(), "New Experiment", file + " exists already.", "Choose another name.");
            return;
        }
        try {
            AtomicFiles.write(file, ExperimentDocument.template(file, name, explorer.session.registry()).text());
        } catch (IOException e) {
            operationFailed("New Experiment", e);
            return;
        }
        explorer.refresh();
        explorer.select(file);
        explorer.openSelected();
    }

    private Path operationDone(Path result) {
        explorer.refresh();
        return result;
    }

    private void operationFailed(String what, IOException e) {
        Dialogs.error(explorer.shell(), what + " failed", e.getMessage() == null ? e.toString() : e.toString(),
                "Check that the workspace folder " + explorer.session.workspace() + " is writable and the name is free.");
        explorer.refresh();
    }
}
