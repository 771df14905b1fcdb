package sparkyolo.train;

import java.util.List;

/**
 * One training batch as the loader delivers it.
 *
 * @param images    NCHW RGB floats in [0, 1]
 * @param targets   rows {@code [image index in batch, cls, cx, cy, w, h]}, normalized
 * @param waitNanos time the trainer waited for this batch (data-loading stall)
 */
public record TrainBatch(float[] images, int n, int height, int width, float[][] targets, List<String> paths,
        long waitNanos) {
}
