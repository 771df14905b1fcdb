package sparkyolo.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the images of a source; an image listed by several splits becomes one item with all of them. */
final class ItemsByPath {
    private record Entry(String id, List<String> splits, SourceLabels labels) {
    }

    private final Map<String, Entry> byPath = new TreeMap<>();

    /** Adds {@code split} to the image at {@code path}; the id and labels of its first listing are kept. */
    void add(String path, String id, String split, SourceLabels labels) {
        Entry e = byPath.computeIfAbsent(path, p -> new Entry(id, new ArrayList<>(), labels));
        if (!e.splits().contains(split)) {
            e.splits().add(split);
        }
    }

    boolean contains(String path) {
        return byPath.containsKey(path);
    }

    /** The items in path order, indexed by that order. */
    List<SourceItem> build() {
        List<SourceItem> items = new ArrayList<>(byPath.size());
        for (Map.Entry<String, Entry> e : byPath.entrySet()) {
            Entry v = e.getValue();
            items.add(new SourceItem(items.size(), v.id(), e.getKey(), v.splits(), v.labels()));
        }
        return items;
    }
}
