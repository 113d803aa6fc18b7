package carnot.api.experiment;

import java.util.Locale;

/**
 * The disk a run's kept checkpoints take at most ({@link TrainingSpec#checkpointEvery()}): shown by
 * {@code carnot validate} and at the start of a run, before anything is written.
 *
 * @param every     keep the weights every this many epochs; 0 = only the final weights
 * @param files     the most checkpoint files the run writes ({@link TrainingSpec#keptCheckpoints(int)})
 * @param bytesEach the size of one checkpoint file
 */
public record CheckpointEstimate(int every, int files, long bytesEach) {

    /** The estimate for a resolved experiment whose checkpoints take {@code bytesEach} bytes each. */
    public static CheckpointEstimate of(TrainingSpec training, long bytesEach) {
        return new CheckpointEstimate(training.checkpointEvery(), training.keptCheckpoints(training.epochs()),
                bytesEach);
    }

    /** The most bytes the checkpoints take. */
    public long totalBytes() {
        return files * bytesEach;
    }

    /**
     * One line for humans, e.g. {@code checkpoints every 5 epochs and at epoch 0: at most 21 files of 1.6 MB, 34 MB}.
     */
    public String describe() {
        if (every == 0) {
            return "checkpoints: the final weights only (" + size(bytesEach) + "); training.checkpointEvery keeps a "
                    + "trajectory";
        }
        return String.format(Locale.ROOT, "checkpoints every %d epoch%s and at epoch 0: at most %d files of %s, %s",
                every, every == 1 ? "" : "s", files, size(bytesEach), size(totalBytes()));
    }

    /** Bytes in B, kB, MB or GB (powers of 1000), three significant digits. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.3g %s", value, units[unit]);
    }
}
