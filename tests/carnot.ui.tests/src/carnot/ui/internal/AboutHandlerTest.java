package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** About shows versions as they are (issue 21: "swtchart 0.13.0.qualifier"). */
class AboutHandlerTest {

    @Test
    void aLiteralQualifierIsLeftOutAndARealOneKept() {
        assertEquals("0.13.0", AboutHandler.version(Version.parseVersion("0.13.0.qualifier")));
        assertEquals("0.1.0.202612060130", AboutHandler.version(Version.parseVersion("0.1.0.202612060130")));
        String text = AboutHandler.text();
        assertTrue(text.contains("org.eclipse.swtchart"), text);
        assertFalse(text.contains(".qualifier"), text);
    }
}
