package carnot.ui.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.PartTest;
import carnot.ui.internal.UiTesting;
import carnot.ui.internal.explorer.WorkspaceFixture;
import carnot.workspace.ExperimentFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

/** The experiment editor driven through its form and source widgets, against the real registry. */
class ExperimentEditorPartTest extends PartTest {

    private MPart part;

    private ExperimentEditorPart open(Path file) {
        setUp(900, 800, true);
        part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(PartOpener.PATH_KEY, file.toString());
        return make(ExperimentEditorPart.class, part);
    }

    private static void type(Text text, String value) {
        text.setText(value);
        // setText fires Modify, as typing does.
    }

    /** Chooses an item by its text, or a provider by its id (items read "Title (id)"). */
    static void choose(Combo combo, String item) {
        List<String> items = Arrays.asList(combo.getItems());
        int index = items.indexOf(item);
        if (index < 0) {
            index = items.indexOf(items.stream().filter(i -> i.endsWith("(" + item + ")")).findFirst().orElse(""));
        }
        assertTrue(index >= 0, item + " not offered: " + Arrays.toString(combo.getItems()));
        combo.select(index);
        combo.notifyListeners(SWT.Selection, null);
    }

    /** The registry's providers of a kind as the drop-downs offer them: title, then id. */
    private static List<String> labels(ComponentRegistry registry, ComponentKind kind) {
        return registry.ids(kind).stream().map(id -> ExperimentForm.choiceLabel(registry, kind, id)).toList();
    }

    @Test
    void choicesComeFromTheRegistryAndProblemsShowBesideTheirFields() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file);
        ExperimentForm form = editor.form();
        ComponentRegistry registry = session.registry();

        Combo dataset = (Combo) form.input("dataset.id");
        assertEquals(labels(registry, ComponentKind.DATASET), Arrays.asList(dataset.getItems()));
        assertEquals("Gaussian mixture (gaussian-mixture)", dataset.getText());
        Combo analysesAdd = (Combo) form.input("analyses.add");
        assertEquals(labels(registry, ComponentKind.ANALYSIS), Arrays.asList(analysesAdd.getItems()));
        assertEquals(List.of(), editor.problems());

        // Every setting of the chosen provider has a row; an absent one shows its default as a hint.
        Text separation = (Text) form.input("dataset.settings.separation");
        assertEquals("", separation.getText());
        assertEquals("4.0", separation.getMessage());
        Text hidden = (Text) form.input("model.settings.hidden");
        assertEquals("16", hidden.getText());

        type(hidden, "16, 0");
        assertTrue(part.isDirty(), "an edit makes the editor dirty");
        assertEquals("expected a list of integers with every element >= 1, got 0",
                form.message("model.settings.hidden"));
        assertTrue(editor.source().getText().contains("\"hidden\": [ 16, 0 ]"), editor.source().getText());
        assertEquals(1, editor.problems().size());

        type(hidden, "64, 32");
        assertEquals(List.of(), editor.problems());
        assertTrue(form.message("model.settings.hidden").startsWith("a list of integers"), form.message("model.settings.hidden"));

        type((Text) form.input("training.epochs"), "zero");
        assertEquals("expected an integer >= 1, got \"zero\"", form.message("training.epochs"));
        type((Text) form.input("training.epochs"), "");
        assertEquals(List.of(), editor.problems(), "an empty field means the default");

        // Another provider: its own settings rows.
        choose(dataset, "idx");
        UiTesting.spinUntil("the form to show idx's settings", () -> form.input("dataset.settings.folder") != null, 5000);
        assertEquals(null, form.input("dataset.settings.separation"));
        assertTrue(editor.source().getText().contains("\"id\": \"idx\""));

        // An analysis added from the registry's list, with its schedule.
        choose((Combo) form.input("analyses.add"), "margins");
        ((Button) form.input("analyses.addButton")).notifyListeners(SWT.Selection, null);
        UiTesting.spinUntil("a second analysis", () -> form.input("analyses[1].id") != null, 5000);
        type((Text) form.input("analyses[1].every"), "-1");
        assertEquals("expected an integer >= 0 (0: after the last epoch only), got -1", form.message("analyses[1].every"));
        type((Text) form.input("analyses[1].every"), "2");

        editor.save();
        assertFalse(part.isDirty());
        var saved = ExperimentFiles.read(file);
        assertEquals("idx", saved.dataset().id());
        assertEquals(List.of(64, 32), saved.model().settings().get("hidden"));
        assertEquals(2, saved.analyses().get(1).every());
        assertEquals(2, saved.analyses().size());
    }

    @Test
    void sourceEditsReachTheFormAndMalformedJsonIsReportedWithItsPosition() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        ExperimentEditorPart editor = open(file);

        String text = editor.source().getText().replace("\"learningRate\": 0.05", "\"learningRate\": 0.2");
        editor.source().setText(text);
        editor.parseSource();
        assertEquals("0.2", ((Text) editor.form().input("optimizer.settings.learningRate")).getText());

        editor.source().setText(text.replace("\"mlp\"", "\"transformer\""));
        editor.parseSource();
        assertEquals(1, editor.problems().size());
        assertEquals("model.id", editor.problems().get(0).field());
        assertTrue(editor.problems().get(0).message().startsWith("unknown architecture 'transformer'; installed: "),
                editor.problems().get(0).message());

        editor.source().setText("{\"name\": \"alpha\",\n  \"seed\": }");
        editor.parseSource();
        String problem = editor.problems().get(0).toString();
        assertTrue(problem.contains("alpha.json:2:11: malformed JSON"), problem);

        // The form keeps the last experiment that parsed; saving writes the source as typed.
        assertNotNull(editor.form().input("model.id"));
        editor.save();
        assertEquals("{\"name\": \"alpha\",\n  \"seed\": }", Files.readString(file));
    }
}
