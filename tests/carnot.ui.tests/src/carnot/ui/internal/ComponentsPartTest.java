package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Optional;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The Components view follows bundles as they come and go. */
class ComponentsPartTest extends PartTest {

    private static Optional<TableItem> row(Table table, String id) {
        return Arrays.stream(table.getItems()).filter(item -> id.equals(item.getText(1))).findFirst();
    }

    @Test
    void providersLeaveAndComeBackWithTheirBundle() throws Exception {
        setUp(1000, 400, true);
        ComponentsPart view = make(ComponentsPart.class);
        Table table = view.viewer().getTable();
        UiTesting.spinUntil("the margins row", () -> row(table, "margins").isPresent(), 10_000);
        TableItem margins = row(table, "margins").get();
        assertEquals("analysis", margins.getText(0));
        assertEquals("carnot.analysis.margins", margins.getText(3));
        assertEquals("active", margins.getText(5));
        assertEquals(session.registry().components().size(), table.getItemCount());

        Bundle bundle = Arrays.stream(FrameworkUtil.getBundle(PartTest.class).getBundleContext().getBundles())
                .filter(b -> "carnot.analysis.margins".equals(b.getSymbolicName())).findFirst().orElse(null);
        assertNotNull(bundle);
        try {
            bundle.stop();
            UiTesting.spinUntil("the margins row to go", () -> row(table, "margins").isEmpty(), 10_000);
            assertEquals(session.registry().components().size(), table.getItemCount());
        } finally {
            bundle.start();
        }
        UiTesting.spinUntil("the margins row to come back", () -> row(table, "margins").isPresent(), 10_000);
    }

    /**
     * Two bundles offering the same kind and id: the registry keeps one and records the clash; the
     * view says so in its status line (here the installed in-process executor registered a second
     * time, by this test bundle, as a third-party bundle would).
     */
    @Test
    void aDuplicateIdIsShownAsAWarning() throws Exception {
        setUp(1000, 400, true);
        ComponentsPart view = make(ComponentsPart.class);
        UiTesting.spinUntil("the executors", () -> session.registry().ids(carnot.api.component.ComponentKind.EXECUTOR)
                .contains("in-process"), 10_000);
        org.eclipse.swt.widgets.Label status = view.status();
        org.junit.jupiter.api.Assertions.assertFalse(status.getText().contains("warning"), status.getText());
        carnot.api.runs.Executor installed = session.registry().find(carnot.api.component.ComponentKind.EXECUTOR,
                "in-process", carnot.api.runs.Executor.class).orElseThrow();
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put(carnot.api.component.Provider.ID, "in-process");
        org.osgi.framework.ServiceRegistration<carnot.api.runs.Executor> second = FrameworkUtil.getBundle(PartTest.class)
                .getBundleContext().registerService(carnot.api.runs.Executor.class, installed, properties);
        try {
            UiTesting.spinUntil("the warning", () -> status.getText().contains("warning: executor 'in-process' is "
                    + "provided by 2 bundles"), 10_000);
        } finally {
            second.unregister();
        }
        UiTesting.spinUntil("the warning to go", () -> !status.getText().contains("warning"), 10_000);
    }
}
