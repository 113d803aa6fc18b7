package carnot.api.experiment;

import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;

/**
 * How long and in what batches to train.
 *
 * @param epochs        passes over the training set
 * @param batchSize     minibatch size B (the last batch of an epoch may be smaller)
 * @param evalBatchSize batch size for evaluation passes (affects speed and memory only)
 * @param shuffle       reshuffle the training set every epoch (seeded)
 */
public record TrainingSpec(int epochs, int batchSize, int evalBatchSize, boolean shuffle) {

    /** Keys, defaults and limits of the {@code training} object of an experiment file. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("epochs", 10, "passes over the training set").min(1),
            Setting.integer("batchSize", 128, "minibatch size B").min(1),
            Setting.integer("evalBatchSize", 1000, "batch size of evaluation passes").min(1),
            Setting.bool("shuffle", true, "reshuffle the training set every epoch"));

    public static TrainingSpec from(Settings settings) {
        return new TrainingSpec(settings.getInt("epochs"), settings.getInt("batchSize"),
                settings.getInt("evalBatchSize"), settings.getBoolean("shuffle"));
    }

    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("epochs", epochs);
        map.put("batchSize", batchSize);
        map.put("evalBatchSize", evalBatchSize);
        map.put("shuffle", shuffle);
        return map;
    }
}
