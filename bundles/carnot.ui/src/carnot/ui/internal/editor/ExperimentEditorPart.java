package carnot.ui.internal.editor;

import carnot.api.component.ComponentRegistry;
import carnot.ui.internal.Dialogs;
import carnot.ui.internal.PartOpener;
import carnot.ui.internal.Session;
import carnot.ui.internal.editor.ExperimentDocument.Problem;
import carnot.ui.internal.runs.RunManager;
import carnot.workspace.AtomicFiles;
import carnot.workspace.ExperimentFileException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

/**
 * Editor of one experiment file: a form built from the installed components and a source tab
 * with the JSON, kept in sync (form edits patch the source at once, keeping its comments; source
 * edits update the form when they parse). Problems are checked on every edit against the
 * components installed now and shown beside their fields; after a pause, the engine prepares the
 * experiment with its data as {@code carnot validate} does ({@link DataCheck}). A file that does
 * not parse opens in the source tab to be fixed. The file on disk is watched: a change made
 * elsewhere is loaded when the editor has no changes of its own, else the user is asked. Save
 * writes the file atomically; Run saves and starts a run.
 */
public final class ExperimentEditorPart {

    /** Part descriptor id in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "carnot.ui.partdescriptor.experiment";
    /** Source edits are parsed after this pause in typing. */
    static final int SOURCE_PARSE_DELAY_MILLIS = 300;
    /** How often the file on disk is looked at for changes made elsewhere. */
    static final int DISK_CHECK_MILLIS = 1000;

    @Inject
    private MPart part;
    @Inject
    private Session session;
    @Inject
    @Optional
    private RunManager runs;

    private Path file;
    private ExperimentDocument document;
    private CTabFolder tabs;
    private CTabItem formTab;
    private CTabItem sourceTab;
    private ExperimentForm form;
    private StyledText source;
    private Label problemsLabel;
    private Button runButton;
    private Font monospace;
    private boolean syncingSource;
    private String sourceError;
    private List<Problem> problems = List.of();
    private List<Problem> dataProblems = List.of();
    private Display display;
    private DiskStamp onDisk = DiskStamp.ABSENT;
    private DataCheck dataCheck;
    private TextHistory history;
    /** The text as last read from or written to disk: the editor is dirty when its text differs. */
    private String savedText;
    private boolean askingAboutDisk;
    private final Runnable parseSource = this::parseSource;
    private final Runnable checkDisk = this::checkDisk;
    private final Runnable registryChanged = () -> {
        Display ui = display;
        if (ui != null && !ui.isDisposed()) {
            ui.asyncExec(() -> {
                if (form != null && !form.control().isDisposed()) {
                    form.rebuild();
                    validate();
                }
            });
        }
    };

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        file = PartOpener.path(part);
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

