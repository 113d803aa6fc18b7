package carnot.api.analysis;

/** Which part of the data an analysis looks at. */
public enum Split {
    TRAIN("train"), TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
