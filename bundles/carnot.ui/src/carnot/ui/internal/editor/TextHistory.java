package carnot.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * The editor's undo history: the texts the experiment had, one entry per form edit and per burst
 * of typing (keystrokes closer together than {@link #TYPING_BURST_MILLIS} are one step, as in
 * Eclipse's text editors). Bounded to {@link #LIMIT} steps.
 */
final class TextHistory {

    static final int LIMIT = 200;
    static final long TYPING_BURST_MILLIS = 800;

    private final List<String> texts = new ArrayList<>();
    private int current;
    private long lastTyping;

    TextHistory(String initial) {
        texts.add(initial);
    }

    /**
     * Records a new text; drops whatever had been undone.
     *
     * @param typing whether it came from typing (merged with the previous typing step if close in time)
     * @param now    the time in milliseconds
     */
    void record(String text, boolean typing, long now) {
        if (text.equals(texts.get(current))) {
            return;
        }
        texts.subList(current + 1, texts.size()).clear();
        boolean merge = typing && current > 0 && now - lastTyping < TYPING_BURST_MILLIS;
        lastTyping = typing ? now : 0;
        if (merge) {
            texts.set(current, text);
            return;
        }
        texts.add(text);
        current++;
        if (texts.size() > LIMIT) {
            texts.remove(0);
            current--;
        }
    }

    boolean canUndo() {
        return current > 0;
    }

    boolean canRedo() {
        return current < texts.size() - 1;
    }

    /** The text before the current step; stays put at the start. */
    String undo() {
        if (canUndo()) {
            current--;
        }
        lastTyping = 0;
        return texts.get(current);
    }

    /** The text of the next step; stays put at the end. */
    String redo() {
        if (canRedo()) {
            current++;
        }
        lastTyping = 0;
        return texts.get(current);
    }
}
