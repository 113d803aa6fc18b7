package carnot.ui.internal.explorer;

import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import org.eclipse.jface.viewers.IColorProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;

/**
 * The explorer's labels: experiments with their run count, runs with their state with liveness; a
 * file with a problem carries the error mark and is drawn red; a run that trains now is blue, one
 * whose process died (interrupted: resumable) dark yellow, a failed one red.
 */
final class ExplorerLabels extends LabelProvider implements IColorProvider {

    private final Image errorMark;

    ExplorerLabels(Image errorMark) {
        this.errorMark = errorMark;
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
        return element instanceof Experiment e && e.problem() != null ? errorMark : null;
    }

    @Override
    public Color getForeground(Object element) {
        if (element instanceof Experiment e && e.problem() != null) {
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
