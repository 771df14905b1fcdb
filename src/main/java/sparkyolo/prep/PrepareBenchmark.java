package sparkyolo.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import sparkyolo.data.DatasetConfig;
import sparkyolo.io.HadoopFiles;
import sparkyolo.spark.SparkSessions;

/**
 * Throughput of {@code prepare} in images/s: coco128 copied until it holds the requested number of
 * images, then prepared with the default options (no resizing, source splits kept). Each copy
 * carries a distinct 8-byte trailer after the JPEG end marker (the decoder ignores it; cameras
 * append such trailers) so that copies are not dropped as duplicates and every image is written.
 * <p>
 * {@code main} arguments: the coco128 directory, the number of images (default 5000), a work
 * directory (default: a new temporary one, deleted afterwards).
 */
public final class PrepareBenchmark {
    private static final Logger LOG = LogManager.getLogger(PrepareBenchmark.class);

    /** @param seconds wall time of {@link PrepareJob#run}, the copying excluded */
    public record Result(int images, double seconds, double imagesPerSecond, PrepareSummary summary) {
    }

    private PrepareBenchmark() {
    }

    public static Result run(SparkSession spark, Path coco128, int images, Path work) throws IOException {
        Path yaml = replicate(coco128, images, work.resolve("source"));
        PrepareOptions o = PrepareOptions.builder(SourceFormat.YOLO, yaml.toString(), work.resolve("prepared").toString())
                .overwrite(true).build();
        PrepareSummary s = PrepareJob.run(spark, o);
        return new Result(s.sourceImages(), s.seconds(), s.imagesPerSecond(), s);
    }

    /** A YOLO dataset of {@code images} distinct copies of coco128's images and labels; returns its YAML. */
    static Path replicate(Path coco128, int images, Path dir) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(coco128.resolve("images/train2017"))) {
            sources = files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
        if (sources.isEmpty()) {
            throw new IOException(coco128 + ": no images/train2017/*.jpg");
        }
        Path imageDir = Files.createDirectories(dir.resolve("images/train"));
        Path labelDir = Files.createDirectories(dir.resolve("labels/train"));
        for (int i = 0; i < images; i++) {
            Path source = sources.get(i % sources.size());
            String stem = source.getFileName().toString().replace(".jpg", "") + "_" + (i / sources.size());
            byte[] jpeg = Files.readAllBytes(source);
            Files.write(imageDir.resolve(stem + ".jpg"),
                    ByteBuffer.allocate(jpeg.length + Long.BYTES).put(jpeg).putLong(i).array());
            Path label = coco128.resolve("labels/train2017").resolve(source.getFileName().toString().replace(".jpg", ".txt"));
            if (Files.exists(label)) {
                Files.copy(label, labelDir.resolve(stem + ".txt"));
            }
        }
        List<String> names = DatasetConfig.load(HadoopFiles.local(), coco128.resolve("coco128.yaml").toString()).names();
        // A JSON array is a YAML flow sequence.
        return Files.writeString(dir.resolve("data.yaml"), "path: .\ntrain: images/train\nnames: "
                + new ObjectMapper().writeValueAsString(names) + "\n");
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PrepareBenchmark COCO128_DIR [IMAGES=5000] [WORK_DIR]");
        }
        Path coco128 = Path.of(args[0]);
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        boolean temporary = args.length < 3;
        Path work = temporary ? Files.createTempDirectory("prepare-benchmark") : Path.of(args[2]);
        SparkSession spark = SparkSessions.getOrCreate("sparkyolo-prepare-benchmark");
        try {
            Result r = run(spark, coco128, images, work);
            LOG.info(String.format(Locale.ROOT, "prepare benchmark: %d images in %.1f s = %.1f images/s on %d cores (%s)",
                    r.images(), r.seconds(), r.imagesPerSecond(), spark.sparkContext().defaultParallelism(),
                    spark.sparkContext().master()));
        } finally {
            spark.stop();
            if (temporary) {
                deleteRecursively(work);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
