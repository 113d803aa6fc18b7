package carnot.api.losses;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a training loss. */
public interface LossProvider extends Provider {

    /** The loss configured by {@code settings}, validated against {@link #settingsSchema()}. */
    LossFunction create(Settings settings);
}
