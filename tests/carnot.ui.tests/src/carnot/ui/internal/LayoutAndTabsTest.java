package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.explorer.WorkspaceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tabs open, close, reopen and come to the front (issue 21: a closed run tab could not be
 * reopened, also after a restart, and a new tab stayed behind); the layout and the open tabs are
 * restored after a restart, and Reset Layout puts the sizes back.
 */
class LayoutAndTabsTest {

    @TempDir
    Path workspace;

    private static final String RUN = "carnot.ui.partdescriptor.run";

    @Test
    void aClosedTabReopensEvenWhenItsStackWasHiddenAndAnOpenedTabComesToTheFront() throws Exception {
        ModelStandIns model = new ModelStandIns();
        Path a = WorkspaceFixture.writeRun(workspace, "alpha", "r1", "completed", 2);
        Path b = WorkspaceFixture.writeRun(workspace, "alpha", "r2", "completed", 2);

        MPart first = PartOpener.open(model.application, model.models(), model.parts(), RUN, a, "alpha/r1");
        MPart second = PartOpener.open(model.application, model.models(), model.parts(), RUN, b, "alpha/r2");
        assertSame(second, model.editors.getSelectedElement(), "the new tab is in front");
        assertSame(first, PartOpener.open(model.application, model.models(), model.parts(), RUN, a, "alpha/r1"),
                "opening an open run brings its tab forward");
        assertSame(first, model.editors.getSelectedElement());

        // Closing both empties the stack, which the workbench's clean-up then hides.
        model.parts().hidePart(first);
        model.parts().hidePart(second);
        model.editors.setToBeRendered(false);
        assertTrue(model.editors.getChildren().isEmpty(), "closed tabs leave the model");

        MPart again = PartOpener.open(model.application, model.models(), model.parts(), RUN, a, "alpha/r1");
        assertTrue(model.editors.isToBeRendered(), "the stack is shown again");
        assertEquals(List.of(again), model.editors.getChildren());
        assertSame(again, model.editors.getSelectedElement());
        assertEquals("show alpha/r1", model.calls.get(model.calls.size() - 1));
    }

    @Test
    void layoutAndOpenTabsAreRestoredAfterARestartAndResetPutsTheSizesBack() throws Exception {
        ModelStandIns before = new ModelStandIns();
        Path a = WorkspaceFixture.writeRun(workspace, "alpha", "r1", "completed", 2);
        Path file = WorkspaceFixture.writeExperiment(workspace, "experiments/alpha.json", "alpha");
        Path gone = WorkspaceFixture.writeRun(workspace, "alpha", "r2", "completed", 2);
        PartOpener.open(before.application, before.models(), before.parts(), RUN, a, "alpha/r1");
        PartOpener.open(before.application, before.models(), before.parts(), RUN, gone, "alpha/r2");
        PartOpener.open(before.application, before.models(), before.parts(), "carnot.ui.partdescriptor.experiment", file,
                "alpha.json");
        PartOpener.openMany(before.application, before.models(), before.parts(), "carnot.ui.partdescriptor.comparison",
                List.of(a, gone), "Comparison of 2 runs");
        PartOpener.open(before.application, before.models(), before.parts(), RUN, a, "alpha/r1");
        before.editors.setContainerData("50");
        before.bottom.setContainerData("50");
        before.window.setWidth(1000);
        before.window.setHeight(700);
        LayoutMemory.save(before.application, before.models(), workspace);
        assertTrue(Files.isRegularFile(workspace.resolve(LayoutMemory.FILE)));

        // The next start: the model from Application.e4xmi again, and one run folder deleted meanwhile.
        try (var files = Files.walk(gone)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        ModelStandIns after = new ModelStandIns();
        LayoutMemory layout = new LayoutMemory();
        layout.rememberDefaults(after.application, after.models());
        List<MPart> reopened = LayoutMemory.restore(after.application, after.models(), after.parts(), workspace);
        assertEquals(List.of("alpha/r1", "alpha.json", "Comparison of 2 runs"), reopened.stream().map(MPart::getLabel).toList(),
                "in order; the deleted run's tab is not reopened (the comparison of it and an existing run is)");
        assertEquals(a.toString(), reopened.get(0).getPersistedState().get(PartOpener.PATH_KEY));
        assertEquals(a + "\n" + gone, reopened.get(2).getPersistedState().get(PartOpener.PATHS_KEY));
        assertSame(reopened.get(0), after.editors.getSelectedElement(), "the tab in front stays in front");
        assertEquals("50", after.editors.getContainerData());
        assertEquals("50", after.bottom.getContainerData());
        assertEquals(1000, after.window.getWidth());

        layout.reset(after.application, after.models());
        assertEquals("66", after.editors.getContainerData());
        assertEquals("34", after.bottom.getContainerData());
    }

    @Test
    void theFirstWindowFitsTheScreenWithRoomForAGuessedTitleBar() {
        org.eclipse.swt.graphics.Rectangle fitted = SessionAddon.fitted(new org.eclipse.swt.graphics.Rectangle(40, 40, 1280, 860),
                new org.eclipse.swt.graphics.Rectangle(0, 0, 1280, 900));
        assertEquals(0, fitted.x);
        assertTrue(fitted.y + fitted.height <= 900 - SessionAddon.BOTTOM_MARGIN, fitted.toString());
        assertEquals(1280, fitted.width);
    }
}
