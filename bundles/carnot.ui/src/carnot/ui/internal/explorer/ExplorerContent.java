package carnot.ui.internal.explorer;

import carnot.ui.internal.explorer.WorkspaceTree.Experiment;
import carnot.ui.internal.explorer.WorkspaceTree.Run;
import java.util.List;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;

/**
 * The explorer's tree: experiments with their runs as children. Elements are compared by file and
 * folder, not by value, so that a re-read tree keeps what was expanded and selected although a
 * run's status changed.
 */
final class ExplorerContent implements ITreeContentProvider {

    static final IElementComparer COMPARER = new IElementComparer() {
        @Override
        public boolean equals(Object a, Object b) {
            return key(a).equals(key(b));
        }

        @Override
        public int hashCode(Object element) {
            return key(element).hashCode();
        }
    };

    private static String key(Object element) {
        if (element instanceof Experiment e) {
            return "e:" + e.name() + ":" + e.file();
        }
        if (element instanceof Run r) {
            return "r:" + r.folder();
        }
        return String.valueOf(element);
    }

    @Override
    public Object[] getElements(Object input) {
        return ((List<?>) input).toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        return parent instanceof Experiment e ? e.runs().toArray() : new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof Experiment e && !e.runs().isEmpty();
    }
}
