package sparkyolo.dist;

/** A contiguous owner slice [from, to) of a vector split into n near-equal parts (sizes differ by at most 1). */
public record SliceBounds(int from, int to) {
    public static SliceBounds of(int length, int parts, int index) {
        if (parts < 1 || index < 0 || index >= parts) {
            throw new IllegalArgumentException("slice " + index + " of " + parts);
        }
        int base = length / parts;
        int extra = length % parts;
        int from = index * base + Math.min(index, extra);
        return new SliceBounds(from, from + base + (index < extra ? 1 : 0));
    }

    public int length() {
        return to - from;
    }
}
