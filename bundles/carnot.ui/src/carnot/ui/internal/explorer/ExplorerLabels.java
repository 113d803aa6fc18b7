package carnot.ui.internal.explorer;

import carnot.ui.internal.ProblemsPart;
import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;

/**
 * The explorer's labels: experiments with their run count, runs with their state with liveness; a
 * file with a problem (malformed, or settings the installed components reject: the Problems view's
 * findings, {@link ProblemsPart#check}) carries the error mark, is drawn red and says its problems
 * in its tooltip; a run that trains now is blue, one whose process died (interrupted: resumable)
 * dark yellow, a failed one red.
 */
final class ExplorerLabels extends ColumnLabelProvider {

    private final Image errorMark;
    private volatile Map<Path, String> problems = Map.of();

    ExplorerLabels(Image errorMark) {
        this.errorMark = errorMark;
    }

    /** The Problems view's findings, one text per file ({@code where: what}, one per line). */
    void setProblems(List<ProblemsPart.Problem> found) {
        Map<Path, String> byFile = new LinkedHashMap<>();
        found.stream().collect(Collectors.groupingBy(ProblemsPart.Problem::file, LinkedHashMap::new, Collectors.toList()))
                .forEach((file, list) -> byFile.put(file, list.stream()
                        .map(p -> p.where().isEmpty() ? p.message() : p.where() + ": " + p.message())
                        .collect(Collectors.joining("\n"))));
        problems = Map.copyOf(byFile);
    }

    /** What is wrong with an experiment file: its own problem, else what the Problems view found; {@code null} if valid. */
    String problem(Experiment experiment) {
        if (experiment.problem() != null || experiment.file() == null) {
            return experiment.problem();
        }
        return problems.get(experiment.file());
    }

    @Override
    public String getToolTipText(Object element) {
        if (element instanceof Experiment e) {
            String problem = problem(e);
            return problem == null ? String.valueOf(e.file() == null ? e.name() : e.file()) : problem;
        }
        return element instanceof Run r ? r.folder().toString() : null;
    }

    @Override
    public String getText(Object element) {
        if (element instanceof Experiment e) {
            return e.label() + (e.runs().isEmpty() ? "" : "  (" + e.runs().size() + (e.runs().size() == 1 ? " run)" : " runs)"));
        }
        return element instanceof Run r ? r.label() : String.valueOf(element);
    }

    @Override
    public Image getImage(Object element) {
        return element instanceof Experiment e && problem(e) != null ? errorMark : null;
    }

    @Override
    public Color getForeground(Object element) {
        if (element instanceof Experiment e && problem(e) != null) {
            return Display.getCurrent().getSystemColor(SWT.COLOR_RED);
        }
        if (element instanceof Run r) {
            return switch (r.status()) {
                case "running" -> Display.getCurrent().getSystemColor(SWT.COLOR_DARK_BLUE);
                case "interrupted" -> Display.getCurrent().getSystemColor(SWT.COLOR_DARK_YELLOW);
                case "failed" -> Display.getCurrent().getSystemColor(SWT.COLOR_DARK_RED);
                default -> null;
            };
        }
        return null;
    }

    @Override
    public Color getBackground(Object element) {
        return null;
    }
}
