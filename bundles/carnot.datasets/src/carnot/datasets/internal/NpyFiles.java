package carnot.datasets.internal;

import carnot.api.datasets.DatasetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as specified in
 * {@code numpy/lib/format.py}, "NEP 1"): the magic string {@code \x93NUMPY}, a major and a minor
 * version byte, the header length (2 bytes little-endian in version 1, 4 bytes in versions 2
 * and 3), then the header, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 784), }} padded with spaces
 * and ending in a newline, then the raw array in the byte order its {@code descr} names.
 *
 * <p>Element types read: {@code f4}, {@code f8}, {@code u1}, {@code i1}, {@code i4}, {@code i8}
 * in either byte order; C (row-major) order only. Pure functions of the file.
 */
final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyFiles() {
    }

    /**
     * One array: its shape, its element type ({@code descr}) and its raw little- or big-endian
     * data, read element by element in C order.
     */
    record NpyArray(int[] shape, String descr, ByteBuffer data) {

        int count() {
            int count = 1;
            for (int dim : shape) {
                count *= dim;
            }
            return count;
        }

        /** Every element as a float (float64 and int64 values are rounded to the nearest float). */
        float[] floats() {
            float[] values = new float[count()];
            ByteBuffer in = data.duplicate().order(data.order());
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (descr.substring(1)) {
                    case "f4" -> in.getFloat();
                    case "f8" -> (float) in.getDouble();
                    case "u1" -> in.get() & 0xFF;
                    case "i1" -> in.get();
                    case "i4" -> in.getInt();
                    case "i8" -> in.getLong();
                    default -> throw new IllegalStateException(descr);
                };
            }
            return values;
        }

        /**
         * Every element as a long; a floating-point element must hold an integer value.
         *
         * @param file for the message
         */
        long[] longs(Path file) throws DatasetException {
            long[] values = new long[count()];
            ByteBuffer in = data.duplicate().order(data.order());
            for (int i = 0; i < values.length; i++) {
                double real;
                switch (descr.substring(1)) {
                    case "u1" -> values[i] = in.get() & 0xFF;
                    case "i1" -> values[i] = in.get();
                    case "i4" -> values[i] = in.getInt();
                    case "i8" -> values[i] = in.getLong();
                    case "f4", "f8" -> {
                        real = descr.endsWith("f4") ? in.getFloat() : in.getDouble();
                        if (real != Math.rint(real) || Math.abs(real) > 1e15) {
                            throw new DatasetException(file + ": element " + i + " is " + real + ", expected an "
                                    + "integer class label");
                        }
                        values[i] = (long) real;
                    }
                    default -> throw new IllegalStateException(descr);
                }
            }
            return values;
        }
    }

    static NpyArray read(Path file) throws DatasetException {
        return parse(file, DataFiles.readAllBytes(file));
    }

    static NpyArray parse(Path file, byte[] bytes) throws DatasetException {
        if (bytes.length < MAGIC.length + 2) {
            throw new DatasetException(file + ": not a .npy file: " + bytes.length + " bytes, shorter than the "
                    + "8-byte preamble");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new DatasetException(file + ": not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new DatasetException(file + ": .npy format version " + major + "." + minor
                    + " is not supported (1.0, 2.0, 3.0 are)");
        };
        int preamble = 8 + lengthBytes;
        if (bytes.length < preamble) {
            throw new DatasetException(file + ": truncated .npy file: " + bytes.length + " bytes end inside the "
                    + preamble + "-byte preamble");
        }
        ByteBuffer lengths = ByteBuffer.wrap(bytes, 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? lengths.getShort() & 0xFFFF : lengths.getInt() & 0xFFFFFFFFL;
        if (preamble + headerLength > bytes.length) {
            throw new DatasetException(file + ": truncated .npy file: the header promises " + headerLength
                    + " bytes after the " + preamble + "-byte preamble, but the file holds " + bytes.length + " bytes");
        }
        String header = new String(bytes, preamble, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new HeaderParser(file, header).dict();
        Object descrValue = dict.get("descr");
        Object fortranValue = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(descrValue instanceof String descr) || !(fortranValue instanceof Boolean fortran)
                || !(shapeValue instanceof List<?> shapeList)) {
            throw new DatasetException(file + ": .npy header needs 'descr' (a string), 'fortran_order' (True or False) "
                    + "and 'shape' (a tuple of integers), got: " + header.strip());
        }
        if (fortran) {
            throw new DatasetException(file + ": the array is stored in Fortran (column-major) order; save it in C order"
                    + " (numpy.ascontiguousarray) to read it");
        }
        int itemSize = itemSize(file, descr);
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long dim = (Long) shapeList.get(i);
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw new DatasetException(file + ": .npy shape " + shapeList + " has dimension " + dim);
            }
            shape[i] = (int) dim;
            count *= dim;
            if (count > Integer.MAX_VALUE - 8) {
                throw new DatasetException(file + ": .npy array of shape " + shapeList + " is too large to read");
            }
        }
        long dataStart = preamble + headerLength;
        long expected = count * itemSize;
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw new DatasetException(file + ": " + (actual < expected ? "truncated" : "malformed") + " .npy file: shape "
                    + describeShape(shape) + " of " + descr + " needs " + expected + " data bytes after the "
                    + dataStart + "-byte header, but the file holds " + actual);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) expected).slice()
                .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return new NpyArray(shape, descr, data);
    }

    private static int itemSize(Path file, String descr) throws DatasetException {
        if (descr.length() == 3) {
            char order = descr.charAt(0);
            String type = descr.substring(1);
            boolean oneByte = type.equals("u1") || type.equals("i1");
            boolean orderOk = oneByte ? order == '|' || order == '<' || order == '>' : order == '<' || order == '>';
            if (orderOk) {
                switch (type) {
                    case "u1", "i1":
                        return 1;
                    case "i4", "f4":
                        return 4;
                    case "i8", "f8":
                        return 8;
                    default:
                        break;
                }
            }
        }
        throw new DatasetException(file + ": .npy element type '" + descr + "' is not supported; supported: float32 "
                + "(<f4), float64 (<f8), uint8 (|u1), int8 (|i1), int32 (<i4), int64 (<i8), either byte order");
    }

    static String describeShape(int[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * The subset of Python literal syntax {@code .npy} headers use: a dict with string keys whose
     * values are strings, {@code True}/{@code False}, or tuples of integers.
     */
    private static final class HeaderParser {

        private final Path file;
        private final String text;
        private int at;

        HeaderParser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        Map<String, Object> dict() throws DatasetException {
            Map<String, Object> dict = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    at++;
                    break;
                }
                String key = string();
                expect(':');
                dict.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    break;
                }
            }
            skipSpace();
            if (at != text.length()) {
                throw error("unexpected text after the dict");
            }
            return dict;
        }

        private Object value() throws DatasetException {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (text.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            throw error("expected a string, True, False or a tuple");
        }

        private List<Long> tuple() throws DatasetException {
            expect('(');
            List<Long> values = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    at++;
                    return values;
                }
                values.add(integer());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(')');
                    return values;
                }
            }
        }

        private long integer() throws DatasetException {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw error("expected a non-negative integer");
            }
            long value;
            try {
                value = Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("integer out of range");
            }
            if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
                at++; // Python 2 long literal, written by old NumPy versions.
            }
            return value;
        }

        private String string() throws DatasetException {
            skipSpace();
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        private void expect(char c) throws DatasetException {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private char peek() throws DatasetException {
            if (at >= text.length()) {
                throw error("the header ends early");
            }
            return text.charAt(at);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private DatasetException error(String what) {
            return new DatasetException(file + ": malformed .npy header at character " + at + ": " + what + " in "
                    + text.strip());
        }
    }
}
