package sparkyolo.scan;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.opencv.core.Mat;
import scala.Tuple2;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.data.LabelPaths;
import sparkyolo.data.YoloLabels;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;

/**
 * A Spark job that checks every image of a split (decodes it, reads its size) and parses its
 * YOLO label file, as the original's label cache does. Bad images and bad label lines are
 * reported, never fatal.
 */
public final class DatasetScan {
    public static final String JOB_GROUP = "sparkyolo-scan";

    private DatasetScan() {
    }

    public static List<ImageRecord> run(JavaSparkContext sc, List<String> images, int nc) {
        List<Tuple2<Integer, String>> indexed = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            indexed.add(new Tuple2<>(i, images.get(i)));
        }
        int partitions = Math.max(1, Math.min(images.size(), sc.defaultParallelism() * 4));
        sc.setJobGroup(JOB_GROUP, "scan " + images.size() + " images", false);
        try {
            return sc.parallelize(indexed, partitions)
                    .mapPartitions(new ScanPartition(new HadoopConf(sc.hadoopConfiguration()), nc))
                    .collect();
        } finally {
            sc.clearJobGroup();
        }
    }

    /** The task: decode and label-parse each image of the partition. */
    static final class ScanPartition implements FlatMapFunction<Iterator<Tuple2<Integer, String>>, ImageRecord> {
        private static final long serialVersionUID = 1L;
        private final HadoopConf conf;
        private final int nc;

        ScanPartition(HadoopConf conf, int nc) {
            this.conf = conf;
            this.nc = nc;
        }

        @Override
        public Iterator<ImageRecord> call(Iterator<Tuple2<Integer, String>> it) {
            OpenCv.ensureLoaded();
            HadoopFiles files = conf.files();
            List<ImageRecord> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Integer, String> t = it.next();
                out.add(scan(files, t._1(), t._2(), nc));
            }
            return out.iterator();
        }
    }

    static ImageRecord scan(HadoopFiles files, int index, String path, int nc) {
        int h;
        int w;
        try {
            Mat image = ImageDecoder.decode(files.readAllBytes(path), path);
            h = image.rows();
            w = image.cols();
            image.release();
        } catch (BadImageException e) {
            return new ImageRecord(index, path, 0, 0, new float[0][], List.of(), e.getMessage());
        } catch (IOException e) {
            return new ImageRecord(index, path, 0, 0, new float[0][], List.of(), path + ": " + e.getMessage());
        }
        String labelPath = LabelPaths.labelPathFor(path);
        String text;
        try {
            text = files.readString(labelPath);
        } catch (FileNotFoundException e) {
            text = null;
        } catch (IOException e) {
            return new ImageRecord(index, path, h, w, new float[0][], List.of(),
                    labelPath + ": unreadable label file: " + e.getMessage());
        }
        YoloLabels labels = YoloLabels.parse(text, labelPath, nc);
        return new ImageRecord(index, ImageRef.file(path), h, w, labels.rows(),
                labels.problems().stream().map(Object::toString).toList(), null, labels.info());
    }
}
