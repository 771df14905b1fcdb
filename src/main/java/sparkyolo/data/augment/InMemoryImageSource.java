package sparkyolo.data.augment;

import java.util.List;

/** Images held as encoded bytes in memory, e.g. rows read from Parquet shards. */
public final class InMemoryImageSource implements ImageSource {
    /** @param labels rows {@code [cls, cx, cy, w, h]} normalized */
    public record Entry(String name, byte[] bytes, float[][] labels) {
    }

    private final List<Entry> entries;

    public InMemoryImageSource(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public String name(int index) {
        return entries.get(index).name();
    }

    @Override
    public float[][] labels(int index) {
        return entries.get(index).labels();
    }

    @Override
    public byte[] bytes(int index) {
        return entries.get(index).bytes();
    }
}
