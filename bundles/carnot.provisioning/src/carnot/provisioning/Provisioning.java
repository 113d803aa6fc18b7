package carnot.provisioning;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and uninstalls add-on features of the running installation with Equinox p2, as the
 * p2 director does: the installation's profile is changed by a resolved plan, its bundles land in
 * the installation's {@code plugins/} folder and its configuration is rewritten, so they start with
 * the next start of Carnot. Features are named by their id, with or without p2's
 * {@code .feature.group} suffix.
 */
@ProviderType
public interface Provisioning {

    /**
     * The features a repository offers.
     *
     * @param repository a p2 repository folder (with {@code content.jar} or {@code content.xml}) or a
     *            zip of one
     */
    List<Installable> available(Path repository, IProgressMonitor monitor) throws ProvisioningException;

    /** The features installed: the product's own first, then the add-ons. */
    List<Installable> installed() throws ProvisioningException;

    /**
     * Installs features from a repository; their dependencies come from the same repository or are
     * already installed.
     *
     * @return the features installed
     */
    List<Installable> install(Path repository, List<String> ids, IProgressMonitor monitor)
            throws ProvisioningException;

    /**
     * Uninstalls add-on features (not those that came with the product).
     *
     * @return the features uninstalled
     */
    List<Installable> uninstall(List<String> ids, IProgressMonitor monitor) throws ProvisioningException;
}
