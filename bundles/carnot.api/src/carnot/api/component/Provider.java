package carnot.api.component;

/**
 * Common face of every Carnot component provider (dataset, architecture, optimizer, loss,
 * regularizer, analysis). Providers are Declarative Services components registered under
 * their kind's interface with the service property {@value #ID}: a stable string id that
 * saved experiments store. Experiment files name ids, never class names.
 */
public interface Provider {

    /** Service property carrying the provider's stable id, for example {@code "mlp"}. */
    String ID = "carnot.id";

    /** A short human title, for listings and the workbench. */
    String title();

    /** One or two sentences on what the component does and where it comes from. */
    String description();

    /** The provider's settings: keys, types, defaults and constraints. */
    SettingsSchema settingsSchema();
}
