import carnot.api.analysis.AnalysisResult;
import carnot.api.experiment.EpochMetrics;
import carnot.api.experiment.RunEvent;
import carnot.workspace.ExperimentFiles;
import carnot.workspace.RunRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Per-epoch cost of recording a run (issue 16, item 11): drives carnot.workspace's RunRecorder
 * directly with synthetic epochs (no training) up to the last checkpoint epoch, with an analysis
 * result every 100 epochs, and prints the median and 90th percentile of the recorder's time per
 * epoch in windows of 200 epochs ending at each checkpoint epoch. Run by releng/bench/recording.sh.
 *   java -cp JARS RecordingBenchmark.java FOLDER 10,1000,10000,100000
 */
public final class RecordingBenchmark {

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        int[] checkpoints = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int last = checkpoints[checkpoints.length - 1];
        Path experiment = ws.resolve("bench.json");
        Files.writeString(experiment, """
                {"name": "recording-bench", "seed": 1, "dataset": "gaussian-mixture", "model": "linear",
                 "optimizer": {"id": "sgd", "settings": {"learningRate": 1.0}}, "loss": "logistic",
                 "training": {"epochs": %d, "fullBatch": true}}
                """.formatted(last));
        var spec = ExperimentFiles.read(experiment);
        // JIT warm-up in a folder of its own, so that the first window measures the recorder, not the compiler.
        record(spec, Files.createDirectories(ws.resolve("runs/recording-bench/warm-up")), 2000);
        Path folder = Files.createDirectories(ws.resolve("runs/recording-bench/run"));
        long[] nanos = record(spec, folder, last);
        System.out.println(String.format(Locale.ROOT, "%10s %14s %14s %16s", "epoch", "median ms", "p90 ms",
                "metrics.jsonl"));
        for (int checkpoint : checkpoints) {
            int from = Math.max(1, checkpoint - 199);
            long[] window = Arrays.copyOfRange(nanos, from, checkpoint + 1);
            Arrays.sort(window);
            System.out.println(String.format(Locale.ROOT, "%10d %14.3f %14.3f %16s", checkpoint,
                    window[window.length / 2] / 1e6, window[(int) (window.length * 0.9)] / 1e6,
                    checkpoint == last ? Files.size(folder.resolve(RunRecorder.METRICS_JSONL)) + " bytes" : ""));
        }
    }

    /** Records {@code last} synthetic epochs into {@code folder}; the recorder's time for each. */
    private static long[] record(carnot.api.experiment.ExperimentSpec spec, Path folder, int last) throws Exception {
        RunRecorder recorder = new RunRecorder(folder);
        recorder.onEvent(new RunEvent.Started(spec, Map.of("sgdNoiseScale", 1.0), 1, 41));
        long[] nanos = new long[last + 1];
        AnalysisResult analysis = AnalysisResult.builder().scalar("margin", 0.5).scalar("norm", 3.0).build();
        for (int epoch = 1; epoch <= last; epoch++) {
            double loss = Math.log(2) / Math.log(epoch + 1.0);
            EpochMetrics metrics = new EpochMetrics(epoch, epoch, loss, 0.0, loss * 1.1, 0.05, 1.0, 0.0004);
            long start = System.nanoTime();
            recorder.onEvent(new RunEvent.EpochEnd(metrics));
            if (epoch % 100 == 0) {
                recorder.onEvent(new RunEvent.AnalysisDone("implicit-bias", 0, epoch, analysis, 0.01));
            }
            nanos[epoch] = System.nanoTime() - start;
        }
        return nanos;
    }
}
