package sparkyolo.data;

import java.io.Serializable;

/**
 * Where an image's encoded bytes are: its own file, or the {@code image} column of one row of a
 * prepared dataset's Parquet file.
 *
 * @param name        the image's path; for a Parquet row, the source file it was prepared from. Messages,
 *                    output file names and image ids use it.
 * @param parquetFile the Parquet file holding the image, or null for an image file
 * @param row         the row's index in {@code parquetFile} (0-based, over all row groups); -1 for a file
 */
public record ImageRef(String name, String parquetFile, long row) implements Serializable {
    public static ImageRef file(String path) {
        return new ImageRef(path, null, -1);
    }

    public static ImageRef parquetRow(String name, String parquetFile, long row) {
        if (row < 0) {
            throw new IllegalArgumentException(parquetFile + ": negative row " + row);
        }
        return new ImageRef(name, parquetFile, row);
    }

    public boolean inParquet() {
        return parquetFile != null;
    }

    @Override
    public String toString() {
        return inParquet() ? name + " (row " + row + " of " + parquetFile + ")" : name;
    }
}
