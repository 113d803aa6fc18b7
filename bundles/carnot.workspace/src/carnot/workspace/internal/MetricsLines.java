package carnot.workspace.internal;

import carnot.api.experiment.EpochMetrics;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * One epoch's metrics as a line of {@code metrics.jsonl} and of {@code metrics.csv}: the record
 * format apart from the recorder that decides when lines are written.
 */
public final class MetricsLines {

    /** The header of {@code metrics.csv}; a NaN metric is an empty cell. */
    public static final String CSV_HEADER = "epoch,step,train_loss,train_error,test_loss,test_error,"
            + "generalization_gap,learning_rate,seconds";

    /** JSON on one line (the run-folder mapper's features, without indentation). */
    public static final ObjectWriter LINE = carnot.workspace.ExperimentFiles.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private MetricsLines() {
    }

    /** The metrics as one {@code metrics.jsonl} line, newline included. */
    public static String jsonLine(EpochMetrics m) throws IOException {
        return LINE.writeValueAsString(node(m)) + "\n";
    }

    /** The metrics as one {@code metrics.csv} line, newline included. */
    public static String csvLine(EpochMetrics m) {
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%.3f%n", m.epoch(), m.step(),
                number(m.trainLoss()), number(m.trainError()), number(m.testLoss()), number(m.testError()),
                number(m.generalizationGap()), number(m.learningRate()), m.seconds());
    }

    /** The metrics as the JSON object of a {@code metrics.jsonl} line and of {@code status.json}'s {@code last}. */
    public static ObjectNode node(EpochMetrics m) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("epoch", m.epoch());
        node.put("step", m.step());
        node.put("trainLoss", m.trainLoss());
        node.put("trainError", m.trainError());
        node.put("testLoss", m.testLoss());
        node.put("testError", m.testError());
        node.put("learningRate", m.learningRate());
        node.put("seconds", m.seconds());
        return node;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
