package sparkyolo.prep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sparkyolo.data.PreparedSchema;

/**
 * Statistics of a prepared dataset, computed by Spark from its Parquet files (the image bytes are
 * never read) in four aggregations. An image written to several splits counts once, except in
 * {@code imagesPerSplit}. Box sizes are in pixels of the stored image.
 *
 * @param boxSize          sqrt(box width × box height) in pixels
 * @param boxAspect        box width / box height
 * @param imageLongSide    the longer side of each image in pixels
 * @param commonImageSizes the most frequent image sizes, most frequent first (at most {@value #COMMON_SIZES})
 */
public record DatasetStats(long images, Map<String, Long> imagesPerSplit, long backgroundImages, long boxes,
        List<ClassCount> classes, Histogram boxSize, Histogram boxAspect, Histogram imageLongSide,
        List<ImageSize> commonImageSizes) {
    public static final int COMMON_SIZES = 20;
    static final double[] BOX_SIZE_EDGES = {8, 16, 32, 64, 128, 256, 512};
    static final double[] BOX_ASPECT_EDGES = {0.25, 0.5, 0.75, 1, 4.0 / 3, 2, 4};
    static final double[] IMAGE_SIDE_EDGES = {320, 640, 1024, 2048, 4096};

    /** Boxes of a class and the images holding at least one. */
    public record ClassCount(int cls, String name, long boxes, long images) {
    }

    public record ImageSize(int width, int height, long images) {
    }

    /** @param splitDirs the Parquet folders of the dataset's splits */
    public static DatasetStats compute(SparkSession spark, List<String> splitDirs, List<String> names) {
        Dataset<Row> rows = spark.read().parquet(splitDirs.toArray(new String[0]));
        Map<String, Long> perSplit = new LinkedHashMap<>();
        for (Row r : rows.groupBy(PreparedSchema.SPLIT).count().orderBy(PreparedSchema.SPLIT).collectAsList()) {
            perSplit.put(r.getString(0), r.getLong(1));
        }
        Dataset<Row> images = rows.dropDuplicates(PreparedSchema.SHA256);

        List<ImageSize> sizes = new ArrayList<>();
        long imageCount = 0;
        long background = 0;
        long[] longSide = new long[IMAGE_SIDE_EDGES.length + 1];
        for (Row r : images.groupBy(PreparedSchema.WIDTH, PreparedSchema.HEIGHT)
                .agg(count(lit(1)), sum(when(size(col(PreparedSchema.BOXES)).equalTo(0), 1).otherwise(0)))
                .collectAsList()) {
            ImageSize s = new ImageSize(r.getInt(0), r.getInt(1), r.getLong(2));
            sizes.add(s);
            imageCount += s.images();
            background += r.getLong(3);
            longSide[Histogram.bin(Math.max(s.width(), s.height()), IMAGE_SIDE_EDGES)] += s.images();
        }
        sizes.sort(Comparator.comparingLong(ImageSize::images).reversed()
                .thenComparingInt(ImageSize::width).thenComparingInt(ImageSize::height));

        Dataset<Row> boxes = images
                .select(col(PreparedSchema.SHA256), col(PreparedSchema.WIDTH), col(PreparedSchema.HEIGHT),
                        explode(col(PreparedSchema.BOXES)).as("b"))
                .select(col(PreparedSchema.SHA256), col("b.cls").as("cls"),
                        col("b.w").multiply(col(PreparedSchema.WIDTH)).as("wpx"),
                        col("b.h").multiply(col(PreparedSchema.HEIGHT)).as("hpx"));
        long[] boxesOfClass = new long[names.size()];
        long[] sizeCounts = new long[BOX_SIZE_EDGES.length + 1];
        long[] aspectCounts = new long[BOX_ASPECT_EDGES.length + 1];
        for (Row r : boxes.groupBy(col("cls"),
                        Histogram.binColumn(sqrt(col("wpx").multiply(col("hpx"))), BOX_SIZE_EDGES).as("size_bin"),
                        Histogram.binColumn(col("wpx").divide(col("hpx")), BOX_ASPECT_EDGES).as("aspect_bin"))
                .count().collectAsList()) {
            boxesOfClass[r.getInt(0)] += r.getLong(3);
            sizeCounts[r.getInt(1)] += r.getLong(3);
            aspectCounts[r.getInt(2)] += r.getLong(3);
        }
        long[] imagesOfClass = new long[names.size()];
        for (Row r : boxes.groupBy("cls").agg(countDistinct(PreparedSchema.SHA256)).collectAsList()) {
            imagesOfClass[r.getInt(0)] = r.getLong(1);
        }
        List<ClassCount> classes = new ArrayList<>();
        long boxCount = 0;
        for (int c = 0; c < names.size(); c++) {
            classes.add(new ClassCount(c, names.get(c), boxesOfClass[c], imagesOfClass[c]));
            boxCount += boxesOfClass[c];
        }
        return new DatasetStats(imageCount, perSplit, background, boxCount, classes,
                Histogram.of("box size, sqrt(w*h) in pixels", BOX_SIZE_EDGES, sizeCounts),
                Histogram.of("box aspect, w/h", BOX_ASPECT_EDGES, aspectCounts),
                Histogram.of("image long side in pixels", IMAGE_SIDE_EDGES, longSide),
                List.copyOf(sizes.subList(0, Math.min(COMMON_SIZES, sizes.size()))));
    }
}
