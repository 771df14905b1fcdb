package sparkyolo.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stands in for Zeppelin's {@code z} (ZeppelinContext) in the REPL: the note forms a notebook asks
 * for get the values a test gives, as a user types them into the form.
 */
public final class NoteForms {
    private final Map<String, String> values;
    private final List<String> asked = new ArrayList<>();

    NoteForms(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Zeppelin 0.10's {@code ZeppelinContext.noteTextbox(String name, String defaultValue)}. */
    public Object noteTextbox(String name, String defaultValue) {
        asked.add(name);
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("the test gives no value for note form " + name);
        }
        return values.get(name);
    }

    List<String> asked() {
        return List.copyOf(asked);
    }
}
