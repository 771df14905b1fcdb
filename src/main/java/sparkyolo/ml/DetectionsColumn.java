package sparkyolo.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The column that {@link YoloModel} adds: per image, its detections (null when the image could not
 * be read or decoded).
 * <pre>
 * array&lt;struct&lt;cls:int, conf:float, x1:float, y1:float, x2:float, y2:float&gt;&gt;
 *   box corners in pixels of the decoded image, best first, as detect's predictions
 * </pre>
 */
public final class DetectionsColumn {
    public static final StructType DETECTION = new StructType()
            .add("cls", DataTypes.IntegerType, false)
            .add("conf", DataTypes.FloatType, false)
            .add("x1", DataTypes.FloatType, false)
            .add("y1", DataTypes.FloatType, false)
            .add("x2", DataTypes.FloatType, false)
            .add("y2", DataTypes.FloatType, false);
    public static final ArrayType TYPE = DataTypes.createArrayType(DETECTION, false);

    private DetectionsColumn() {
    }

    /** The schema after detection: {@code schema} plus the detections column, checking both columns. */
    static StructType appendTo(StructType schema, String imageCol, String outputCol) {
        ImageColumn.check(schema, imageCol);
        if (java.util.Arrays.asList(schema.fieldNames()).contains(outputCol)) {
            throw new IllegalArgumentException("output column '" + outputCol + "' already exists");
        }
        return schema.add(outputCol, TYPE, true);
    }

    /** @param detections rows {@code [x1, y1, x2, y2, conf, cls]}, as {@link sparkyolo.detect.Predictor} returns them */
    static List<Row> rows(float[][] detections) {
        List<Row> rows = new ArrayList<>(detections.length);
        for (float[] d : detections) {
            rows.add(RowFactory.create((int) d[5], d[4], d[0], d[1], d[2], d[3]));
        }
        return rows;
    }
}
