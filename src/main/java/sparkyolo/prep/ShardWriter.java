package sparkyolo.prep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import sparkyolo.data.PreparedParquet;

/**
 * Writes one split: its images are shuffled into one partition per planned file, sorted by path
 * within it, and written by Spark's Parquet writer, one file per partition, in pages of about 1 MB
 * ({@link PreparedParquet}).
 */
final class ShardWriter {
    private ShardWriter() {
    }

    /**
     * @param prepared every prepared image (persisted)
     * @param images   the split's images in path order (without bytes)
     * @return the number of files written
     */
    static int write(SparkSession spark, JavaRDD<PreparedImage> prepared, String split, List<PreparedImage> images,
            PrepareOptions o, String dir) {
        ShardPlan plan = ShardPlan.of(images, o);
        Map<Integer, Integer> positionOf = new HashMap<>();
        for (PreparedImage image : images) {
            positionOf.put(image.index(), positionOf.size());
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Map<Integer, Integer>> positions = sc.broadcast(positionOf);
        try {
            JavaRDD<Row> rows = prepared
                    .filter(image -> positions.value().containsKey(image.index()))
                    .mapToPair(image -> new Tuple2<>(positions.value().get(image.index()), image))
                    .repartitionAndSortWithinPartitions(new ShardPartitioner(plan))
                    .values()
                    .map(image -> image.toRow(split));
            PreparedParquet.write(spark, rows, dir);
        } finally {
            positions.destroy();
        }
        return plan.files();
    }
}
