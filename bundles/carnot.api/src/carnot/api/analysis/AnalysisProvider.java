package carnot.api.analysis;

import carnot.api.component.Provider;
import carnot.api.component.Settings;

/** Provides an analysis (a measure computed on a model and its data). */
public interface AnalysisProvider extends Provider {

    Analysis create(Settings settings);
}
