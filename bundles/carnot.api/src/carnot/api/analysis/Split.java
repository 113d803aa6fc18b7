package carnot.api.analysis;

/** Which part of the data an analysis looks at. */
public enum Split {
    /** The examples the network is trained on. */
    TRAIN("train"),
    /** The held-out examples, never trained on. */
    TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** The split's name in run folders, metrics and messages: {@code train} or {@code test}. */
    public String label() {
        return label;
    }
}
