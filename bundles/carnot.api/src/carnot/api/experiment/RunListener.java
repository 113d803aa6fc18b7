package carnot.api.experiment;

/** Receives a run's events. An exception thrown here fails the run (recording must not be lost silently). */
@FunctionalInterface
public interface RunListener {

    /**
     * Receives one event of the run, on the run's thread, in the order they happen.
     *
     * @param event what happened
     * @throws Exception to fail the run: the runner records the failure
     */
    void onEvent(RunEvent event) throws Exception;

    /** Calls each listener in turn. */
    static RunListener all(RunListener... listeners) {
        return event -> {
            for (RunListener listener : listeners) {
                listener.onEvent(event);
            }
        };
    }
}
