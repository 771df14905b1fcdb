package sparkyolo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageBytes;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.ImageRef;
import sparkyolo.data.PreparedSchema;
import sparkyolo.io.HadoopFiles;
import sparkyolo.prep.PrepareJob;
import sparkyolo.prep.PrepareOptions;
import sparkyolo.prep.SourceFormat;
import sparkyolo.scan.SplitScan;
import sparkyolo.testing.TestSpark;

/**
 * The bundled sample prepared as Parquet (in small pages) and read back: the scan finds the same
 * images, sizes and labels as the scan of the source files, every image is read by row with its
 * exact bytes, and bad inputs fail with the file and column named.
 */
class PreparedScanTest {
    static final String SAMPLE = "data/coco-sample/coco-sample.yaml";

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static HadoopFiles files;
    static DatasetConfig prepared;

    @BeforeAll
    static void prepare() throws IOException {
        spark = TestSpark.session();
        // 64 KB pages instead of 1 MB, so that each file's image column has several pages to pick the row's from.
        spark.sparkContext().hadoopConfiguration().setInt("parquet.page.size", 64 * 1024);
        files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        PrepareJob.run(spark, PrepareOptions.builder(SourceFormat.YOLO, SAMPLE, tmp.resolve("prepared").toString())
                .rowsPerFile(8).build());
        prepared = DatasetConfig.load(files, tmp.resolve("prepared/dataset.yaml").toString());
    }

    @Test
    void findsTheImagesSizesAndLabelsOfTheSourceFiles() throws IOException {
        List<ImageRecord> fromFiles = SplitScan.run(spark, files, DatasetConfig.load(files, SAMPLE), "train");
        List<ImageRecord> fromParquet = SplitScan.run(spark, files, prepared, "train");
        assertEquals(16, fromParquet.size());
        assertEquals(fromFiles.size(), fromParquet.size());
        for (int i = 0; i < fromFiles.size(); i++) {
            ImageRecord f = fromFiles.get(i);
            ImageRecord p = fromParquet.get(i);
            assertEquals(i, p.index());
            assertEquals(f.path(), p.path(), "same order, named by the source file");
            assertTrue(p.image().inParquet() && p.image().parquetFile().endsWith(".parquet"), p.image().toString());
            assertEquals(f.height(), p.height(), f.path());
            assertEquals(f.width(), p.width(), f.path());
            assertTrue(Arrays.deepEquals(f.labels(), p.labels()), f.path());
            assertTrue(p.ok() && p.problems().isEmpty(), p.problems().toString());
        }
    }

    @Test
    void readsEachImageByRowFromFilesOfSeveralPages() throws Exception {
        List<String> parquet = prepared.parquetFiles(files, "train");
        assertEquals(2, parquet.size(), "16 images, 8 per file");
        for (String file : parquet) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file),
                    files.conf()))) {
                ColumnChunkMetaData image = r.getRowGroups().get(0).getColumns().stream()
                        .filter(c -> c.getPath().toDotString().equals(PreparedSchema.IMAGE)).findFirst().orElseThrow();
                assertTrue(r.readOffsetIndex(image).getPageCount() > 1, file + " has one image page");
            }
        }
        List<ImageRecord> records = new ArrayList<>(SplitScan.run(spark, files, prepared, "train"));
        Collections.reverse(records);
        ImageBytes bytes = new ImageBytes(files);
        for (ImageRecord r : records) {
            assertArrayEquals(Files.readAllBytes(Path.of(URI.create(r.path()))), bytes.read(r.image()), r.image().toString());
        }
    }

    @Test
    void skipsAndReportsBoxesOfClassesTheYamlDoesNotHave() throws IOException {
        Path yaml = tmp.resolve("prepared/one-class.yaml");
        Files.writeString(yaml, "format: parquet\npath: .\ntrain: train\nnames: [person]\n");
        List<ImageRecord> all = SplitScan.run(spark, files, prepared, "train");
        List<ImageRecord> persons = SplitScan.run(spark, files, DatasetConfig.load(files, yaml.toString()), "train");
        for (int i = 0; i < all.size(); i++) {
            float[][] expected = Arrays.stream(all.get(i).labels()).filter(l -> l[0] == 0).toArray(float[][]::new);
            assertTrue(Arrays.deepEquals(expected, persons.get(i).labels()));
            long others = all.get(i).labels().length - expected.length;
            assertEquals(others, persons.get(i).problems().size());
            for (String p : persons.get(i).problems()) {
                assertTrue(p.contains(".parquet: row ") && p.contains("outside [0, 1)"), p);
            }
        }
    }

    @Test
    void aFileWithoutAColumnIsNamedWithTheColumn() throws Exception {
        Path dir = tmp.resolve("no-boxes");
        spark.read().parquet(tmp.resolve("prepared/train").toString()).drop(PreparedSchema.BOXES)
                .write().parquet(dir.resolve("train").toString());
        Files.writeString(dir.resolve("dataset.yaml"), "format: parquet\ntrain: train\nnc: 80\n");
        IOException e = assertThrows(IOException.class,
                () -> SplitScan.run(spark, files, DatasetConfig.load(files, dir.resolve("dataset.yaml").toString()), "train"));
        assertTrue(e.getMessage().contains("no-boxes/train/part-") && e.getMessage().contains(".parquet: no column 'boxes'"),
                e.getMessage());
    }

    @Test
    void aFileWithoutTheImageColumnIsNamedWhenAnImageIsRead() throws Exception {
        Path dir = tmp.resolve("no-image");
        spark.read().parquet(tmp.resolve("prepared/train").toString()).drop(PreparedSchema.IMAGE).coalesce(1)
                .write().parquet(dir.toString());
        String file = files.qualify(sparkyolo.data.ParquetFiles.list(files, dir.toString()).get(0));
        IOException e = assertThrows(IOException.class,
                () -> new ImageBytes(files).read(ImageRef.parquetRow("a.jpg", file, 0)));
        assertTrue(e.getMessage().startsWith(file + ": no column 'image'"), e.getMessage());
        IOException beyond = assertThrows(IOException.class,
                () -> new ImageBytes(files).read(ImageRef.parquetRow("a.jpg", prepared.parquetFiles(files, "train").get(0), 8)));
        assertTrue(beyond.getMessage().contains("no row 8 (the file has 8 rows)"), beyond.getMessage());
    }

    @Test
    void aSplitThatDoesNotExistOrIsNotParquet() throws Exception {
        Path yaml = tmp.resolve("prepared/bad-paths.yaml");
        Files.writeString(yaml, "format: parquet\ntrain: no-such-dir\nval: not-parquet\nnc: 80\n");
        Files.createDirectories(tmp.resolve("prepared/not-parquet"));
        Files.writeString(tmp.resolve("prepared/not-parquet/part-00000.parquet"), "not parquet");
        DatasetConfig bad = DatasetConfig.load(files, yaml.toString());
        FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> SplitScan.run(spark, files, bad, "train"));
        assertTrue(missing.getMessage().contains("prepared/no-such-dir: does not exist"), missing.getMessage());
        IOException notParquet = assertThrows(IOException.class, () -> SplitScan.run(spark, files, bad, "val"));
        assertTrue(notParquet.getMessage().contains("not-parquet/part-00000.parquet: not a readable Parquet file"),
                notParquet.getMessage());
        IOException format = assertThrows(IOException.class, () -> {
            Files.writeString(yaml, "format: arrow\ntrain: train\nnc: 80\n");
            DatasetConfig.load(files, yaml.toString());
        });
        assertTrue(format.getMessage().contains("field 'format'"), format.getMessage());
    }
}
