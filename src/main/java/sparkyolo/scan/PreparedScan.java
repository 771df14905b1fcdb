package sparkyolo.scan;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.data.LabelFileInfo;
import sparkyolo.data.ParquetFooters;
import sparkyolo.data.PreparedSchema;
import sparkyolo.data.YoloLabels;
import sparkyolo.io.HadoopConf;

/**
 * The scan of a prepared dataset's split: Spark jobs over its Parquet files that check each file
 * has the needed columns, then read every row's source path, size and boxes — never the image
 * bytes, which tasks read later by row ({@link sparkyolo.data.ImageBytes}). prepare checked the
 * images; boxes are checked again against the dataset YAML's classes, as label files are.
 */
public final class PreparedScan {
    /** The columns training, validation and detection read. */
    public static final List<String> COLUMNS = List.of(PreparedSchema.SOURCE_PATH, PreparedSchema.IMAGE, PreparedSchema.WIDTH,
            PreparedSchema.HEIGHT, PreparedSchema.BOXES);
    private static final String FILE = "file";
    private static final String ROW = "row";

    private PreparedScan() {
    }

    /** @param parquetFiles the split's files, in dataset order */
    public static List<ImageRecord> run(SparkSession spark, List<String> parquetFiles, int nc) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobGroup(DatasetScan.JOB_GROUP, "scan " + parquetFiles.size() + " Parquet files", false);
        List<Row> rows;
        try {
            checkColumns(sc, parquetFiles);
            rows = spark.read().schema(readSchema()).parquet(parquetFiles.toArray(new String[0]))
                    .select(functions.col("_metadata.file_path").as(FILE), functions.col("_metadata.row_index").as(ROW),
                            functions.col(PreparedSchema.SOURCE_PATH), functions.col(PreparedSchema.WIDTH),
                            functions.col(PreparedSchema.HEIGHT), functions.col(PreparedSchema.BOXES))
                    .collectAsList();
        } catch (Exception e) {
            // Spark's failures are checked exceptions that its Java API does not declare.
            if (e instanceof SparkException || e instanceof AnalysisException) {
                throw new IOException(firstLine(e), e);
            }
            throw e;
        } finally {
            sc.clearJobGroup();
        }
        return records(rows, nc);
    }

    /** Every file's footer has the columns (an early error naming the file, instead of nulls). */
    private static void checkColumns(JavaSparkContext sc, List<String> parquetFiles) throws IOException {
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        List<String> problems = sc.parallelize(parquetFiles, Math.max(1, Math.min(parquetFiles.size(), sc.defaultParallelism())))
                .map(file -> {
                    try {
                        ParquetFooters.requireColumns(conf.get(), file, COLUMNS);
                        return "";
                    } catch (IOException e) {
                        return e.getMessage();
                    }
                })
                .filter(p -> !p.isEmpty())
                .collect();
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more files)" : ""));
        }
    }

    /** The read columns with the types prepare writes; Spark names the file and column of any other type. */
    private static StructType readSchema() {
        StructType s = new StructType();
        for (String c : List.of(PreparedSchema.SOURCE_PATH, PreparedSchema.WIDTH, PreparedSchema.HEIGHT, PreparedSchema.BOXES)) {
            s = s.add(PreparedSchema.SCHEMA.apply(c));
        }
        return s;
    }

    private static List<ImageRecord> records(List<Row> rows, int nc) throws IOException {
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.<Row, String>comparing(r -> r.getString(0)).thenComparingLong(r -> r.getLong(1)));
        // One String per file, so that the records (broadcast to training tasks) serialize each path once.
        Map<String, String> files = new HashMap<>();
        List<ImageRecord> out = new ArrayList<>(ordered.size());
        for (Row r : ordered) {
            String file = files.computeIfAbsent(r.getString(0), PreparedScan::hadoopPath);
            long row = r.getLong(1);
            for (int k = 2; k < r.length(); k++) {
                if (r.isNullAt(k)) {
                    throw new IOException(file + ": row " + row + " has no value in column '" + r.schema().fieldNames()[k] + "'");
                }
            }
            String where = file + ": row " + row;
            List<String> problems = new ArrayList<>();
            List<Row> boxes = r.getList(5);
            float[][] labels = labels(boxes, nc, where, problems);
            out.add(new ImageRecord(out.size(), ImageRef.parquetRow(r.getString(2), file, row), r.getInt(4), r.getInt(3),
                    labels, problems, null, classes(boxes, nc)));
        }
        return out;
    }

    /** The boxes as label rows {@code [cls, x, y, w, h]}; a box that fails the label checks is skipped and reported. */
    private static float[][] labels(List<Row> boxes, int nc, String where, List<String> problems) {
        List<float[]> rows = new ArrayList<>(boxes.size());
        for (int b = 0; b < boxes.size(); b++) {
            Row box = boxes.get(b);
            float[] row = {box.getInt(0), box.getFloat(1), box.getFloat(2), box.getFloat(3), box.getFloat(4)};
            String problem = YoloLabels.problem(row, nc);
            if (problem == null) {
                rows.add(row);
            } else {
                problems.add(where + ": box " + b + ": " + problem);
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** The boxes' class ids beyond nc (prepared rows always carry their boxes, so none is missing). */
    private static LabelFileInfo classes(List<Row> boxes, int nc) {
        int outOfRange = 0;
        int largest = -1;
        for (Row box : boxes) {
            largest = Math.max(largest, box.getInt(0));
            outOfRange += box.getInt(0) >= nc ? 1 : 0;
        }
        return new LabelFileInfo(false, outOfRange, largest);
    }

    /** The innermost first message line, which names the file and column for a column of another type. */
    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message.lines().findFirst().orElse(message);
    }

    /** Spark's {@code _metadata.file_path} is a URI string (escaped); Hadoop paths are not. */
    private static String hadoopPath(String uri) {
        return new Path(URI.create(uri)).toString();
    }
}
