package carnot.provisioning.internal;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.IStatus;

/** p2's statuses as one line a user can read: the messages of the error leaves, not the tree. */
final class Statuses {

    private Statuses() {
    }

    static String describe(IStatus status) {
        List<String> messages = new ArrayList<>();
        collect(status, messages);
        return messages.isEmpty() ? status.getMessage() : String.join("; ", messages);
    }

    private static void collect(IStatus status, List<String> messages) {
        if (status.getChildren().length == 0) {
            if (status.getSeverity() >= IStatus.WARNING && !messages.contains(status.getMessage())) {
                messages.add(status.getMessage());
            }
            return;
        }
        if (status.getSeverity() >= IStatus.WARNING && !status.getMessage().isBlank()
                && !messages.contains(status.getMessage())) {
            messages.add(status.getMessage());
        }
        for (IStatus child : status.getChildren()) {
            collect(child, messages);
        }
    }
}
