package carnot.ui.internal;

import java.nio.file.Path;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part under test: a shell, a {@link Session} on a fresh workspace folder and the injection
 * context the part is made in, all closed after each test.
 */
public abstract class PartTest {

    @TempDir
    protected Path workspace;

    protected Shell shell;
    protected Session session;
    protected IEclipseContext context;

    /** Answers dialogs; with no answer set, a dialog fails the test. */
    protected ScriptedDialogs dialogs;

    @BeforeEach
    void failOnDialogs() {
        dialogs = ScriptedDialogs.install();
    }

    /** Opens a shell and a session; with {@code registry}, waits for the built-in providers. */
    protected void setUp(int width, int height, boolean registry) {
        shell = UiTesting.shell(width, height);
        session = new Session(workspace);
        if (registry) {
            UiTesting.registry(session);
        }
    }

    /** Makes a part with the session and the given values in its context. */
    protected <T> T make(Class<T> type, Object... values) {
        Object[] all = new Object[values.length + 1];
        all[0] = session;
        System.arraycopy(values, 0, all, 1, values.length);
        context = UiTesting.context(shell, all);
        return UiTesting.make(type, context);
    }

    @AfterEach
    void closePart() {
        Dialogs.setHandler(null);
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
        if (session != null) {
            session.close();
        }
    }
}
