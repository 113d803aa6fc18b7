package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.editor.ExperimentEditorPart;
import carnot.ui.internal.explorer.WorkspaceFixture;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.junit.jupiter.api.Test;

/**
 * File &gt; Exit (Ctrl+Q) with an unsaved editor asks first (issue 21: it used to close at once):
 * Cancel keeps the workbench open, Don't Save quits without writing, Save writes, then quits.
 * The part service and the workbench are stand-ins that record what the handler asks of them; the
 * editor is the real part with its widgets.
 */
class QuitPromptTest extends PartTest {

    private final List<String> calls = new ArrayList<>();

    private EPartService partService(MPart part, ExperimentEditorPart editor) {
        return (EPartService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EPartService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getDirtyParts" -> part.isDirty() ? List.of(part) : List.of();
                    case "savePart" -> {
                        calls.add("save " + ((MPart) args[0]).getLabel());
                        editor.save();
                        yield true;
                    }
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
    }

    private IWorkbench workbench() {
        return (IWorkbench) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IWorkbench.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    /** An editor on the file with the seed changed and not saved. */
    private ExperimentEditorPart openChanged(Path file, MPart part) throws Exception {
        setUp(900, 800, true);
        part.setLabel("alpha.json");
        part.getPersistedState().put(PartOpener.PATH_KEY, file.toString());
        ExperimentEditorPart editor = make(ExperimentEditorPart.class, part);
        editor.source().setText(Files.readString(file).replace("\"seed\": 7", "\"seed\": 11"));
        return editor;
    }

    @Test
    void quitWithAnUnsavedEditorAsksToSave() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        String before = Files.readString(file);
        MPart part = MBasicFactory.INSTANCE.createPart();
        ExperimentEditorPart editor = openChanged(file, part);
        assertTrue(part.isDirty());
        EPartService parts = partService(part, editor);
        ExitHandler exit = new ExitHandler();

        dialogs.saveChoice = Dialogs.SaveChoice.CANCEL;
        exit.execute(workbench(), parts, shell);
        assertEquals("save: Save Changes: alpha.json has unsaved changes.\n\nSave before quitting?", dialogs.last());
        assertEquals(List.of(), calls, "Cancel: the workbench stays open");
        assertEquals(before, Files.readString(file));

        dialogs.saveChoice = Dialogs.SaveChoice.SAVE;
        exit.execute(workbench(), parts, shell);
        assertEquals(List.of("save alpha.json", "close"), calls);
        assertTrue(Files.readString(file).contains("\"seed\": 11"));
        assertFalse(part.isDirty());

        calls.clear();
        dialogs.saveChoice = null;
        exit.execute(workbench(), parts, shell);
        assertEquals(List.of("close"), calls, "nothing unsaved: no question");
    }

    @Test
    void dontSaveQuitsWithoutWriting() throws Exception {
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        String before = Files.readString(file);
        MPart part = MBasicFactory.INSTANCE.createPart();
        ExperimentEditorPart editor = openChanged(file, part);
        dialogs.saveChoice = Dialogs.SaveChoice.DISCARD;
        new ExitHandler().execute(workbench(), partService(part, editor), shell);
        assertEquals(List.of("close"), calls);
        assertEquals(before, Files.readString(file));
    }
}
