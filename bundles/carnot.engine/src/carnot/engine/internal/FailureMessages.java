package carnot.engine.internal;

import java.util.Locale;

/** What a run's outcome and its analyses' failures say about an exception or error: its cause, and what to do. */
final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * One line for {@code e}: the class and message, with the cause when the message does not already say it;
     * out-of-memory and stack-overflow errors get what to change.
     */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return String.format(Locale.ROOT, "out of memory (%s): the Java heap is %.1f GB; set CARNOT_HEAP "
                    + "higher (e.g. CARNOT_HEAP=16g) or shrink the dataset (trainSize, dimension) or the model",
                    e.getMessage(), Runtime.getRuntime().maxMemory() / 1e9);
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: a component recursed too deeply and exhausted the thread stack";
        }
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return e.getCause() != null && e.getCause() != e && message != null && !message.contains(
                String.valueOf(e.getCause().getMessage())) ? text + " (caused by " + describe(e.getCause()) + ")" : text;
    }
}
