package sparkyolo.prep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the images of a split, in path order, are cut into Parquet files: consecutive runs of a
 * fixed number of images, or consecutive runs that fill a target of image bytes (a file ends
 * before the image that would take it past the target, so only a single large image exceeds it).
 *
 * @param starts the position of each file's first image, ascending, starting at 0
 */
record ShardPlan(int[] starts) implements Serializable {
    static ShardPlan byRows(int images, int rowsPerFile) {
        int files = Math.max(1, (images + rowsPerFile - 1) / rowsPerFile);
        int[] starts = new int[files];
        for (int f = 0; f < files; f++) {
            starts[f] = f * rowsPerFile;
        }
        return new ShardPlan(starts);
    }

    static ShardPlan byBytes(long[] sizes, long targetBytes) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        long filled = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (filled > 0 && filled + sizes[i] > targetBytes) {
                starts.add(i);
                filled = 0;
            }
            filled += sizes[i];
        }
        return new ShardPlan(starts.stream().mapToInt(Integer::intValue).toArray());
    }

    static ShardPlan of(List<PreparedImage> images, PrepareOptions o) {
        if (o.rowsPerFile() > 0) {
            return byRows(images.size(), o.rowsPerFile());
        }
        long[] sizes = images.stream().mapToLong(PreparedImage::encodedSize).toArray();
        return byBytes(sizes, (long) (o.mbPerFile() * 1024 * 1024));
    }

    int files() {
        return starts.length;
    }

    /** The file holding the image at {@code position}. */
    int fileOf(int position) {
        int i = Arrays.binarySearch(starts, position);
        return i >= 0 ? i : -i - 2;
    }
}
