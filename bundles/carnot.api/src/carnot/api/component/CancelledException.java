package carnot.api.component;

/** Thrown out of long work when the user cancelled it. */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
