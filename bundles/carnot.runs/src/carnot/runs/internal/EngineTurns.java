package carnot.runs.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * This process' engine, one piece of work at a time: DJL's PyTorch engine allows one gradient
 * collector per process ({@code PtGradientCollector}: "Only one can be collecting at a time"), so
 * in-process training and re-analysis take turns, first come first served.
 */
final class EngineTurns {

    private final ReentrantLock lock = new ReentrantLock(true);

    /** A turn, released by {@link Turn#close()}. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the engine; interruptible. */
    Turn take() throws InterruptedException {
        lock.lockInterruptibly();
        return lock::unlock;
    }
}
