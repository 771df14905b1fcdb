package sparkyolo.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's {@code %g} number formatting, used where outputs must read like the original's. */
public final class PyFormat {
    private PyFormat() {
    }

    /** {@code '%.<precision>g' % value}: significant digits, trailing zeros removed, exponent when large/small. */
    public static String g(double value, int precision) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        int p = Math.max(precision, 1);
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= p) {
            String mantissa = stripZeros(rounded.movePointLeft(exponent).setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString());
            return mantissa + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
        }
        return stripZeros(rounded.setScale(Math.max(p - 1 - exponent, 0), RoundingMode.HALF_EVEN).toPlainString());
    }

    /** {@code '%g' % value} (six significant digits). */
    public static String g(double value) {
        return g(value, 6);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
