package carnot.api.regularizers;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a regularizer that can be switched on and off in an experiment file. */
public interface RegularizerProvider extends Provider {

    /** The regularizer configured by {@code settings}, validated against {@link #settingsSchema()}. */
    Regularizer create(Settings settings);
}
