package sparkyolo.data.augment;

import java.util.List;

/**
 * One batch as the original's {@code collate_fn} makes it.
 *
 * @param number    position of the batch in the epoch, from 0
 * @param images    N×3×H×W float32, RGB, values / 255, C order
 * @param targets   rows {@code [i, cls, cx, cy, w, h]}: i is the image's position in the batch,
 *                  the box normalized to the image
 * @param paths     the image names, in batch order
 * @param waitNanos how long the consumer waited for this batch (data-wait time)
 */
public record Batch(int number, float[] images, int size, int height, int width, float[][] targets,
        List<String> paths, long waitNanos) {

    /** {N, 3, H, W}. */
    public long[] shape() {
        return new long[] {size, 3, height, width};
    }

    Batch withWaitNanos(long nanos) {
        return new Batch(number, images, size, height, width, targets, paths, nanos);
    }
}
