package sparkyolo.data.augment;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import sparkyolo.eval.ImageRecord;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.HadoopConf;

/** Images read from any Hadoop file system path (local, hdfs://, s3a://) with their labels known beforehand. */
public final class HadoopImageSource implements ImageSource, Serializable {
    private static final long serialVersionUID = 1L;

    private final HadoopConf conf;
    private final List<String> paths;
    private final List<float[][]> labels;
    /** Created on first use in each JVM (HadoopFiles is not serializable); a racing double creation is harmless. */
    private transient volatile HadoopFiles files;

    /** @param labels per path, rows {@code [cls, cx, cy, w, h]} normalized */
    public HadoopImageSource(HadoopConf conf, List<String> paths, List<float[][]> labels) {
        if (paths.size() != labels.size()) {
            throw new IllegalArgumentException(paths.size() + " paths but " + labels.size() + " label sets");
        }
        this.conf = conf;
        this.paths = List.copyOf(paths);
        this.labels = List.copyOf(labels);
    }

    /** The images of a {@code DatasetScan} that were usable; dataset index i is the i-th such record. */
    public static HadoopImageSource fromRecords(HadoopConf conf, List<ImageRecord> records) {
        List<ImageRecord> ok = records.stream().filter(ImageRecord::ok).toList();
        return new HadoopImageSource(conf, ok.stream().map(ImageRecord::path).toList(),
                ok.stream().map(ImageRecord::labels).toList());
    }

    @Override
    public int size() {
        return paths.size();
    }

    @Override
    public String name(int index) {
        return paths.get(index);
    }

    @Override
    public float[][] labels(int index) {
        return labels.get(index);
    }

    @Override
    public byte[] bytes(int index) throws IOException {
        HadoopFiles f = files;
        if (f == null) {
            f = conf.files();
            files = f;
        }
        return f.readAllBytes(paths.get(index));
    }
}
