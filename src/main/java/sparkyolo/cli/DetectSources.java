package sparkyolo.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageFiles;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.io.HadoopFiles;
import sparkyolo.scan.PreparedScan;

/**
 * The images of detect's {@code --source}: those {@link ImageFiles} lists, or those of a dataset
 * YAML (image files, or the rows of a prepared Parquet dataset) — one split, or all of them in
 * train, val, test order with each image once (an image in several splits is detected once).
 */
final class DetectSources {
    private DetectSources() {
    }

    /** @param split a dataset YAML's split, or null for all */
    static List<ImageRef> list(SparkSession spark, HadoopFiles files, String source, String split) throws IOException {
        String lower = source.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            if (split != null) {
                throw new IllegalArgumentException("--split applies to a dataset YAML source, not " + source);
            }
            return ImageFiles.list(files, source).stream().map(ImageRef::file).toList();
        }
        DatasetConfig dataset = DatasetConfig.load(files, source);
        Map<String, ImageRef> byName = new LinkedHashMap<>();
        for (String s : split == null ? dataset.splits() : List.of(split)) {
            List<ImageRef> images = dataset.isParquet()
                    ? PreparedScan.run(spark, dataset.parquetFiles(files, s), dataset.nc()).stream().map(ImageRecord::image).toList()
                    : dataset.images(files, s).stream().map(ImageRef::file).toList();
            images.forEach(i -> byName.putIfAbsent(i.name(), i));
        }
        return List.copyOf(byName.values());
    }
}
