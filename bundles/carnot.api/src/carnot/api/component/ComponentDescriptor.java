package carnot.api.component;

/**
 * What the registry knows of one installed provider.
 *
 * @param id            the stable {@value Provider#ID}
 * @param kind          the component kind
 * @param title         the provider's title
 * @param description   the provider's description
 * @param schema        the provider's settings
 * @param bundle        symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 */
public record ComponentDescriptor(String id, ComponentKind kind, String title, String description,
        SettingsSchema schema, String bundle, String bundleVersion) {
}
