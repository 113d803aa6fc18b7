package carnot.ui.internal.editor;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Setting;
import carnot.api.component.SettingType;
import carnot.api.experiment.TrainingSpec;
import carnot.ui.internal.Widgets;
import carnot.ui.internal.editor.ExperimentDocument.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The form tab of the experiment editor. Every choice comes from the component registry as it is
 * now (the editor rebuilds the form when providers come and go): one section per component with a
 * drop-down of the installed ids and one row per setting of the chosen provider, its default shown
 * in the empty field, its allowed values beside it, replaced by the problem in red when the value is
 * wrong. Edits go straight into the {@link ExperimentDocument}'s tree; structural edits (another id,
 * an added or removed list entry) rebuild the form.
 */
final class ExperimentForm {

    /** Pseudo-settings for the experiment's own fields, so they use the same rows as providers' settings. */
    private static final Setting NAME = Setting.text("name", null,
            "letters, digits, '.', '-', '_'; also the folder of the runs");
    private static final Setting DESCRIPTION = Setting.text("description", "", "free text");
    private static final Setting SEED = Setting.integer("seed", 0,
            "fixes data derivation, initialization, batch order and analyses");
    private static final Setting EVERY = Setting.integer("every", 0,
            "run after every k-th epoch; 0 = after the last epoch only").min(0);
    private static final Setting AT_INIT = Setting.bool("atInit", false, "also run on the initial weights (epoch 0)");

    private final ExperimentDocument document;
    private final Supplier<ComponentRegistry> registry;
    private final Runnable onEdit;
    private final ScrolledComposite scrolled;
    private Composite content;
    private Label summary;
    /** Field path (e.g. {@code model.settings.hidden}) to the label that shows its hint or problem. */
    private final Map<String, FieldMessage> messages = new HashMap<>();
    /** Field path to its input control, for tests and for focusing a problem. */
    private final Map<String, Control> inputs = new HashMap<>();

    private record FieldMessage(Label label, String hint) {
    }

    ExperimentForm(Composite parent, ExperimentDocument document, Supplier<ComponentRegistry> registry, Runnable onEdit) {
        this.document = document;
        this.registry = registry;
        this.onEdit = onEdit;
        scrolled = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scrolled.setExpandHorizontal(true);
        scrolled.setExpandVertical(true);
        scrolled.addListener(SWT.Resize, e -> updateMinSize());
        rebuild();
    }

    Control control() {
        return scrolled;
    }

    /** The input of a field (a {@link Text} or a {@link Combo}), or {@code null}. */
    Control input(String field) {
        return inputs.get(field);
    }

    /** The hint or problem text shown beside a field, or {@code null}. */
    String message(String field) {
        FieldMessage message = messages.get(field);
        return message == null || message.label().isDisposed() ? null : message.label().getText();
    }

    /** Re-creates every control from the document and the registry as they are now. */
    void rebuild() {
        // Rebuilt after a drop-down changed or an entry was added: stay where the user was.
        Point origin = scrolled.getOrigin();
        if (content != null) {
            content.dispose();
        }
        messages.clear();
        inputs.clear();
        content = new Composite(scrolled, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 8).applyTo(content);
        summary = new Label(content, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(summary);

        ObjectNode root = document.root();
        Group experiment = group(content, "Experiment");
        row(experiment, root, NAME, "name");
        row(experiment, root, DESCRIPTION, "description");
        row(experiment, root, SEED, "seed");

        ComponentRegistry components = registry.get();
        component(content, "Dataset", "dataset", document.component("dataset"), ComponentKind.DATASET, components);
        list(content, "Perturbations (applied in order)", "perturbations", ComponentKind.PERTURBATION, components);
        component(content, "Architecture", "model", document.component("model"), ComponentKind.ARCHITECTURE, components);
        component(content, "Optimizer", "optimizer", document.component("optimizer"), ComponentKind.OPTIMIZER, components);
        component(content, "Loss", "loss", document.component("loss"), ComponentKind.LOSS, components);
        list(content, "Regularizers", "regularizers", ComponentKind.REGULARIZER, components);

        Group training = group(content, "Training");
        JsonNode trainingNode = root.get("training");
        ObjectNode trainingObject = trainingNode instanceof ObjectNode o ? o : root.putObject("training");
        for (Setting setting : TrainingSpec.SCHEMA.settings()) {
            row(training, trainingObject, setting, "training." + setting.key());
        }
        list(content, "Analyses", "analyses", ComponentKind.ANALYSIS, components);
        new SweepSection(document, onEdit, this::structureChanged, inputs::put).create(content);
        scrolled.setContent(content);
        updateMinSize();
        scrolled.setOrigin(origin);
    }

    private void updateMinSize() {
        if (content == null || content.isDisposed()) {
            return;
        }
        int width = Math.max(scrolled.getClientArea().width, 400);
        Point size = content.computeSize(width, SWT.DEFAULT);
        scrolled.setMinSize(new Point(400, size.y));
    }

    /**
     * Shows problems beside their fields (the nearest enclosing field that has a row) and the
     * rest in the summary at the top.
     */
    void showProblems(List<Problem> problems) {
        if (content == null || content.isDisposed()) {
            return;
        }
        Color red = content.getDisplay().getSystemColor(SWT.COLOR_RED);
        Color grey = content.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        messages.values().forEach(m -> {
            m.label().setText(m.hint());
            m.label().setForeground(grey);
        });
        List<String> unplaced = new ArrayList<>();
        for (Problem problem : problems) {
            FieldMessage target = nearest(problem.field());
            if (target == null) {
                unplaced.add(problem.toString());
            } else {
                target.label().setText(Widgets.literal(problem.message()));
                target.label().setForeground(red);
            }
        }
        summary.setText(problems.isEmpty() ? "No problems found: the experiment is ready to run."
                : problems.size() + (problems.size() == 1 ? " problem" : " problems")
                        + (unplaced.isEmpty() ? " (shown in red beside the fields)" : ": " + String.join("; ", unplaced)));
        summary.setForeground(problems.isEmpty() ? content.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN) : red);
        content.layout(true, true);
        updateMinSize();
    }

