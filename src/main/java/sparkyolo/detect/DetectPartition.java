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
            while (images.hasNext()) {
                out.add(detectOne(images.next(), predictor, bytes, files));
            }
        } finally {
            ModelPool.giveBack(weights, model);
        }
        return out.iterator();
    }

    private ImageDetections detectOne(ImageRef ref, Predictor predictor, ImageBytes bytes, HadoopFiles files) {
        String path = ref.name();
        Mat image;
        try {
            image = ImageDecoder.decode(bytes.read(ref), path);
        } catch (BadImageException e) {
            return ImageDetections.failed(path, e.getMessage());
        } catch (IOException e) {
            // File system errors mostly name the file already (HadoopFiles' "PATH: file not found").
            String message = String.valueOf(e.getMessage());
            return ImageDetections.failed(path, message.contains(path) ? message : ref + ": " + message);
        }
        try {
            float[][] dets = predictor.detect(image, options.imgSize(), options.nms());
            Predictor.Timing t = predictor.lastTiming();
            writeOutputs(path, image, dets, files);
            return new ImageDetections(path, image.cols(), image.rows(), dets, null,
                    new long[] {t.preprocess(), t.inference(), t.nms()});
        } catch (IOException e) {
            return ImageDetections.failed(path, path + ": could not write outputs: " + e.getMessage());
        } finally {
            image.release();
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
