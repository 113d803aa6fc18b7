package carnot.provisioning;

/**
 * Provisioning could not be done: an unknown feature, a repository that cannot be read, nothing
 * installed to remove, a plan p2 cannot resolve. The message is meant for the user as it is.
 */
public final class ProvisioningException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
