package sparkyolo.prep;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;

/** The Spark task of the prepare job: {@link ImagePreparer} over the images of a partition. */
final class PreparePartition implements FlatMapFunction<Iterator<SourceItem>, PreparedImage> {
    private static final long serialVersionUID = 1L;
    private final HadoopConf conf;
    private final PrepareSettings settings;

    PreparePartition(HadoopConf conf, PrepareSettings settings) {
        this.conf = conf;
        this.settings = settings;
    }

    @Override
    public Iterator<PreparedImage> call(Iterator<SourceItem> items) {
        OpenCv.ensureLoaded();
        HadoopFiles files = conf.files();
        // Lazy, so that Spark can spill the persisted partition instead of holding all its bytes at once.
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public PreparedImage next() {
                return ImagePreparer.prepare(files, items.next(), settings);
            }
        };
    }
}