    private FieldMessage nearest(String field) {
        if (field != null && messages.containsKey(field + ".id")) {
            // A problem of a whole component (the engine's "dataset": its files hold fewer examples):
            // beside the component's drop-down.
            return messages.get(field + ".id");
        }
        String path = field;
        while (path != null && !path.isEmpty()) {
            FieldMessage message = messages.get(path);
            if (message != null) {
                return message;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut <= 0 ? null : path.substring(0, cut);
        }
        return null;
    }

    private static Group group(Composite parent, String title) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(Widgets.literal(title));
        GridLayoutFactory.swtDefaults().numColumns(3).spacing(8, 4).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        return group;
    }

    /** A component: its id drop-down, its description, one row per setting of the chosen provider. */
    private void component(Composite parent, String title, String field, ObjectNode node, ComponentKind kind,
            ComponentRegistry components) {
        Group group = group(parent, title);
        componentRows(group, field, node, kind, components);
    }

    private void componentRows(Composite group, String field, ObjectNode node, ComponentKind kind,
            ComponentRegistry components) {
        String id = node.path("id").asText("");
        List<String> ids = components == null ? List.of() : components.ids(kind);
        label(group, "id", "the " + kind.label() + " provider");
        Combo combo = new Combo(group, SWT.READ_ONLY | SWT.DROP_DOWN);
        List<String> items = new ArrayList<>(ids);
        if (!id.isEmpty() && !ids.contains(id)) {
            items.add(0, id);
        }
        combo.setItems(items.stream().map(i -> choiceLabel(components, kind, i)).toArray(String[]::new));
        combo.select(items.indexOf(id));
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(combo);
        ComponentDescriptor descriptor = components == null || id.isEmpty() ? null
                : components.describe(kind, id).orElse(null);
        String hint = descriptor == null ? (ids.isEmpty() ? "no " + kind.plural() + " installed" : "not installed")
                : descriptor.title() + " (" + descriptor.bundle() + " " + descriptor.bundleVersion() + ")";
        message(group, field + ".id", hint);
        inputs.put(field + ".id", combo);
        combo.addListener(SWT.Selection, e -> {
            String chosen = items.get(combo.getSelectionIndex());
            if (!chosen.equals(node.path("id").asText(""))) {
                node.put("id", chosen);
                // Another provider has other settings: start from its defaults.
                node.putObject("settings");
                structureChanged();
            }
        });
        if (descriptor != null && !descriptor.description().isBlank()) {
            Label description = new Label(group, SWT.WRAP);
            description.setText(Widgets.literal(descriptor.description()));
            GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(300, SWT.DEFAULT).applyTo(description);
        }
        if (descriptor != null) {
            ObjectNode settings = ExperimentDocument.settingsOf(node);
            for (Setting setting : descriptor.schema().settings()) {
                if (kind != ComponentKind.ANALYSIS || !repeatsAtInit(setting, settings)) {
                    row(group, settings, setting, field + ".settings." + setting.key());
                }
            }
        }
    }

