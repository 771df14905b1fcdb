package sparkyolo.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance of a whitelisted Python class (a model module such as {@code models.yolo.Model}
 * or {@code torch.nn.modules.conv.Conv2d}) kept as plain data: its class name and the attribute
 * dict that BUILD ({@code __setstate__}) gave it. The class itself is never instantiated.
 */
public final class PickleObject {
    private final String className;
    private final Map<String, Object> state = new LinkedHashMap<>();

    PickleObject(String className) {
        this.className = className;
    }

    /** Qualified Python class name, e.g. {@code models.common.Conv}. */
    public String className() {
        return className;
    }

    /** The attributes in pickle order (read-only). */
    public Map<String, Object> state() {
        return Collections.unmodifiableMap(state);
    }

    /** One attribute, or null when absent (or None). */
    public Object get(String attribute) {
        return state.get(attribute);
    }

    /**
     * Applies BUILD: a state dict, or the {@code (dict, slots dict)} pair Python uses for
     * objects with {@code __slots__}.
     */
    void setState(Object newState) {
        if (newState instanceof List<?> pair && pair.size() == 2) {
            if (pair.get(0) != null) {
                setState(pair.get(0));
            }
            if (pair.get(1) != null) {
                setState(pair.get(1));
            }
            return;
        }
        if (!(newState instanceof Map<?, ?> attributes)) {
            throw new IllegalArgumentException("state of " + className + " is not a dict");
        }
        for (Map.Entry<?, ?> e : attributes.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("attribute name of " + className + " is not a string: " + e.getKey());
            }
            state.put(key, e.getValue());
        }
    }

    @Override
    public String toString() {
        return className + state.keySet();
    }
}
