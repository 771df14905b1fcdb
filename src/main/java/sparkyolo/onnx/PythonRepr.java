package sparkyolo.onnx;

import java.util.List;

/**
 * Python's {@code str()} of a list of strings, as the original's exporter writes the class names
 * into the ONNX metadata ({@code str(model.names)}), so that readers which parse it with Python's
 * literal syntax get the same list.
 */
final class PythonRepr {
    private PythonRepr() {
    }

    static String list(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(string(items.get(i)));
        }
        return b.append(']').toString();
    }

    /** {@code repr(str)}: single quotes unless the text holds a single quote and no double quote. */
    static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(quote).toString();
    }
}
