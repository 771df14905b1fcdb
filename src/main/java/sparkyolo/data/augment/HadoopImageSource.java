package sparkyolo.data.augment;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import sparkyolo.data.ImageBytes;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.io.HadoopConf;

/**
 * Images read from any Hadoop file system (local, hdfs://, s3a://), from their files or from the
 * Parquet rows of a prepared dataset, with their labels known beforehand.
 */
public final class HadoopImageSource implements ImageSource, Serializable {
    private static final long serialVersionUID = 1L;

    private final HadoopConf conf;
    private final List<ImageRef> images;
    private final List<float[][]> labels;
    /** Created on first use in each JVM (not serializable); a racing double creation is harmless. */
    private transient volatile ImageBytes bytes;

    /** @param labels per image, rows {@code [cls, cx, cy, w, h]} normalized */
    private HadoopImageSource(HadoopConf conf, List<ImageRef> images, List<float[][]> labels) {
        if (images.size() != labels.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.size() + " label sets");
        }
        this.conf = conf;
        this.images = List.copyOf(images);
        this.labels = List.copyOf(labels);
    }

    /** The images of a scan that were usable; dataset index i is the i-th such record. */
    public static HadoopImageSource fromRecords(HadoopConf conf, List<ImageRecord> records) {
        List<ImageRecord> ok = records.stream().filter(ImageRecord::ok).toList();
        return new HadoopImageSource(conf, ok.stream().map(ImageRecord::image).toList(),
                ok.stream().map(ImageRecord::labels).toList());
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public String name(int index) {
        return images.get(index).name();
    }

    @Override
    public float[][] labels(int index) {
        return labels.get(index);
    }

    @Override
    public byte[] bytes(int index) throws IOException {
        ImageBytes b = bytes;
        if (b == null) {
            b = new ImageBytes(conf.files());
            bytes = b;
        }
        return b.read(images.get(index));
    }
}
