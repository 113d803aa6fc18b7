package carnot.provisioning;

/**
 * A feature as p2 knows it: installed in this installation or offered by a repository.
 *
 * @param id the feature's id as the user types it (e.g. {@code carnot.examples.feature})
 * @param version its version
 * @param name its label
 * @param description its description, possibly empty
 * @param withProduct true when it came with the product (it is then not uninstalled alone)
 */
public record Installable(String id, String version, String name, String description, boolean withProduct) {
}
