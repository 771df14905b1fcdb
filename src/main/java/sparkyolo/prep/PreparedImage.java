package sparkyolo.prep;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import sparkyolo.data.PreparedSchema;

/**
 * The outcome for one source image on the executor: the row to write (unless rejected) and the
 * issues found.
 *
 * @param sha256      of the source file's bytes; null when it could not be read
 * @param format      of the bytes to write, lower case ({@code jpeg}, {@code png}, ...)
 * @param width       of the image to write (after orientation and shrinking)
 * @param boxes       normalized {@code [cls, cx, cy, w, h]} in output classes
 * @param bytes       the encoded image to write; null when rejected or dropped for the driver
 * @param encodedSize the length of {@code bytes}
 * @param reencoded   whether {@code bytes} were re-encoded (orientation applied or shrunk)
 */
record PreparedImage(int index, String id, String path, boolean accepted, String sha256, String format, int width,
        int height, float[][] boxes, byte[] bytes, int encodedSize, boolean resized, boolean reencoded, List<Issue> issues)
        implements Serializable {
    static PreparedImage rejected(SourceItem item, String sha256, List<Issue> issues) {
        return new PreparedImage(item.index(), item.id(), item.path(), false, sha256, null, 0, 0, new float[0][], null, 0,
                false, false, List.copyOf(issues));
    }

    /** The same outcome without the image bytes, to send to the driver. */
    PreparedImage withoutBytes() {
        return new PreparedImage(index, id, path, accepted, sha256, format, width, height, boxes, null, encodedSize, resized,
                reencoded, issues);
    }

    /** The Parquet row of this accepted image in {@code split} (columns of {@link PreparedSchema#SCHEMA}). */
    Row toRow(String split) {
        return PreparedSchema.row(id, path, bytes, format, width, height, boxes, split, sha256);
    }
}
