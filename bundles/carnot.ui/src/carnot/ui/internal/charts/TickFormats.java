package carnot.ui.internal.charts;

import java.text.FieldPosition;
import java.text.Format;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick label formats for SWTChart axes. SWTChart hides a label when parsing it back does not give
 * its value within 1% relative, which for the value 0 divides by zero: the "0" label vanished.
 * These formats do not parse back (SWTChart then keeps every label that has room), and say what
 * the axes mean:
 * <ul>
 * <li>{@link #plain()}: up to 4 significant digits, scientific notation outside [1e-3, 1e5);</li>
 * <li>{@link #decades()}: an axis of log10 values labelled only at whole decades, {@code 1e-1},
 * {@code 1e0}, {@code 1e1}, as papers label log axes;</li>
 * <li>{@link #integers()}: only whole numbers (epochs), so that no tick reads 2.5.</li>
 * </ul>
 */
final class TickFormats {

    private TickFormats() {
    }

    static Format plain() {
        return new TickFormat(TickFormats::plain);
    }

    static Format decades() {
        return new TickFormat(TickFormats::decade);
    }

    static Format integers() {
        return new TickFormat(v -> isWhole(v) ? Long.toString(Math.round(v)) : "");
    }

    /** {@code 0.25}, {@code 1200}, {@code 3.2e-05}: at most 4 significant digits, no trailing zeros. */
    static String plain(double value) {
        if (value == 0 || Math.abs(value) < 1e-12) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            String text = String.format(Locale.ROOT, "%.4g", value);
            if (text.contains("e")) {
                return text;
            }
            text = new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
            return text;
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", value).split("e");
        String mantissa = new java.math.BigDecimal(parts[0]).stripTrailingZeros().toPlainString();
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** A log10 value's decade, {@code 1e-2}, or {@code ""} between decades. */
    static String decade(double log10) {
        return isWhole(log10) ? "1e" + Math.round(log10) : "";
    }

    private static boolean isWhole(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9 * Math.max(1, Math.abs(value));
    }

    private static final class TickFormat extends Format {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.DoubleFunction<String> formatter;

        TickFormat(java.util.function.DoubleFunction<String> formatter) {
            this.formatter = formatter;
        }

        @Override
        public StringBuffer format(Object value, StringBuffer into, FieldPosition position) {
            return into.append(formatter.apply(((Number) value).doubleValue()));
        }

        @Override
        public Object parseObject(String source, ParsePosition position) {
            // Not parsed back: SWTChart then shows the label (see the class comment).
            return null;
        }
    }
}
