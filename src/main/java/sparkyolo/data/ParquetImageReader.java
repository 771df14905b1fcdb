package sparkyolo.data;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexStore;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads one value of a prepared dataset's binary {@code image} column by row index, for random
 * access during training and validation: only the page of the column chunk that holds the row is
 * read, found through the chunk's offset index (the whole chunk when the file has none). Every
 * call opens the file, so concurrent calls are safe.
 */
public final class ParquetImageReader {
    private final Configuration conf;

    public ParquetImageReader(Configuration conf) {
        this.conf = conf;
    }

    public byte[] read(String file, long row) throws IOException {
        try (ParquetFileReader reader = ParquetFooters.open(conf, file, true)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            ParquetFooters.requireColumns(file, schema, List.of(PreparedSchema.IMAGE));
            Type image = schema.getType(PreparedSchema.IMAGE);
            if (!image.isPrimitive() || image.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                throw new IOException(file + ": column '" + PreparedSchema.IMAGE + "' is not binary: " + image);
            }
            MessageType projection = new MessageType(schema.getName(), image);
            reader.setRequestedSchema(projection);
            List<BlockMetaData> groups = reader.getRowGroups();
            int group = 0;
            long groupStart = 0;
            while (group < groups.size() && row >= groupStart + groups.get(group).getRowCount()) {
                groupStart += groups.get(group).getRowCount();
                group++;
            }
            if (group == groups.size()) {
                throw new IOException(file + ": no row " + row + " (the file has " + groupStart + " rows)");
            }
            ColumnDescriptor column = projection.getColumns().get(0);
            ColumnReader values = positionedAt(reader, group, row - groupStart, projection, column);
            if (values.getCurrentDefinitionLevel() < column.getMaxDefinitionLevel()) {
                throw new IOException(file + ": row " + row + " has no image (null)");
            }
            return values.getBinary().getBytes();
        }
    }

    /** The column's values from the page that holds row {@code inGroup} of the row group, advanced to that row. */
    private static ColumnReader positionedAt(ParquetFileReader reader, int group, long inGroup, MessageType projection,
            ColumnDescriptor column) throws IOException {
        long firstRead = 0;
        PageReadStore pages;
        try {
            OffsetIndex index = reader.getColumnIndexStore(group).getOffsetIndex(ColumnPath.get(column.getPath()));
            int page = pageOf(index, inGroup);
            firstRead = index.getFirstRowIndex(page);
            pages = reader.readFilteredRowGroup(group,
                    RowRanges.create(reader.getRowGroups().get(group).getRowCount(), IntStream.of(page).iterator(), index));
        } catch (ColumnIndexStore.MissingOffsetIndexException e) {
            pages = reader.readRowGroup(group);
        }
        ColumnReader values = new ColumnReadStoreImpl(pages, new ValueSink(), projection,
                reader.getFooter().getFileMetaData().getCreatedBy()).getColumnReader(column);
        for (long r = firstRead; r < inGroup; r++) {
            values.skip();
            values.consume();
        }
        return values;
    }

    /** The page whose rows include {@code row}. */
    private static int pageOf(OffsetIndex index, long row) {
        int page = 0;
        while (page + 1 < index.getPageCount() && index.getFirstRowIndex(page + 1) <= row) {
            page++;
        }
        return page;
    }

    /** The record converter a column store needs; values are taken from the column reader directly. */
    private static final class ValueSink extends GroupConverter {
        private final PrimitiveConverter value = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return value;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
