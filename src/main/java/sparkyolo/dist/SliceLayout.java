package sparkyolo.dist;

/**
 * The split of a flat vector of {@code size} elements into {@code parts} contiguous owner slices
 * whose sizes differ by at most one (the first {@code size % parts} slices are one longer).
 * Slice {@code r} is owned by rank {@code r}.
 */
public final class SliceLayout {
    private final int size;
    private final int parts;
    private final int base;
    private final int longer;

    public SliceLayout(int size, int parts) {
        if (size < 0 || parts < 1) {
            throw new IllegalArgumentException("need size >= 0 and parts >= 1, got " + size + " and " + parts);
        }
        this.size = size;
        this.parts = parts;
        this.base = size / parts;
        this.longer = size % parts;
    }

    public int size() {
        return size;
    }

    public int parts() {
        return parts;
    }

    public int offset(int rank) {
        check(rank);
        return rank * base + Math.min(rank, longer);
    }

    public int length(int rank) {
        check(rank);
        return base + (rank < longer ? 1 : 0);
    }

    private void check(int rank) {
        if (rank < 0 || rank >= parts) {
            throw new IndexOutOfBoundsException("rank " + rank + " of " + parts);
        }
    }
}
