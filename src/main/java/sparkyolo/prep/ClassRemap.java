package sparkyolo.prep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.util.InvalidOptionException;

/**
 * The output classes: the source's, renamed by {@code --class-map} (old name → new name). Classes
 * mapped to the same name merge into one; the new classes are ordered by their first source
 * class, so an empty map leaves indices unchanged.
 *
 * @param names the output class names
 * @param table source class index → output class index
 */
public record ClassRemap(List<String> names, int[] table) implements Serializable {
    public static ClassRemap of(List<String> sourceNames, Map<String, String> map) {
        for (String from : map.keySet()) {
            if (!sourceNames.contains(from)) {
                throw new InvalidOptionException(PrepareOptions.CLASS_MAP,
                        "no class '" + from + "' in the source; its classes are " + sourceNames);
            }
        }
        int[] table = new int[sourceNames.size()];
        if (map.isEmpty()) {
            // Identity even when the source repeats a name: nothing asked to merge.
            for (int i = 0; i < table.length; i++) {
                table[i] = i;
            }
            return new ClassRemap(List.copyOf(sourceNames), table);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < table.length; i++) {
            String name = map.getOrDefault(sourceNames.get(i), sourceNames.get(i));
            table[i] = index.computeIfAbsent(name, n -> index.size());
        }
        return new ClassRemap(List.copyOf(new ArrayList<>(index.keySet())), table);
    }

    /** Whether two source classes became one (merged labels may then repeat). */
    public boolean merges() {
        return names.size() < table.length;
    }

    public int nc() {
        return names.size();
    }
}
