package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.DatasetConfig;
import sparkyolo.image.ImageDecoder;
import sparkyolo.io.HadoopFiles;
import sparkyolo.testing.SharedFixtures;

/** The benchmark's replicated dataset: every copy distinct by content, decodable, labelled, not timed here. */
class PrepareBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void replicatesCoco128IntoDistinctDecodableCopies() throws Exception {
        Path yaml = PrepareBenchmark.replicate(SharedFixtures.coco128(), 130, tmp);
        DatasetConfig config = DatasetConfig.load(HadoopFiles.local(), yaml.toString());
        assertEquals(80, config.nc());
        List<String> images = config.images(HadoopFiles.local(), "train");
        assertEquals(130, images.size());
        Set<String> hashes = new HashSet<>();
        for (String image : images) {
            hashes.add(ContentHash.sha256(HadoopFiles.local().readAllBytes(image)));
        }
        assertEquals(130, hashes.size());
        byte[] copy = Files.readAllBytes(tmp.resolve("images/train/000000000009_1.jpg"));
        ImageDecoder.decode(copy, "copy").release();
        try (Stream<Path> labels = Files.list(tmp.resolve("labels/train"))) {
            assertEquals(130, labels.count());
        }
    }
}