    /** A list of components: each with its rows and a Remove button, then an Add row. */
    private void list(Composite parent, String title, String key, ComponentKind kind, ComponentRegistry components) {
        Group group = group(parent, title);
        ArrayNode list = document.list(key);
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            String field = key + "[" + i + "]";
            Composite item = new Composite(group, SWT.BORDER);
            GridLayoutFactory.swtDefaults().numColumns(3).spacing(8, 4).applyTo(item);
            GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(item);
            ObjectNode node = (ObjectNode) list.get(i);
            componentRows(item, field, node, kind, components);
            if (kind == ComponentKind.ANALYSIS) {
                row(item, node, EVERY, field + ".every");
                row(item, node, AT_INIT, field + ".atInit");
            }
            Button remove = new Button(item, SWT.PUSH);
            remove.setText("Remove");
            remove.setToolTipText("Remove this " + kind.label() + " from the experiment");
            GridDataFactory.swtDefaults().span(3, 1).align(SWT.END, SWT.CENTER).applyTo(remove);
            remove.addListener(SWT.Selection, e -> {
                list.remove(index);
                structureChanged();
            });
            inputs.put(field + ".remove", remove);
        }
        List<String> ids = components == null ? List.of() : components.ids(kind);
        Combo add = new Combo(group, SWT.READ_ONLY | SWT.DROP_DOWN);
        add.setItems(ids.stream().map(i -> choiceLabel(components, kind, i)).toArray(String[]::new));
        if (!ids.isEmpty()) {
            add.select(0);
        }
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(add);
        Button button = new Button(group, SWT.PUSH);
        button.setText("Add " + kind.label());
        button.setEnabled(!ids.isEmpty());
        button.addListener(SWT.Selection, e -> {
            if (add.getSelectionIndex() < 0) {
                return;
            }
            ObjectNode node = list.addObject();
            node.put("id", ids.get(add.getSelectionIndex()));
            node.putObject("settings");
            if (kind == ComponentKind.ANALYSIS) {
                node.put("every", 0);
                node.put("atInit", false);
            }
            structureChanged();
        });
        inputs.put(key + ".add", add);
        inputs.put(key + ".addButton", button);
        Label none = new Label(group, SWT.NONE);
        none.setText(list.isEmpty() ? "none" : "");
        messages.put(key, new FieldMessage(none, none.getText()));
    }

    /** One setting: name, input (its default shown when empty), allowed values or the problem. */
    private void row(Composite group, ObjectNode target, Setting setting, String field) {
        label(group, setting.key(), setting.description());
        String hint = setting.allowedValues() + (setting.defaultValue() == null ? "; required"
                : "; default " + SettingValues.formatDefault(setting));
        JsonNode current = target.get(setting.key());
        Control input = SettingInputs.create(group, setting, current, text -> store(target, setting, text));
        input.setToolTipText(setting.description());
        GridDataFactory.fillDefaults().hint(180, SWT.DEFAULT).applyTo(input);
        inputs.put(field, input);
        message(group, field, hint);
    }

    private void store(ObjectNode target, Setting setting, String text) {
        JsonNode value = SettingValues.parse(setting, text);
        if (value == null) {
            target.remove(setting.key());
        } else {
            target.set(setting.key(), value);
        }
        onEdit.run();
    }

    private void structureChanged() {
        // Rebuild after the event that caused it has finished with its widget.
        scrolled.getDisplay().asyncExec(() -> {
            if (!scrolled.isDisposed()) {
                rebuild();
                onEdit.run();
            }
        });
    }

    /** A provider as offered in a drop-down: its title, then its id (what the file stores). */
    static String choiceLabel(ComponentRegistry components, ComponentKind kind, String id) {
        String title = components == null ? null : components.describe(kind, id).map(ComponentDescriptor::title)
                .orElse(null);
        return title == null || title.isBlank() || title.equals(id) ? id : title + " (" + id + ")";
    }

    /**
     * Whether an analysis setting repeats the schedule's {@code atInit} and is left out of the
     * form: {@code hessian-spectrum}'s {@code atInitialization} adds the initial weights' top
     * eigenvalue and trace to every call, which the analysis' {@code atInit} (the whole analysis
     * at epoch 0) already records. A file that sets it still shows it, so nothing is hidden
     * that the file says.
     */
    static boolean repeatsAtInit(Setting setting, ObjectNode settings) {
        return setting.type() == SettingType.BOOLEAN && setting.key().equals("atInitialization")
                && !settings.has(setting.key());
    }

    private static void label(Composite group, String text, String tooltip) {
        Label label = new Label(group, SWT.NONE);
        label.setText(text);
        label.setToolTipText(tooltip);
    }

    private void message(Composite group, String field, String hint) {
        Label label = new Label(group, SWT.WRAP);
        label.setText(Widgets.literal(hint));
        label.setForeground(group.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(label);
        messages.put(field, new FieldMessage(label, Widgets.literal(hint)));
    }
}
