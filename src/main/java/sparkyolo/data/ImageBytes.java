package sparkyolo.data;

import java.io.IOException;
import sparkyolo.io.HadoopFiles;

/** Reads the encoded image an {@link ImageRef} points at, from its file or its Parquet row. Safe for concurrent use. */
public final class ImageBytes {
    private final HadoopFiles files;
    private final ParquetImageReader parquet;

    public ImageBytes(HadoopFiles files) {
        this.files = files;
        this.parquet = new ParquetImageReader(files.conf());
    }

    public byte[] read(ImageRef image) throws IOException {
        return image.inParquet() ? parquet.read(image.parquetFile(), image.row()) : files.readAllBytes(image.name());
    }
}
