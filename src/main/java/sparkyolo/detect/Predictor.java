package sparkyolo.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;
import sparkyolo.engine.Engines;
import sparkyolo.image.ImageTensors;
import sparkyolo.image.Letterbox;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.model.YoloNetwork;

/** Inference (on either engine) and NMS for batches of letterboxed images of one size. */
public final class Predictor {
    private final InferenceNetwork model;
    private Timing last = new Timing(0, 0, 0);

    public Predictor(InferenceNetwork model) {
        this.model = model;
    }

    /** Timings of the last call, in nanoseconds. */
    public record Timing(long preprocess, long inference, long nms) {
        Timing plus(Timing o) {
            return new Timing(preprocess + o.preprocess, inference + o.inference, nms + o.nms);
        }
    }

    /**
     * One decoded image as detect.py treats it: letterboxed to the minimum stride-multiple
     * rectangle whose long side is {@code imgSize}, inferred, and the boxes scaled back.
     *
     * @param imgSize a multiple of the model's stride
     * @return rows {@code [x1, y1, x2, y2, conf, cls]} in the pixels of {@code image}
     */
    public float[][] detect(Mat image, int imgSize, NmsOptions nms) {
        return detect(List.of(image), imgSize, nms).get(0);
    }

    /**
     * {@link #detect(Mat, int, NmsOptions)} for several images: each letterboxed to its own minimum
     * rectangle, images of the same rectangle inferred together (as many in a pass as the network
     * takes: one on CPU, all on a GPU).
     *
     * @return per image, rows {@code [x1, y1, x2, y2, conf, cls]} in the pixels of that image
     */
    public List<float[][]> detect(List<Mat> images, int imgSize, NmsOptions nms) {
        List<Letterbox.Result> boxed = new ArrayList<>(images.size());
        for (Mat image : images) {
            boxed.add(Letterbox.apply(image, imgSize, imgSize, Letterbox.DEFAULT_COLOR, true, false, true,
                    model.maxStride()));
        }
        try {
            Map<List<Integer>, List<Integer>> byShape = new LinkedHashMap<>();
            for (int i = 0; i < boxed.size(); i++) {
                Mat lb = boxed.get(i).image();
                byShape.computeIfAbsent(List.of(lb.rows(), lb.cols()), k -> new ArrayList<>()).add(i);
            }
            float[][][] dets = new float[images.size()][][];
            Timing total = new Timing(0, 0, 0);
            for (Map.Entry<List<Integer>, List<Integer>> group : byShape.entrySet()) {
                List<float[][]> found = predict(group.getValue().stream().map(i -> boxed.get(i).image()).toList(), nms);
                total = total.plus(last);
                for (int k = 0; k < found.size(); k++) {
                    int i = group.getValue().get(k);
                    Boxes.scaleCoords(new int[] {group.getKey().get(0), group.getKey().get(1)}, found.get(k),
                            new int[] {images.get(i).rows(), images.get(i).cols()}, null);
                    dets[i] = found.get(k);
                }
            }
            last = total;
            return List.of(dets);
        } finally {
            boxed.forEach(b -> b.image().release());
        }
    }

    /**
     * @param images BGR uint8 images, all of the same size (multiples of the model stride)
     * @return per image, rows {@code [x1, y1, x2, y2, conf, cls]} in input pixels
     */
    public List<float[][]> predict(List<Mat> images, NmsOptions nms) {
        return predict(images, nms, null);
    }

    /** Receives the raw Detect outputs of each image (one array per level, (1, na, ny, nx, no) in C order). */
    public interface RawOutputs {
        void accept(int image, List<float[]> levels, List<long[]> shapes);
    }

    /**
     * As {@link #predict(List, NmsOptions)}, also handing each image's raw outputs to {@code raw}
     * (if not null; the pytorch engine only).
     */
    public List<float[][]> predict(List<Mat> images, NmsOptions nms, RawOutputs raw) {
        if (raw != null && !(model instanceof YoloNetwork)) {
            throw new IllegalArgumentException("raw Detect outputs need the pytorch engine, not " + model.engine());
        }
        int chunk = model.maxBatch();
        List<float[][]> all = new ArrayList<>(images.size());
        Timing total = new Timing(0, 0, 0);
        for (int i = 0; i < images.size(); i += chunk) {
            total = total.plus(predictPass(images.subList(i, Math.min(images.size(), i + chunk)), nms, all, raw, i));
        }
        last = total;
        return all;
    }

    /**
     * As {@link #predict(List, NmsOptions)}, for {@code n} images already in the model's input
     * layout: N×3×H×W float32, RGB, values / 255, C order (see {@link ImageTensors}).
     */
    public List<float[][]> predict(float[] pixels, int n, int h, int w, NmsOptions nms) {
        int chunk = Math.min(n, model.maxBatch());
        int plane = 3 * h * w;
        List<float[][]> all = new ArrayList<>(n);
        Timing total = new Timing(0, 0, 0);
        for (int i = 0; i < n; i += chunk) {
            int count = Math.min(n, i + chunk) - i;
            float[] part = count == n ? pixels : java.util.Arrays.copyOfRange(pixels, i * plane, (i + count) * plane);
            total = total.plus(predictPass(part, count, h, w, nms, all, null, i, System.nanoTime()));
        }
        last = total;
        return all;
    }

    private Timing predictPass(List<Mat> images, NmsOptions nms, List<float[][]> out, RawOutputs rawSink, int first) {
        long t0 = System.nanoTime();
        float[] pixels = ImageTensors.toNchwRgb(images);
        return predictPass(pixels, images.size(), images.get(0).rows(), images.get(0).cols(), nms, out, rawSink, first, t0);
    }

    /** One forward pass and NMS; the preprocessing time counts from {@code t0}. */
    private Timing predictPass(float[] pixels, int n, int h, int w, NmsOptions nms, List<float[][]> out,
            RawOutputs rawSink, int first, long t0) {
        long t1 = System.nanoTime();
        float[] values = rawSink == null ? model.predict(pixels, n, h, w)
                : predictHandingOverRaw((YoloNetwork) model, pixels, n, h, w, rawSink, first);
        int rowLength = model.rowLength();
        int rows = values.length / n / rowLength;
        long t2 = System.nanoTime();
        for (int b = 0; b < n; b++) {
            out.add(Nms.apply(values, b * rows * rowLength, rows, rowLength, nms));
        }
        return new Timing(t1 - t0, t2 - t1, System.nanoTime() - t2);
    }

    private static float[] predictHandingOverRaw(YoloNetwork model, float[] pixels, int n, int h, int w,
            RawOutputs sink, int first) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(pixels, new Shape(n, 3, h, w));
            return Engines.withoutGrad(() -> {
                NDList raw = model.forward(x, false);
                handOver(raw, n, sink, first);
                return model.detect().decode(raw);
            }).toFloatArray();
        }
    }

    private static void handOver(NDList raw, int n, RawOutputs sink, int first) {
        List<float[]> all = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (NDArray level : raw) {
            all.add(level.toFloatArray());
            long[] s = level.getShape().getShape().clone();
            s[0] = 1;
            shapes.add(s);
        }
        for (int b = 0; b < n; b++) {
            List<float[]> mine = new ArrayList<>();
            for (float[] level : all) {
                int per = level.length / n;
                mine.add(java.util.Arrays.copyOfRange(level, b * per, (b + 1) * per));
            }
            sink.accept(first + b, mine, shapes);
        }
    }

    public Timing lastTiming() {
        return last;
    }
}
