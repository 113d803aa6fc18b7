package carnot.ui.internal.editor;

import carnot.api.component.Setting;
import carnot.api.component.SettingType;
import carnot.ui.internal.Preferences;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/**
 * The input control of one setting in the experiment form: a drop-down for a setting with a fixed
 * set of values and for a dataset's folder (the preferences' dataset folders, or any typed path),
 * a text field otherwise, its default shown when empty. Apart from the form, which lays the rows
 * out and keeps their messages.
 */
final class SettingInputs {

    private SettingInputs() {
    }

    /**
     * Creates the control in {@code group}.
     *
     * @param current the value the file holds, or null
     * @param store   given the text after every edit ("" for the default)
     */
    static Control create(Composite group, Setting setting, JsonNode current, Consumer<String> store) {
        if (SettingValues.isChoice(setting)) {
            Combo combo = new Combo(group, SWT.READ_ONLY | SWT.DROP_DOWN);
            List<String> items = new ArrayList<>();
            items.add("(default: " + SettingValues.formatDefault(setting) + ")");
            items.addAll(SettingValues.choices(setting));
            String value = SettingValues.format(current);
            if (!value.isEmpty() && !items.contains(value)) {
                items.add(value);
            }
            combo.setItems(items.toArray(String[]::new));
            combo.select(value.isEmpty() ? 0 : items.indexOf(value));
            combo.addListener(SWT.Selection, e -> {
                store.accept(combo.getSelectionIndex() == 0 ? "" : combo.getText());
            });
            return combo;
        } else if (setting.type() == SettingType.TEXT && "folder".equals(setting.key())) {
            // A dataset's folder: offer the dataset folders of the preferences, or any typed path.
            Combo combo = new Combo(group, SWT.DROP_DOWN);
            combo.setItems(Preferences.load().datasetFolders().toArray(String[]::new));
            combo.setText(SettingValues.format(current));
            combo.addListener(SWT.Modify, e -> store.accept(combo.getText()));
            return combo;
        } else {
            Text text = new Text(group, SWT.BORDER | SWT.SINGLE);
            text.setText(SettingValues.format(current));
            text.setMessage(SettingValues.formatDefault(setting));
            text.addListener(SWT.Modify, e -> store.accept(text.getText()));
            return text;
        }
    }
}
