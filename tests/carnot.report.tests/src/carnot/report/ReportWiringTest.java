package carnot.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The report bundle draws every analysis from its recorded JSON: it resolves without any analysis
 * add-on, so that reports work whichever add-ons are installed.
 */
class ReportWiringTest {

    @Test
    void theReportBundleIsWiredToNoLandscapePackage() {
        BundleWiring wiring = FrameworkUtil.getBundle(Reports.class).adapt(BundleWiring.class);
        List<BundleWire> wires = wiring.getRequiredWires(null);
        assertFalse(wires.isEmpty(), "the report bundle is resolved and imports packages");
        for (BundleWire wire : wires) {
            assertFalse(wire.getProvider().getBundle().getSymbolicName().startsWith("carnot.analysis."),
                    "carnot.report needs no analysis add-on, yet is wired to " + wire.getCapability());
        }
    }
}
