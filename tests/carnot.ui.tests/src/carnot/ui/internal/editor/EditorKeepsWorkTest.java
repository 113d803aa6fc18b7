package carnot.ui.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.workspace.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

/**
 * The editor never loses or hides work (issue 21): comments survive form edits, a file that does
 * not parse opens to be fixed, changes on disk are loaded or asked about, the form stays where the
 * user was, and the engine's own check with the data reaches the form.
 */
class EditorKeepsWorkTest extends PartTest {

    private MPart part;

    private ExperimentEditorPart open(Path file, int width, int height) {
        setUp(width, height, true);
        part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, file.toString());
        return make(ExperimentEditorPart.class, part);
    }

    /** Makes the next look at the disk see a change even within the file system's time resolution. */
    private static void touchLater(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
    }

    @Test
    void saveKeepsTheCommentsAndLayoutOfTheFile() throws Exception {
        Path file = workspace.resolve("experiments/alpha.json");
        Files.createDirectories(file.getParent());
        String original = """
                {
                  // Why this experiment: the smallest MLP that still overfits 300 points.
                  "format": 1,
                  "name": "alpha",
                  "seed": 7, /* the seed of the paper's figure 2 */
                  "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 8, "trainSize": 300, "testSize": 150}},
                  "model": {"id": "mlp", "settings": {"hidden": [16]}}, // width under test
                  "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
                  "loss": "cross-entropy",
                  "training": {"epochs": 2, "batchSize": 30},
                  "analyses": [
                    // margins every epoch
                    {"id": "margins", "every": 1, "settings": {"bins": 10}}
                  ]
                }
                """;
        Files.writeString(file, original);
        ExperimentEditorPart editor = open(file, 900, 800);
        assertEquals(original, editor.source().getText(), "the source tab shows the file as written");

        ((Text) editor.form().input("model.settings.hidden")).setText("64, 32");
        ExperimentEditorPartTest.choose((Combo) editor.form().input("analyses.add"), "norms");
        ((Button) editor.form().input("analyses.addButton")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("the second analysis", () -> editor.form().input("analyses[1].id") != null, 30_000);
        editor.save();

        String saved = Files.readString(file);
        assertEquals(original.replace("\"hidden\": [16]", "\"hidden\": [ 64, 32 ]")
                .replace("\"bins\": 10}}\n", "\"bins\": 10}},\n    {\n      \"id\" : \"norms\",\n      \"every\" : 0,\n"
                        + "      \"atInit\" : false\n    }\n"), saved);
        assertEquals(List.of(64, 32), ExperimentFiles.read(file).model().settings().get("hidden"));
        assertEquals("norms", ExperimentFiles.read(file).analyses().get(1).id());
    }

    @Test
    void aMalformedFileOpensInTheSourceTabAndChangesOnDiskAreLoadedOrAskedAbout() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file, 900, 800);
        assertFalse(part.isDirty());

        // Broken by another program while the editor has no changes: the editor shows the file, broken.
        String broken = Files.readString(file).replace("\"seed\": 7,", "\"seed\": ,");
        Files.writeString(file, broken);
        touchLater(file);
        editor.checkDisk();
        assertEquals(broken, editor.source().getText());
        assertEquals("Source", editor.tabs().getSelection().getText());
        assertTrue(editor.problems().get(0).message().contains("malformed JSON"), editor.problems().toString());
        assertFalse(part.isDirty());

        // Fixed in the source tab, then changed on disk again while the editor has unsaved changes: asked.
        editor.source().setText(broken.replace("\"seed\": ,", "\"seed\": 8,"));
        editor.parseSource();
        assertTrue(part.isDirty());
        assertEquals(List.of(), editor.problems());
        Files.writeString(file, broken.replace("\"seed\": ,", "\"seed\": 9,"));
        touchLater(file);
        dialogs.confirm = false;
        editor.checkDisk();
        assertTrue(dialogs.last().startsWith("confirm: File changed on disk: " + file), dialogs.last());
        assertTrue(editor.source().getText().contains("\"seed\": 8,"), "Cancel keeps the editor's text");
        assertTrue(part.isDirty());

        Files.writeString(file, broken.replace("\"seed\": ,", "\"seed\": 10,"));
        touchLater(file);
        dialogs.confirm = true;
        editor.checkDisk();
        assertTrue(editor.source().getText().contains("\"seed\": 10,"), "OK loads the file");
        assertFalse(part.isDirty());
        assertEquals(2, dialogs.shown.size(), dialogs.shown.toString());
    }

    @Test
    void aMalformedFileOnOpeningShowsItsTextToBeFixed() throws Exception {
        Path file = workspace.resolve("experiments/broken.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"name\": \"broken\", \"dataset\": {\"id\": \"idx\"");
        ExperimentEditorPart editor = open(file, 900, 800);
        assertEquals("Source", editor.tabs().getSelection().getText());
        assertEquals("{\"name\": \"broken\", \"dataset\": {\"id\": \"idx\"", editor.source().getText());
        assertTrue(editor.problems().get(0).toString().contains("broken.json:1:"), editor.problems().toString());
    }

    @Test
    void theFormKeepsItsScrollPositionWhenItIsRebuilt() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file, 700, 300);
        ScrolledComposite scrolled = (ScrolledComposite) editor.form().control();
        scrolled.setOrigin(0, 400);
        int scrolledTo = scrolled.getOrigin().y;
        assertTrue(scrolledTo > 50, "the form is taller than the editor: " + scrolledTo);

        ExperimentEditorPartTest.choose((Combo) editor.form().input("analyses.add"), "norms");
        ((Button) editor.form().input("analyses.addButton")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("the added analysis", () -> editor.form().input("analyses[1].id") != null, 30_000);
        assertEquals(scrolledTo, scrolled.getOrigin().y, "the form stays where the user was");
    }

    @Test
    void titlesAndAmpersandsShowAsWrittenAndTheHessianHasOneAtInit() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file, 900, 800);
        Combo add = (Combo) editor.form().input("analyses.add");
        assertTrue(Arrays.asList(add.getItems()).contains("Hessian spectrum (hessian-spectrum)"),
                Arrays.toString(add.getItems()));
        ExperimentEditorPartTest.choose(add, "hessian-spectrum");
        ((Button) editor.form().input("analyses.addButton")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("the Hessian analysis", () -> editor.form().input("analyses[1].id") != null, 30_000);
        assertNotNull(editor.form().input("analyses[1].atInit"));
        assertNull(editor.form().input("analyses[1].settings.atInitialization"),
                "atInit already runs the analysis on the initial weights");

        ExperimentEditorPartTest.choose((Combo) editor.form().input("dataset.id"), "idx");
        UiTesting.spinUntil("idx's settings", () -> editor.form().input("dataset.settings.folder") != null, 30_000);
        Label description = descendants(editor.form().control()).stream().filter(Label.class::isInstance)
                .map(Label.class::cast).filter(l -> l.getText().contains("Vollgraf")).findFirst().orElseThrow();
        // SWT draws "&&" as one "&" and a single "&" as an underline under the next letter.
        assertTrue(description.getText().contains("Xiao, Rasul && Vollgraf"), description.getText());
    }

    @Test
    void aTrainSizeBeyondTheDatasetIsAnErrorInTheForm() throws Exception {
        Path file = workspace.resolve("experiments/big.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, WorkspaceFixture.experiment("big", 1).replace(
                "{\"id\": \"gaussian-mixture\", \"settings\": {\"classes\": 3, \"dimension\": 8, \"trainSize\": 300, \"testSize\": 150}}",
                "{\"id\": \"idx\", \"settings\": {\"folder\": \"/usr/share/datasets/fashion-mnist\", \"trainSize\": 100000,"
                        + " \"testSize\": 100}}"));
        ExperimentEditorPart editor = open(file, 900, 800);
        UiTesting.spinUntil("the check with the data", () -> !editor.problems().isEmpty(), 60_000);
        ExperimentDocument.Problem problem = editor.problems().get(0);
        assertEquals("dataset", problem.field());
        assertTrue(problem.message().contains("asked for 100000 examples") && problem.message().contains("holds only 60000"),
                problem.message());
        assertTrue(editor.form().message("dataset.id").contains("holds only 60000"), editor.form().message("dataset.id"));

        ((Text) editor.form().input("dataset.settings.trainSize")).setText("1000");
        UiTesting.spinUntil("the check to pass", () -> editor.problems().isEmpty() && !editor.checkingData(), 60_000);
    }

    private static List<Control> descendants(Control control) {
        List<Control> all = new java.util.ArrayList<>();
        all.add(control);
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                all.addAll(descendants(child));
            }
        }
        return all;
    }

    @Test
    void undoAndRedoStepThroughFormAndSourceEdits() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        String original = Files.readString(file);
        ExperimentEditorPart editor = open(file, 900, 800);
        assertFalse(editor.canUndo());

        ((Text) editor.form().input("model.settings.hidden")).setText("64");
        String edited = editor.source().getText();
        assertTrue(edited.contains("\"hidden\": [64]"), "the element replaced in place: " + edited);
        assertTrue(part.isDirty());
        editor.undo();
        assertEquals(original, editor.source().getText());
        assertEquals("16", ((Text) editor.form().input("model.settings.hidden")).getText(), "the form follows");
        assertFalse(part.isDirty(), "back to the saved text: nothing to save");
        editor.redo();
        assertEquals(edited, editor.source().getText());
        assertTrue(part.isDirty());
        assertFalse(editor.canRedo());
    }

    @Test
    void aSweepIsMadeAndEditedInTheForm() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file, 900, 800);
        ((Button) editor.form().input("sweep.make")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("the sweep's rows", () -> editor.form().input("sweep.seeds") != null, 30_000);
        ((Text) editor.form().input("sweep.grid[0].values")).setText("0.1, 0.01");
        ((Text) editor.form().input("sweep.seeds")).setText("1, 2, 3");
        ((Button) editor.form().input("sweep.addAxis")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("a second axis", () -> editor.form().input("sweep.grid[1].path") != null, 30_000);
        ((Text) editor.form().input("sweep.grid[1].values")).setText("30, 60");
        assertEquals(List.of(), editor.problems().stream().filter(p -> p.field() != null).toList());
        editor.save();
        var plan = carnot.workspace.Sweeps.read(file);
        assertEquals(12, plan.points().size(), "2 learning rates x 2 batch sizes x 3 seeds");
        assertEquals(List.of(1L, 2L, 3L), plan.seeds());

        ((Text) editor.form().input("sweep.grid[1].path")).setText("training.nonsense");
        assertTrue(editor.problems().get(0).toString().contains("training.nonsense"), editor.problems().toString());
    }
}
