package carnot.api.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one analysis run produced: named scalars (also written to the run's metrics),
 * named series (arrays, e.g. quantiles or a spectrum) and named histograms. Immutable.
 *
 * <p>Scalars and series are numbers only (a text result has no place: put a choice in the name,
 * e.g. {@code layer3.norm}); NaN and infinities are recorded as JSON {@code null}. Every scalar is
 * shown by {@code carnot run}'s progress line and charted per epoch; series are charted by
 * {@code carnot report} (the values against their index, or against a series of the same length
 * named in {@code x}, {@code t} or {@code alpha}).
 */
public record AnalysisResult(Map<String, Double> scalars, Map<String, double[]> series,
        Map<String, Histogram> histograms) {

    /** Copies the maps, keeping their order; the copies cannot be modified. */
    public AnalysisResult {
        scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
        histograms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects results in insertion order. */
    public static final class Builder {
        private final Map<String, Double> scalars = new LinkedHashMap<>();
        private final Map<String, double[]> series = new LinkedHashMap<>();
        private final Map<String, Histogram> histograms = new LinkedHashMap<>();

        /** Adds (or replaces) the scalar {@code name}; NaN and infinities are recorded as JSON {@code null}. */
        public Builder scalar(String name, double value) {
            scalars.put(name, value);
            return this;
        }

        /** Adds (or replaces) the series {@code name}; {@code values} is copied. */
        public Builder series(String name, double[] values) {
            series.put(name, values.clone());
            return this;
        }

        /** Adds (or replaces) the histogram {@code name}. */
        public Builder histogram(String name, Histogram histogram) {
            histograms.put(name, histogram);
            return this;
        }

        /** The result holding everything added so far, in the order added. */
        public AnalysisResult build() {
            return new AnalysisResult(scalars, series, histograms);
        }
    }
}
