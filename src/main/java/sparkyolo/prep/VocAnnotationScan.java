package sparkyolo.prep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;

/** A Spark job that reads and parses VOC annotation files; a file that fails is returned with its error. */
final class VocAnnotationScan {
    private VocAnnotationScan() {
    }

    static List<VocAnnotation> run(JavaSparkContext sc, List<String> xmlPaths) {
        if (xmlPaths.isEmpty()) {
            return List.of();
        }
        int partitions = Math.max(1, Math.min(xmlPaths.size(), sc.defaultParallelism() * 4));
        return sc.parallelize(xmlPaths, partitions)
                .mapPartitions(new ParsePartition(new HadoopConf(sc.hadoopConfiguration())))
                .collect();
    }

    private static final class ParsePartition implements FlatMapFunction<Iterator<String>, VocAnnotation> {
        private static final long serialVersionUID = 1L;
        private final HadoopConf conf;

        ParsePartition(HadoopConf conf) {
            this.conf = conf;
        }

        @Override
        public Iterator<VocAnnotation> call(Iterator<String> paths) {
            HadoopFiles files = conf.files();
            List<VocAnnotation> out = new ArrayList<>();
            while (paths.hasNext()) {
                String path = paths.next();
                try {
                    out.add(VocXml.parse(files.readAllBytes(path), path));
                } catch (IOException e) {
                    out.add(VocAnnotation.failed(path, "could not be read: " + e.getMessage()));
                }
            }
            return out.iterator();
        }
    }
}
