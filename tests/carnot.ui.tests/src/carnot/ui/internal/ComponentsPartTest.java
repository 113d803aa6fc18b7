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
}
