package sparkyolo.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import sparkyolo.image.ImageTensors;
import sparkyolo.model.YoloModel;

/** Inference and NMS for batches of letterboxed images of one size. */
public final class Predictor {
    private final YoloModel model;

    public Predictor(YoloModel model) {
        this.model = model;
    }

    /** Timings of the last call, in nanoseconds. */
    public record Timing(long preprocess, long inference, long nms) {
    }

    private Timing last = new Timing(0, 0, 0);

    /**
     * @param images BGR uint8 images, all of the same size (multiples of the model stride)
     * @return per image, rows {@code [x1, y1, x2, y2, conf, cls]} in input pixels
     */
    public List<float[][]> predict(List<Mat> images, NmsOptions nms) {
        long t0 = System.nanoTime();
        int h = images.get(0).rows();
        int w = images.get(0).cols();
        float[] pixels = ImageTensors.toNchwRgb(images);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(pixels, new Shape(images.size(), 3, h, w));
            long t1 = System.nanoTime();
            NDArray out = model.predict(x);
            int rows = (int) out.getShape().get(1);
            int rowLength = (int) out.getShape().get(2);
            float[] decoded = out.toFloatArray();
            long t2 = System.nanoTime();
            List<float[][]> result = new ArrayList<>(images.size());
            for (int b = 0; b < images.size(); b++) {
                result.add(Nms.apply(decoded, b * rows * rowLength, rows, rowLength, nms));
            }
            last = new Timing(t1 - t0, t2 - t1, System.nanoTime() - t2);
            return result;
        }
    }

    public Timing lastTiming() {
        return last;
    }
}
