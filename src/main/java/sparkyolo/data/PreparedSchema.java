package sparkyolo.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The rows of a prepared dataset, one per image and split, in Parquet files under
 * {@code <output>/<split>/}:
 * <pre>
 * image_id     string   COCO image id, VOC id, or the image path relative to the YOLO dataset root without extension
 * source_path  string   the source image file (qualified URI)
 * image        binary   the encoded image file: the source bytes, or re-encoded when shrunk or EXIF-rotated
 * format       string   format of {@code image}: jpeg, png, bmp, webp or tiff (by content, not file name)
 * width        int      pixels of {@code image} as decoded (EXIF orientation applied)
 * height       int
 * boxes        array&lt;struct&lt;cls:int, x:float, y:float, w:float, h:float&gt;&gt;
 *                       box centre x, y and size w, h normalized to [0, 1] of width and height; empty for background
 * split        string   train, val or test
 * sha256       string   hex sha256 of the source file's bytes
 * </pre>
 * Rows are in source path order within a split; files are named {@code part-NNNNN-*.parquet} in that order.
 */
public final class PreparedSchema {
    public static final String IMAGE_ID = "image_id";
    public static final String SOURCE_PATH = "source_path";
    public static final String IMAGE = "image";
    public static final String FORMAT = "format";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String BOXES = "boxes";
    public static final String SPLIT = "split";
    public static final String SHA256 = "sha256";

    public static final StructType BOX = new StructType()
            .add("cls", DataTypes.IntegerType, false)
            .add("x", DataTypes.FloatType, false)
            .add("y", DataTypes.FloatType, false)
            .add("w", DataTypes.FloatType, false)
            .add("h", DataTypes.FloatType, false);

    public static final StructType SCHEMA = new StructType()
            .add(IMAGE_ID, DataTypes.StringType, false)
            .add(SOURCE_PATH, DataTypes.StringType, false)
            .add(IMAGE, DataTypes.BinaryType, false)
            .add(FORMAT, DataTypes.StringType, false)
            .add(WIDTH, DataTypes.IntegerType, false)
            .add(HEIGHT, DataTypes.IntegerType, false)
            .add(BOXES, DataTypes.createArrayType(BOX, false), false)
            .add(SPLIT, DataTypes.StringType, false)
            .add(SHA256, DataTypes.StringType, false);

    private PreparedSchema() {
    }

    /** A row of {@link #SCHEMA}; {@code boxes} as normalized {@code [cls, cx, cy, w, h]}. */
    public static Row row(String imageId, String sourcePath, byte[] image, String format, int width, int height,
            float[][] boxes, String split, String sha256) {
        List<Row> rows = new ArrayList<>(boxes.length);
        for (float[] b : boxes) {
            rows.add(RowFactory.create((int) b[0], b[1], b[2], b[3], b[4]));
        }
        // Row encoders take arrays as Scala Seqs.
        return RowFactory.create(imageId, sourcePath, image, format, width, height,
                JavaConverters.asScalaBuffer(rows).toSeq(), split, sha256);
    }
}
