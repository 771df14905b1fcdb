package sparkyolo.detect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.data.ImageBytes;
import sparkyolo.data.ImageRef;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.spark.ModelPool;

/**
 * The task of a detection job: for each image of the partition (a file or a Parquet row), decode, letterbox
 * (minimum rectangle), infer, NMS, scale boxes back, and write the outputs under the run
 * directory. A damaged image is reported and skipped; it never fails the task.
 */
public final class DetectPartition implements FlatMapFunction<Iterator<ImageRef>, ImageDetections> {
    private static final long serialVersionUID = 1L;
    /** Images read at once when the network takes whole batches (a GPU). */
    static final int GPU_GROUP = 32;
    private final Broadcast<byte[]> weights;
    private final java.util.List<String> names;
    private final DetectOptions options;
    private final String runDir;
    private final HadoopConf conf;
    private final int threads;

    public DetectPartition(Broadcast<byte[]> weights, List<String> names, DetectOptions options, String runDir,
            HadoopConf conf, int threads) {
        this.weights = weights;
        this.names = List.copyOf(names);
        this.options = options;
        this.runDir = runDir;
        this.conf = conf;
        this.threads = threads;
    }

    @Override
    public Iterator<ImageDetections> call(Iterator<ImageRef> images) {
        OpenCv.ensureLoaded();
        HadoopFiles files = conf.files();
        ImageBytes bytes = new ImageBytes(files);
        InferenceNetwork model = ModelPool.borrow(weights, options.engine(), threads);
        List<ImageDetections> out = new ArrayList<>();
        try {
            Predictor predictor = new Predictor(model);
            // A GPU infers images of the same letterboxed shape together: read them a group at a time.
            int group = model.maxBatch() > 1 ? GPU_GROUP : 1;
            List<ImageRef> refs = new ArrayList<>(group);
            while (images.hasNext()) {
                refs.add(images.next());
                if (refs.size() == group || !images.hasNext()) {
                    detectGroup(refs, predictor, bytes, files, out);
                    refs.clear();
                }
            }
        } finally {
            ModelPool.giveBack(weights, model);
        }
        return out.iterator();
    }

    private void detectGroup(List<ImageRef> refs, Predictor predictor, ImageBytes bytes, HadoopFiles files,
            List<ImageDetections> out) {
        List<String> paths = new ArrayList<>();
        List<Mat> decoded = new ArrayList<>();
        for (ImageRef ref : refs) {
            String path = ref.name();
            try {
                decoded.add(ImageDecoder.decode(bytes.read(ref), path));
                paths.add(path);
            } catch (BadImageException e) {
                out.add(ImageDetections.failed(path, e.getMessage()));
            } catch (IOException e) {
                // File system errors mostly name the file already (HadoopFiles' "PATH: file not found").
                String message = String.valueOf(e.getMessage());
                out.add(ImageDetections.failed(path, message.contains(path) ? message : ref + ": " + message));
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        try {
            List<float[][]> dets = predictor.detect(decoded, options.imgSize(), options.nms());
            Predictor.Timing t = predictor.lastTiming();
            long[] perImage = {t.preprocess() / decoded.size(), t.inference() / decoded.size(), t.nms() / decoded.size()};
            for (int i = 0; i < decoded.size(); i++) {
                Mat image = decoded.get(i);
                String path = paths.get(i);
                try {
                    writeOutputs(path, image, dets.get(i), files);
                    out.add(new ImageDetections(path, image.cols(), image.rows(), dets.get(i), null, perImage));
                } catch (IOException e) {
                    out.add(ImageDetections.failed(path, path + ": could not write outputs: " + e.getMessage()));
                }
            }
        } finally {
            decoded.forEach(Mat::release);
        }
    }

    private void writeOutputs(String path, Mat image, float[][] dets, HadoopFiles files) throws IOException {
        String stem = HadoopFiles.stem(path);
        if (options.saveTxt()) {
            files.writeAtomically(HadoopFiles.resolve(runDir, "labels/" + stem + ".txt"),
                    DetectionFormats.yoloTxt(dets, image.cols(), image.rows(), options.saveConf())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (options.saveImages()) {
            Annotator.draw(image, dets, names);
            String name = HadoopFiles.fileName(path);
            MatOfByte encoded = new MatOfByte();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')) : ".jpg";
            if (!Imgcodecs.imencode(ext, image, encoded)) {
                Imgcodecs.imencode(".jpg", image, encoded);
                name = stem + ".jpg";
            }
            files.writeAtomically(HadoopFiles.resolve(runDir, name), encoded.toArray());
            encoded.release();
        }
    }
}
