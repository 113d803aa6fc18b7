package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import java.util.function.BooleanSupplier;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Drives the workbench's parts through their real SWT widgets, without SWTBot: a display on the
 * test thread, parts made by e4's injector exactly as the workbench makes them, and an event
 * loop that runs until a condition holds.
 */
public final class UiTesting {

    private static Display display;

    private UiTesting() {
    }

    /** The display; skips the test when there is no X display (releng/test.sh starts Xvfb). */
    public static synchronized Display display() {
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank(),
                "no X display: GUI tests need DISPLAY (releng/test.sh starts Xvfb when it is unset)");
        if (display == null || display.isDisposed()) {
            display = new Display();
        }
        return display;
    }

    /** A shell of a fixed size with a fill layout, opened. */
    public static Shell shell(int width, int height) {
        Shell shell = new Shell(display());
        shell.setLayout(new FillLayout());
        shell.setSize(width, height);
        shell.open();
        return shell;
    }

    /** A context holding the values, plus a composite in a new shell as the part's parent. */
    public static IEclipseContext context(Composite parent, Object... values) {
        IEclipseContext context = EclipseContextFactory.create("carnot.ui.tests");
        context.set(Composite.class, parent);
        for (Object value : values) {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) interfaceOrClass(value);
            context.set(type, value);
        }
        return context;
    }

    private static Class<?> interfaceOrClass(Object value) {
        if (value instanceof org.eclipse.e4.ui.model.application.ui.basic.MPart) {
            return org.eclipse.e4.ui.model.application.ui.basic.MPart.class;
        }
        return value.getClass();
    }

    /** Makes a part as the workbench does: field injection, then its {@code @PostConstruct}. */
    public static <T> T make(Class<T> type, IEclipseContext context) {
        T part = ContextInjectionFactory.make(type, context);
        ((Composite) context.get(Composite.class)).layout(true, true);
        return part;
    }

    /** Runs the event loop until the condition holds; fails after the timeout. */
    public static void spinUntil(String what, BooleanSupplier condition, long timeoutMillis) {
        Display d = display();
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!d.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }

    /** Runs pending events (and timers due within the given time). */
    public static void spin(long millis) {
        Display d = display();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!d.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits until the engine's registry lists the built-in providers (DS activates asynchronously). */
    public static ComponentRegistry registry(Session session) {
        spinUntil("the component registry with the built-in providers", () -> session.registry() != null
                && session.registry().ids(ComponentKind.ANALYSIS).contains("margins"), 30_000);
        return session.registry();
    }
}
