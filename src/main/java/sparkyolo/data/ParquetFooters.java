package sparkyolo.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Opens Parquet files with errors that name the file, and checks their columns against those a reader needs. */
public final class ParquetFooters {
    private ParquetFooters() {
    }

    /** The file, its footer read (row group metadata only when {@code withRowGroups}). */
    public static ParquetFileReader open(Configuration conf, String file, boolean withRowGroups) throws IOException {
        Path path = new Path(file);
        try {
            return ParquetFileReader.open(HadoopInputFile.fromPath(path, conf), HadoopReadOptions.builder(conf, path)
                    .withMetadataFilter(withRowGroups ? ParquetMetadataConverter.NO_FILTER : ParquetMetadataConverter.SKIP_ROW_GROUPS)
                    .build());
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(file + ": file not found");
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** @throws IOException naming the file and the first column it lacks */
    public static void requireColumns(Configuration conf, String file, List<String> columns) throws IOException {
        try (ParquetFileReader reader = open(conf, file, false)) {
            requireColumns(file, reader.getFooter().getFileMetaData().getSchema(), columns);
        }
    }

    /** @throws IOException naming the file and the first column its schema lacks */
    public static void requireColumns(String file, MessageType schema, List<String> columns) throws IOException {
        for (String column : columns) {
            if (!schema.containsField(column)) {
                throw new IOException(file + ": no column '" + column + "' (it has "
                        + String.join(", ", schema.getFields().stream().map(Type::getName).toList())
                        + "; a prepared dataset has the columns of sparkyolo.data.PreparedSchema)");
            }
        }
    }
}
