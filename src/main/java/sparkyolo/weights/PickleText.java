package sparkyolo.weights;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses the text-form arguments of protocol 0 opcodes (INT, LONG, FLOAT, STRING, UNICODE).
 * Lines arrive as Latin-1 strings, one char per byte.
 */
final class PickleText {
    private PickleText() {
    }

    /** INT: a decimal int, or {@code 00} / {@code 01} for False / True. */
    static Object intLine(String line) {
        return switch (line) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> PickleValues.integer(new BigInteger(line.trim()));
        };
    }

    /** LONG: a decimal int with an optional Python 2 {@code L} suffix. */
    static Number longLine(String line) {
        String digits = line.endsWith("L") ? line.substring(0, line.length() - 1) : line;
        return PickleValues.integer(new BigInteger(digits.trim()));
    }

    /** FLOAT: Python's repr of a float, including {@code inf} and {@code nan}. */
    static double floatLine(String line) {
        String s = line.trim().toLowerCase();
        return switch (s) {
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** STRING: a quoted Python 2 str literal with backslash escapes, decoded as UTF-8 (as torch.load does). */
    static String quotedLine(String line) {
        if (line.length() < 2 || line.charAt(0) != line.charAt(line.length() - 1)
                || (line.charAt(0) != '\'' && line.charAt(0) != '"')) {
            throw new IllegalArgumentException("STRING argument is not quoted: " + line);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = line.substring(1, line.length() - 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = i;
                    while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.write(Integer.parseInt(s.substring(i, end), 8));
                    i = end - 1;
                }
                case '\\', '\'', '"' -> out.write(e);
                default -> {
                    out.write('\\');
                    out.write(e);
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** UNICODE: raw-unicode-escape, i.e. Latin-1 with {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes. */
    static String rawUnicodeEscapeLine(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int digits = c == '\\' && i + 1 < line.length()
                    ? (line.charAt(i + 1) == 'u' ? 4 : line.charAt(i + 1) == 'U' ? 8 : 0) : 0;
            if (digits == 0) {
                out.append(c);
            } else {
                out.appendCodePoint(Integer.parseInt(line.substring(i + 2, i + 2 + digits), 16));
                i += 1 + digits;
            }
        }
        return out.toString();
    }
}
