package carnot.api.component;

/** Value types a setting can take in an experiment file. */
public enum SettingType {
    /** A whole number (JSON integer). */
    INTEGER("an integer"),
    /** A real number (JSON number). */
    NUMBER("a number"),
    /** true or false. */
    BOOLEAN("true or false"),
    /** Free text. */
    TEXT("a string"),
    /** One string out of a fixed list. */
    CHOICE("one of the allowed values"),
    /** A JSON array of whole numbers, possibly empty. */
    INTEGER_LIST("a list of integers");

    private final String expectation;

    SettingType(String expectation) {
        this.expectation = expectation;
    }

    /** How an error message names what was expected. */
    public String expectation() {
        return expectation;
    }
}
