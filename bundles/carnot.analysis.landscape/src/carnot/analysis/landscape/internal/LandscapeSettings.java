package carnot.analysis.landscape.internal;

import carnot.api.component.Setting;

/** Settings every landscape analysis shares. */
final class LandscapeSettings {

    static final Setting MAX_EXAMPLES = Setting.integer("maxExamples", 0,
            "use the first this many examples of each split at every point (0: all)").min(0).max(100_000_000);
    static final Setting TEST = Setting.bool("test", true, "also measure the test split at every point");

    private LandscapeSettings() {
    }

    /** {@code points} evenly spaced values from {@code start} to {@code end}, both included. */
    static double[] grid(double start, double end, int points) {
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = points == 1 ? start : start + (end - start) * i / (points - 1);
        }
        return values;
    }
}