        onDisk = DiskStamp.of(file);
        String text;
        String readError = null;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
            readError = "cannot read " + file + ": " + e.getMessage();
        }
        try {
            document = ExperimentDocument.parse(file, text);
        } catch (ExperimentFileException e) {
            document = ExperimentDocument.template(file, "experiment", session.registry());
            sourceError = readError != null ? readError : e.getMessage();
        }
        dataCheck = new DataCheck(file, () -> session.service(carnot.api.experiment.ExperimentRunner.class), display,
                found -> {
                    dataProblems = found;
                    showProblems();
                });

        tabs = new CTabFolder(parent, SWT.BOTTOM | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        formTab = new CTabItem(tabs, SWT.NONE);
        formTab.setText("Form");
        form = new ExperimentForm(tabs, document, session::registry, this::formEdited);
        formTab.setControl(form.control());
        sourceTab = new CTabItem(tabs, SWT.NONE);
        sourceTab.setText("Source");
        source = new StyledText(tabs, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        monospace = new Font(parent.getDisplay(), "Monospace", 10, SWT.NORMAL);
        source.setFont(monospace);
        source.setText(sourceError == null ? document.text() : text);
        history = new TextHistory(source.getText());
        savedText = source.getText();
        source.addListener(SWT.Modify, e -> sourceEdited());
        sourceTab.setControl(source);
        tabs.setSelection(sourceError == null ? formTab : sourceTab);
        tabs.addListener(SWT.Selection, e -> {
            if (tabs.getSelection() == formTab && sourceError == null) {
                form.rebuild();
                validate();
            }
        });

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        problemsLabel = new Label(bar, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(problemsLabel);
        Button save = new Button(bar, SWT.PUSH);
        save.setText("Save");
        save.setToolTipText("Write the experiment file (Ctrl+S)");
        save.addListener(SWT.Selection, e -> save());
        runButton = new Button(bar, SWT.PUSH);
        runButton.setText("Run");
        runButton.setToolTipText("Save, then run the experiment in the background (see the Runs view)");
        runButton.addListener(SWT.Selection, e -> run());

        session.addRegistryListener(registryChanged);
        validate();
        display.timerExec(DISK_CHECK_MILLIS, checkDisk);
    }

    /** The form, for tests. */
    ExperimentForm form() {
        return form;
    }

    /** The tabs (Form, Source), for tests. */
    CTabFolder tabs() {
        return tabs;
    }

    /** The source text widget, for tests. */
    public StyledText source() {
        return source;
    }

    /** The document, for tests. */
    ExperimentDocument document() {
        return document;
    }

    /** What the editor finds wrong right now (the data check's findings once it has run). */
    public List<Problem> problems() {
        if (sourceError != null) {
            return List.of(new Problem(null, sourceError));
        }
        return problems.isEmpty() ? dataProblems : problems;
    }

    /** Whether the check with the data is still to report (tests wait for it). */
    boolean checkingData() {
        return dataCheck.busy();
    }

    private void formEdited() {
        syncingSource = true;
        try {
            source.setText(document.text());
        } finally {
            syncingSource = false;
        }
        history.record(source.getText(), false, System.currentTimeMillis());
        part.setDirty(!source.getText().equals(savedText));
        validate();
    }

    private void sourceEdited() {
        if (syncingSource) {
            return;
        }
        history.record(source.getText(), true, System.currentTimeMillis());
        part.setDirty(!source.getText().equals(savedText));
        display.timerExec(-1, parseSource);
        display.timerExec(SOURCE_PARSE_DELAY_MILLIS, parseSource);
    }

    /** Parses the source tab's text into the document now (also done after a pause in typing). */
    void parseSource() {
        if (source.isDisposed()) {
            return;
        }
        try {
            document.setText(source.getText());
            sourceError = null;
            if (tabs.getSelection() == formTab) {
                form.rebuild();
            }
        } catch (ExperimentFileException e) {
            sourceError = e.getMessage();
        }
        validate();
    }

    private void validate() {
        ComponentRegistry registry = session.registry();
        problems = sourceError == null ? document.validate(registry) : List.of();
        dataProblems = List.of();
        if (sourceError == null && problems.isEmpty()) {
            dataCheck.check(document.text(), document.isSweep());
        } else {
            dataCheck.cancel();
        }
        showProblems();
    }

    private void showProblems() {
        if (problemsLabel.isDisposed()) {
            return;
        }
        if (sourceError == null) {
            form.showProblems(problems());
        }
        List<Problem> shown = problems();
        problemsLabel.setText(shown.isEmpty() ? "Ready to run." : shown.size() + (shown.size() == 1 ? " problem: " : " problems: ")
                + shown.get(0) + (shown.size() > 1 ? " (and more: see the form)" : ""));
        problemsLabel.setForeground(display.getSystemColor(shown.isEmpty() ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
        problemsLabel.requestLayout();
        runButton.setEnabled(shown.isEmpty() && runs != null);
    }

    /** Writes the file: the source text as it is (the form keeps it current). */
    @Persist
    public void save() {
        if (source.isDisposed()) {
            return;
        }
        try {
            AtomicFiles.write(file, source.getText());
            savedText = source.getText();
            onDisk = DiskStamp.of(file);
            part.setDirty(false);
        } catch (IOException e) {
            Dialogs.error(source.getShell(), "Cannot save " + file.getFileName(),
                    "Writing " + file + " failed: " + e.getMessage(),
                    "Check that the folder exists and is writable, or copy the Source tab's text elsewhere.");
        }
    }

    private void run() {
        parseSource();
        if (!problems().isEmpty()) {
            Dialogs.error(source.getShell(), "Cannot run " + file.getFileName(),
                    "The experiment has problems: " + problems().get(0), "Fix the fields shown in red, then run again.");
            return;
        }
        save();
        if (((MDirtyable) part).isDirty()) {
            return;
        }
        runs.launch(file);
    }

    /**
     * Looks at the file on disk: changed elsewhere, it is loaded when the editor has no changes of
     * its own (as Eclipse's editors do), else the user chooses between the file and the edits;
     * deleted, the editor keeps the text and is marked changed, so that Save writes it again.
     */
    void checkDisk() {
        if (source.isDisposed()) {
            return;
        }
        display.timerExec(DISK_CHECK_MILLIS, checkDisk);
        DiskStamp now = DiskStamp.of(file);
        if (now.equals(onDisk) || askingAboutDisk) {
            return;
        }
        onDisk = now;
        if (!now.exists()) {
            part.setDirty(true);
            problemsLabel.setText(file + " was deleted on disk: Save writes the editor's text to it again.");
            problemsLabel.setForeground(display.getSystemColor(SWT.COLOR_RED));
            return;
        }
        boolean load = !part.isDirty();
        if (!load) {
            askingAboutDisk = true;
            try {
                load = Dialogs.confirm(source.getShell(), "File changed on disk", file
                        + " was changed on disk while this editor has unsaved changes.\n\nReplace the editor's text "
                        + "with the file's? (Cancel keeps your changes; saving them then replaces the file.)");
            } finally {
                askingAboutDisk = false;
            }
        }
        if (load) {
            reload();
        }
    }

    /** Replaces the editor's text with the file's; a file that does not parse shows in the Source tab. */
    private void reload() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        savedText = text;
        showText(text);
        history.record(text, false, System.currentTimeMillis());
        if (sourceError != null) {
            tabs.setSelection(sourceTab);
        }
    }

    /** Puts a text into the source tab and the form, as if typed. */
    private void showText(String text) {
        syncingSource = true;
        try {
            source.setText(text);
        } finally {
            syncingSource = false;
        }
        part.setDirty(!text.equals(savedText));
        parseSource();
    }

    public boolean canUndo() {
        return history.canUndo();
    }

    public boolean canRedo() {
        return history.canRedo();
    }

    /** Undoes the last form edit or burst of typing. */
    public void undo() {
        if (history.canUndo()) {
            showText(history.undo());
        }
    }

    /** Redoes what {@link #undo} undid. */
    public void redo() {
        if (history.canRedo()) {
            showText(history.redo());
        }
    }

    @Focus
    public void setFocus() {
        tabs.setFocus();
    }

    @PreDestroy
    public void dispose() {
        display.timerExec(-1, checkDisk);
        dataCheck.cancel();
        session.removeRegistryListener(registryChanged);
        if (monospace != null) {
            monospace.dispose();
        }
    }
}
