package carnot.ui.internal.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The run view's list of scalars to chart (every curve but the learning curves), kept checked
 * across re-reads; the first time, the first analysis' scalars that change over epochs are
 * checked (a constant such as a parameter count would flatten the rest), else the learning rate.
 */
final class ScalarChoices {

    private ScalarChoices() {
    }

    /** Lists the curves' names; keeps what was checked. */
    static void update(Table list, Map<String, RunData.Curve> curves) {
        List<String> names = new ArrayList<>();
        for (String name : curves.keySet()) {
            if (!RunCharts.LOSSES.contains(name) && !RunCharts.ERRORS.contains(name)) {
                names.add(name);
            }
        }
        List<String> shown = Arrays.stream(list.getItems()).map(TableItem::getText).toList();
        if (shown.equals(names)) {
            return;
        }
        List<String> checked = checked(list);
        boolean first = shown.isEmpty();
        list.removeAll();
        for (String name : names) {
            TableItem item = new TableItem(list, SWT.NONE);
            item.setText(name);
            item.setChecked(checked.contains(name));
        }
        if (first && checked.isEmpty()) {
            names.stream().filter(n -> n.contains(".") && varies(curves, n)).findFirst()
                    .map(n -> n.substring(0, n.indexOf('.') + 1))
                    .ifPresentOrElse(prefix -> Arrays.stream(list.getItems()).limit(50)
                            .filter(i -> i.getText().startsWith(prefix) && varies(curves, i.getText())).limit(4)
                            .forEach(i -> i.setChecked(true)),
                            () -> Arrays.stream(list.getItems()).limit(1).forEach(i -> i.setChecked(true)));
        }
    }

    /** Whether a curve takes more than one value (a single point counts as varying). */
    private static boolean varies(Map<String, RunData.Curve> curves, String name) {
        RunData.Curve curve = curves.get(name);
        return curve != null && (curve.values().length == 1 || Arrays.stream(curve.values()).distinct().count() > 1);
    }

    /** The names checked. */
    static List<String> checked(Table list) {
        return Arrays.stream(list.getItems()).filter(TableItem::getChecked).map(TableItem::getText).toList();
    }
}
