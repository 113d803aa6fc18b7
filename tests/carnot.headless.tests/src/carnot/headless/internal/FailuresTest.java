package carnot.headless.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * What a command prints and returns when it fails outside the experiment's checks: the exit codes
 * as the command line documents them (1 run failed, 4 cannot write or read, see carnot.api.runs.ExitCode),
 * one line naming the cause and the file, and -1 (an internal error, printed with its stack trace by
 * the caller) for anything else.
 */
class FailuresTest {

    private static final class Reported {
        final StringWriter text = new StringWriter();
        final int code;

        Reported(Throwable failure) {
            try (PrintWriter err = new PrintWriter(text)) {
                code = Failures.report(failure, err);
            }
        }

        String line() {
            return text.toString().strip();
        }
    }

    @Test
    void outOfMemoryAnywhereInTheCausesIsARunFailureThatSaysWhatToSet() {
        Reported reported = new Reported(new IllegalStateException("analysis failed",
                new RuntimeException(new OutOfMemoryError("Java heap space"))));
        assertEquals(1, reported.code);
        assertTrue(reported.line().startsWith("carnot: out of memory (Java heap space): the Java heap is "),
                reported.line());
        assertTrue(reported.line().contains("set CARNOT_HEAP higher"), reported.line());
        assertEquals(1, reported.line().lines().count(), "one line");
    }

    @Test
    void aStackOverflowIsARunFailureNotATrace() {
        Reported reported = new Reported(new StackOverflowError());
        assertEquals(1, reported.code);
        assertTrue(reported.line().startsWith("carnot: stack overflow"), reported.line());
        assertTrue(reported.line().endsWith("nothing was recorded as completed"), reported.line());
    }

    @Test
    void aFileThatCannotBeWrittenOrReadIsCodeFourWithTheFileAndTheReason() {
        Reported denied = new Reported(new AccessDeniedException("/work/runs/a/status.json"));
        assertEquals(4, denied.code);
        assertEquals("carnot: cannot write or read: /work/runs/a/status.json: permission denied", denied.line());
        Reported missing = new Reported(new NoSuchFileException("/work/runs/b"));
        assertEquals(4, missing.code);
        assertEquals("carnot: cannot write or read: /work/runs/b: no such file or folder", missing.line());
        Reported full = new Reported(new IOException("No space left on device"));
        assertEquals(4, full.code);
        assertTrue(full.line().startsWith("carnot: cannot write or read: ")
                && full.line().endsWith("No space left on device"), full.line());
    }

    @Test
    void anythingElseIsLeftToTheCallerAsAnInternalError() {
        assertEquals(-1, new Reported(new IllegalArgumentException("a bug")).code);
        Reported wrapped = new Reported(new UncheckedIOException(new IOException("disk")));
        assertEquals(-1, wrapped.code, "only an IOException thrown as such is a file failure");
        assertEquals("", wrapped.line(), "nothing printed: the caller prints the trace");
    }
}
