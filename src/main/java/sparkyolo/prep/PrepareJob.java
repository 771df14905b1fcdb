package sparkyolo.prep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.InvalidOptionException;

/**
 * Dataset preparation as Spark jobs, driven from here: list the source (driver; VOC XML is parsed
 * by a job), prepare every image (one job; the results are persisted), drop duplicate images and
 * assign splits (driver), write each split's Parquet files (one job per split), then the dataset
 * YAML, statistics (Spark over the written files), AutoAnchor on the train split and the report.
 * A bad image, label file or directory never fails the run; it is reported.
 */
public final class PrepareJob {
    public static final String JOB_GROUP = "sparkyolo-prepare";
    private static final Logger LOG = LogManager.getLogger(PrepareJob.class);

    private PrepareJob() {
    }

    /**
     * @throws InvalidOptionException when an option does not fit the source (an unknown class in the
     *                                class map) or the output exists
     * @throws IOException            when the source itself (dataset YAML, COCO JSON) cannot be read
     */
    public static PrepareSummary run(SparkSession spark, PrepareOptions o) throws IOException {
        long t0 = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        String output = OutputDirectory.create(files, o);
        sc.setJobGroup(JOB_GROUP, "prepare " + o.source(), false);
        try {
            SourceListing listing = list(sc, files, o);
            ClassRemap remap = ClassRemap.of(listing.names(), o.classMap());
            LOG.info("prepare: {} images, {} classes listed in {} s", listing.items().size(), remap.nc(), since(t0));
            List<Issue> issues = new ArrayList<>(listing.issues());
            List<PreparedImage> outcomes;
            SplitAssignment splits;
            Map<String, Integer> filesPerSplit = new LinkedHashMap<>();
            PrepareSettings settings = PrepareSettings.of(o, listing.names().size(), remap);
            JavaRDD<PreparedImage> prepared = prepare(sc, listing.items(), settings);
            try {
                outcomes = new ArrayList<>(prepared.map(PreparedImage::withoutBytes).collect());
                outcomes.sort(Comparator.comparingInt(PreparedImage::index));
                outcomes.forEach(p -> issues.addAll(p.issues()));
                LOG.info("prepare: images checked at {} s", since(t0));
                Deduplication dedupe = Deduplication.of(outcomes);
                issues.addAll(dedupe.issues());
                splits = SplitAssignment.of(dedupe.kept(), listing.items(), o.split(), o.seed());
                issues.addAll(splits.issues());
                for (Map.Entry<String, List<PreparedImage>> e : splits.bySplit().entrySet()) {
                    filesPerSplit.put(e.getKey(),
                            ShardWriter.write(spark, prepared, e.getKey(), e.getValue(), o, output + "/" + e.getKey()));
                }
                LOG.info("prepare: {} written at {} s", filesPerSplit.keySet(), since(t0));
            } finally {
                prepared.unpersist(false);
            }
            List<String> splitNames = List.copyOf(splits.bySplit().keySet());
            String yaml = DatasetYaml.write(files, output, splitNames, remap.names(), files.qualify(o.source()));
            List<String> splitDirs = splitNames.stream().map(s -> output + "/" + s).toList();
            DatasetStats stats = splitDirs.isEmpty() ? null : DatasetStats.compute(spark, splitDirs, remap.names());
            LOG.info("prepare: statistics at {} s", since(t0));
            AnchorSuggestion anchors = splitNames.contains("train")
                    ? AnchorSuggestion.compute(spark, output + "/train", o)
                    : AnchorSuggestion.skipped(o, "no train split was written");
            issues.sort(Comparator.comparing(Issue::path).thenComparingInt(Issue::line));
            PrepareSummary summary = summary(o, files, output, yaml, listing, remap, splits, filesPerSplit, issues,
                    stats, anchors, (System.nanoTime() - t0) / 1e9);
            PrepareReport.write(files, summary, o);
            PrepareReport.summaryLines(summary).forEach(LOG::info);
            return summary;
        } finally {
            sc.clearJobGroup();
        }
    }

    private static String since(long t0) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
    }

    private static SourceListing list(JavaSparkContext sc, HadoopFiles files, PrepareOptions o) throws IOException {
        return switch (o.format()) {
            case YOLO -> YoloSource.read(files, o.source());
            case COCO -> CocoSource.read(files, o.source(), o.images(), o.cocoSplit());
            case VOC -> VocSource.read(sc, files, o.source(), o.keepSourceSplits(), o.keepDifficult());
        };
    }

    /** The prepare job over every listed image, persisted: its results are collected once and written per split. */
    private static JavaRDD<PreparedImage> prepare(JavaSparkContext sc, List<SourceItem> items, PrepareSettings settings) {
        // Several partitions per core for balance, and at most about 500 images each to bound a task's work.
        int partitions = Math.max(1, Math.min(items.size(), Math.max(sc.defaultParallelism() * 4, items.size() / 500)));
        return sc.parallelize(items, partitions)
                .mapPartitions(new PreparePartition(new HadoopConf(sc.hadoopConfiguration()), settings))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static PrepareSummary summary(PrepareOptions o, HadoopFiles files, String output, String yaml,
            SourceListing listing, ClassRemap remap, SplitAssignment splits,
            Map<String, Integer> filesPerSplit, List<Issue> issues, DatasetStats stats, AnchorSuggestion anchors,
            double seconds) {
        Map<Integer, PreparedImage> written = new LinkedHashMap<>();
        Map<String, Integer> rowsPerSplit = new LinkedHashMap<>();
        splits.bySplit().forEach((split, images) -> {
            rowsPerSplit.put(split, images.size());
            images.forEach(i -> written.put(i.index(), i));
        });
        long boxes = written.values().stream().mapToLong(i -> i.boxes().length).sum();
        int background = (int) written.values().stream().filter(i -> i.boxes().length == 0).count();
        int resized = (int) written.values().stream().filter(PreparedImage::resized).count();
        int reencoded = (int) written.values().stream().filter(PreparedImage::reencoded).count();
        Map<IssueReason, Integer> counts = new EnumMap<>(IssueReason.class);
        issues.forEach(i -> counts.merge(i.reason(), 1, Integer::sum));
        return new PrepareSummary(o.format(), files.qualify(o.source()), output, yaml,
                output + "/" + PrepareReport.JSON_FILE, output + "/" + PrepareReport.TEXT_FILE,
                stats == null ? null : output + "/" + PrepareReport.STATS_FILE, remap.names(), listing.items().size(),
                written.size(), rowsPerSplit, filesPerSplit, boxes, background, resized, reencoded, counts, issues, stats,
                anchors, seconds);
    }
}
