package carnot.api.losses;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides a training loss. */
public interface LossProvider extends Provider {

    LossFunction create(Settings settings);
}
