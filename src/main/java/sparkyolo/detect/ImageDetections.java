package sparkyolo.detect;

import java.io.Serializable;

/**
 * The detections of one image, in original-image pixels, or the reason it was skipped.
 *
 * @param detections rows {@code [x1, y1, x2, y2, conf, cls]}
 * @param error      null, or why the image could not be processed
 * @param nanos      preprocess, inference and NMS time
 */
public record ImageDetections(String path, int width, int height, float[][] detections, String error, long[] nanos)
        implements Serializable {
    public static ImageDetections failed(String path, String error) {
        return new ImageDetections(path, 0, 0, new float[0][], error, new long[3]);
    }

    public boolean ok() {
        return error == null;
    }
}
