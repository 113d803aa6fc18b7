package carnot.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/** Small widget factories the parts share. */
public final class Widgets {

    private Widgets() {
    }

    /**
     * Text shown as it is in a label, button or group title: SWT takes "&amp;" as the mark of a
     * mnemonic (an underlined letter), so a description naming "Xiao, Rasul &amp; Vollgraf" would
     * read "Xiao, Rasul _Vollgraf"; "&amp;&amp;" shows one ampersand.
     */
    public static String literal(String text) {
        return text == null ? "" : text.replace("&", "&&");
    }

    /** A push button that runs an action when pressed. */
    public static Button button(Composite parent, String text, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tooltip);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }
}
