package carnot.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Provider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code carnot:check}'s answers to bad arguments, as a Gogo user sees them: a usage line, the option
 * and the cause for arguments that are not JSON objects, and the installed analyses for an unknown
 * id; never a stack trace. (The conformance report itself needs the engine and trained models: it is
 * tested by carnot.integration.tests' AnalysisConformanceTest.)
 */
class CheckCommandTest {

    /** A registry with two analyses installed and no providers to hand out. */
    private static final ComponentRegistry TWO_ANALYSES = new ComponentRegistry() {
        @Override
        public List<ComponentDescriptor> components() {
            return List.of();
        }

        @Override
        public <P extends Provider> Optional<P> find(ComponentKind kind, String id, Class<P> type) {
            return Optional.empty();
        }

        @Override
        public Optional<ComponentDescriptor> describe(ComponentKind kind, String id) {
            return Optional.empty();
        }

        @Override
        public List<String> ids(ComponentKind kind) {
            return kind == ComponentKind.ANALYSIS ? List.of("margins", "sharpness") : List.of();
        }

        @Override
        public void addChangeListener(Runnable listener) {
        }

        @Override
        public void removeChangeListener(Runnable listener) {
        }
    };

    private static String check(String... arguments) {
        return CheckCommand.run(TWO_ANALYSES, arguments);
    }

    @Test
    void noArgumentsGetTheUsage() {
        assertEquals("carnot: usage: carnot:check ID [--settings '{...}'] [--model '{...}']", check());
    }

    @Test
    void anUnknownOptionOrOneWithoutItsValueIsNamed() {
        assertEquals("carnot: unexpected argument '--seed'; " + CheckCommand.USAGE, check("margins", "--seed", "3"));
        assertEquals("carnot: unexpected argument '--settings'; " + CheckCommand.USAGE, check("margins", "--settings"));
    }

    @Test
    void settingsThatAreNotAJsonObjectAreRefusedWithTheOptionAndTheCause() {
        String notJson = check("margins", "--settings", "{bins: 3}");
        assertTrue(notJson.startsWith("carnot: --settings: not JSON ("), notJson);
        assertTrue(notJson.endsWith("): {bins: 3}"), notJson);
        assertEquals("carnot: --model: expected a JSON object like '{\"bins\": 3}', got [16, 16]",
                check("margins", "--model", "[16, 16]"));
    }

    @Test
    void anUnknownAnalysisListsTheInstalledOnes() {
        assertEquals("carnot: unknown analysis 'margin'; installed: margins, sharpness",
                check("margin", "--settings", "{\"bins\": 3}"));
    }
}
