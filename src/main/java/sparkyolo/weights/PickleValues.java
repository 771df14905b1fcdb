package sparkyolo.weights;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers for the Java values {@link RestrictedUnpickler} builds (its class comment lists them). */
final class PickleValues {
    private PickleValues() {
    }

    /** A Python int: {@link Long} when it fits, else {@link BigInteger}. */
    static Number integer(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    static List<Object> tuple(Collection<?> items) {
        return Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    /** True for None, bool, int, float, str and lists/tuples/sets/dicts of those (without cycles). */
    static boolean isPlain(Object v) {
        return isPlain(v, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isPlain(Object v, Set<Object> enclosing) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return true;
        }
        if (!(v instanceof Collection<?> || v instanceof Map<?, ?>) || !enclosing.add(v)) {
            return false;
        }
        boolean plain = v instanceof Collection<?> c
                ? c.stream().allMatch(x -> isPlain(x, enclosing))
                : ((Map<?, ?>) v).entrySet().stream()
                        .allMatch(e -> isPlain(e.getKey(), enclosing) && isPlain(e.getValue(), enclosing));
        enclosing.remove(v);
        return plain;
    }

    /** A short description of a value's Python type for error messages. */
    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof PickleObject o) {
            return "a " + o.className() + " object";
        }
        if (v instanceof PickleGlobal g) {
            return "'" + g + "'";
        }
        if (v instanceof Map<?, ?>) {
            return "a dict";
        }
        if (v instanceof Collection<?>) {
            return "a " + (v instanceof List<?> ? "list or tuple" : "set");
        }
        if (v instanceof TorchTensor) {
            return "a tensor";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        String text = String.valueOf(v);
        return "a " + v.getClass().getSimpleName() + " (" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + ")";
    }
}
