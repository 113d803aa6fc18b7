/**
 * Add-on features of a Carnot installation: installed from p2 repositories (a folder or a zip of
 * one), listed, uninstalled. One service, {@link carnot.provisioning.Provisioning}, that the
 * {@code carnot install | uninstall | list-installed} commands and the workbench's Help menu call.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.provisioning;
