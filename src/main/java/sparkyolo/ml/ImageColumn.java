package sparkyolo.ml;

import java.io.IOException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkyolo.io.HadoopFiles;

/** An image column of a DataFrame: encoded bytes (binary) or a path on any Hadoop file system (string). */
final class ImageColumn {
    private ImageColumn() {
    }

    /** Fails unless {@code schema} has column {@code name} of a type this API reads images from. */
    static void check(StructType schema, String name) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("image column '" + name + "' not found; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!type.equals(DataTypes.BinaryType) && !type.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("image column '" + name + "' must hold encoded image bytes (binary) or"
                    + " image paths (string), not " + type.simpleString());
        }
    }

    /** The encoded image of a cell: the bytes themselves, or the file a path names. */
    static byte[] bytes(Object cell, HadoopFiles files) throws IOException {
        return cell instanceof String path ? files.readAllBytes(path) : (byte[]) cell;
    }

    /** How a cell is named in messages. */
    static String describe(Object cell) {
        return cell instanceof String path ? path : "image bytes (" + ((byte[]) cell).length + " bytes)";
    }
}
