package sparkyolo.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import sparkyolo.io.HadoopFiles;

/** Writes rows of {@link PreparedSchema} as a prepared dataset's Parquet files, one per partition. */
public final class PreparedParquet {
    private PreparedParquet() {
    }

    /** @param dir a folder that does not exist yet */
    public static void write(SparkSession spark, JavaRDD<Row> rows, String dir) {
        // Page sizes are checked every row instead of every 100 rows, so that an image column page holds
        // about parquet.page.size (1 MB) of images: a reader of one image (ParquetImageReader) reads one page.
        spark.createDataFrame(rows, PreparedSchema.SCHEMA).write().mode(SaveMode.ErrorIfExists)
                .option(ParquetOutputFormat.MIN_ROW_COUNT_FOR_PAGE_SIZE_CHECK, "1")
                .parquet(dir);
        try {
            new HadoopFiles(spark.sparkContext().hadoopConfiguration()).removeChecksumFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }
}
