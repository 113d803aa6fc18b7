package carnot.api.component;

/** Thrown out of long work when the user cancelled it. */
public class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The work was cancelled through its {@link ProgressMonitor} or by an interrupt. */
    public CancelledException() {
        super("cancelled");
    }
}
