package sparkyolo.prep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import sparkyolo.data.PreparedSchema;
import sparkyolo.testing.TestSpark;

/** A split of a prepared dataset read back from its Parquet files, keyed by source path. */
record PreparedOutput(Map<String, Row> byPath) {
    static PreparedOutput read(String splitDir) {
        Map<String, Row> byPath = new LinkedHashMap<>();
        for (Row r : TestSpark.session().read().parquet(splitDir).orderBy(PreparedSchema.SOURCE_PATH).collectAsList()) {
            byPath.put(r.getAs(PreparedSchema.SOURCE_PATH), r);
        }
        return new PreparedOutput(byPath);
    }

    int rows() {
        return byPath.size();
    }

    Row row(String path) {
        Row r = byPath.get(path);
        if (r == null) {
            throw new AssertionError("no row for " + path + "; rows: " + byPath.keySet());
        }
        return r;
    }

    /** A row's boxes as {@code [cls, x, y, w, h]}. */
    static float[][] boxes(Row r) {
        List<Row> boxes = r.getList(r.fieldIndex(PreparedSchema.BOXES));
        float[][] out = new float[boxes.size()][];
        for (int i = 0; i < out.length; i++) {
            Row b = boxes.get(i);
            out[i] = new float[] {b.getInt(0), b.getFloat(1), b.getFloat(2), b.getFloat(3), b.getFloat(4)};
        }
        return out;
    }

    long boxCount() {
        return byPath.values().stream().mapToLong(r -> boxes(r).length).sum();
    }
}
