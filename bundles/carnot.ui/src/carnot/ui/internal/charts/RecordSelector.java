package carnot.ui.internal.charts;

import carnot.ui.internal.charts.RunData.PerEpoch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;

/** A name drop-down and an epoch slider over per-epoch records (series, histograms, grids) of a run view. */
final class RecordSelector {

    Combo names;
    Scale epochs;
    Label epochLabel;
    Button log;
    List<Integer> epochList = List.of();
    /** Which record to show first, if any is preferred. */
    java.util.function.Predicate<Object> preferred;

    <T> void update(Map<String, PerEpoch<T>> records) {
        String previous = names.getText();
        String[] items = records.keySet().toArray(String[]::new);
        if (!Arrays.equals(items, names.getItems())) {
            names.setItems(items);
            int index = Arrays.asList(items).indexOf(previous);
            if (index < 0 && preferred != null) {
                // First look: a record drawn against a real abscissa says more than one against its index.
                index = Arrays.asList(items).indexOf(records.keySet().stream()
                        .filter(name -> preferred.test(records.get(name).last())).findFirst().orElse(""));
            }
            names.select(Math.max(0, index));
            if (!names.getText().equals(previous)) {
                logByDefault();
            }
        }
        PerEpoch<T> record = records.get(names.getText());
        List<Integer> newEpochs = record == null ? List.of() : new ArrayList<>(record.byEpoch().keySet());
        boolean atEnd = epochList.isEmpty() || epochs.getSelection() >= epochList.size() - 1;
        epochList = newEpochs;
        epochs.setMaximum(Math.max(1, newEpochs.size()));
        epochs.setEnabled(newEpochs.size() > 1);
        if (atEnd || epochs.getSelection() >= newEpochs.size()) {
            epochs.setSelection(Math.max(0, newEpochs.size() - 1));
        }
    }

    /**
     * A spectral density is shown on a log axis, as Ghorbani et al. (2019) and PyHessian plot
     * it: on a linear one the bulk near zero hides the outlier eigenvalues.
     */
    void logByDefault() {
        log.setSelection(names.getText().contains("density"));
    }

    /** The chosen record at the chosen epoch, or {@code null}. */
    <T> Map.Entry<Integer, T> chosen(Map<String, PerEpoch<T>> records) {
        PerEpoch<T> record = records.get(names.getText());
        if (record == null || epochList.isEmpty()) {
            epochLabel.setText("");
            return null;
        }
        int epoch = epochList.get(Math.min(epochs.getSelection(), epochList.size() - 1));
        epochLabel.setText("epoch " + epoch);
        epochLabel.requestLayout();
        return Map.entry(epoch, record.byEpoch().get(epoch));
    }
    }
