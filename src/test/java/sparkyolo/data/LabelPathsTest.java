package sparkyolo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkyolo.testing.SharedFixtures;

class LabelPathsTest {
    @ParameterizedTest
    @CsvSource({
        "/data/coco128/images/train2017/000000000009.jpg, /data/coco128/labels/train2017/000000000009.txt",
        "hdfs://nn:8020/coco/images/val/a.png, hdfs://nn:8020/coco/labels/val/a.txt",
        "s3a://bucket/images/set/images/b.JPEG, s3a://bucket/images/set/labels/b.txt",
        "/data/v1.2/images/x.y.jpg, /data/v1.2/labels/x.y.txt",
        "/data/pictures/c.jpg, /data/pictures/c.txt",
        "relative/images/d.webp, relative/labels/d.txt",
    })
    void appliesTheOriginalRule(String image, String label) {
        assertEquals(label, LabelPaths.labelPathFor(image));
    }

    @Test
    void findsEveryCoco128LabelFile() throws IOException {
        Path images = SharedFixtures.coco128().resolve("images").resolve("train2017");
        // Skips the .DS_Store that coco128 ships.
        try (Stream<Path> files = Files.list(images).filter(f -> f.toString().endsWith(".jpg"))) {
            for (Path image : (Iterable<Path>) files::iterator) {
                Path label = Paths.get(LabelPaths.labelPathFor(image.toString()));
                assertTrue(Files.isRegularFile(label), label.toString());
            }
        }
    }
}
