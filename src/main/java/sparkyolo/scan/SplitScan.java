package sparkyolo.scan;

import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageRecord;
import sparkyolo.io.HadoopFiles;

/** The scanned images of a dataset split: its image files ({@link DatasetScan}) or its Parquet rows ({@link PreparedScan}). */
public final class SplitScan {
    private SplitScan() {
    }

    /** @return the split's images in dataset order (record index = position) */
    public static List<ImageRecord> run(SparkSession spark, HadoopFiles files, DatasetConfig dataset, String split)
            throws IOException {
        if (dataset.isParquet()) {
            return PreparedScan.run(spark, dataset.parquetFiles(files, split), dataset.nc());
        }
        return DatasetScan.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), dataset.images(files, split),
                dataset.nc());
    }

    /** Whether two splits read the same files (then one scan serves both). */
    public static boolean sameFiles(HadoopFiles files, DatasetConfig dataset, String a, String b) throws IOException {
        return dataset.isParquet()
                ? dataset.parquetFiles(files, a).equals(dataset.parquetFiles(files, b))
                : dataset.images(files, a).equals(dataset.images(files, b));
    }
}
