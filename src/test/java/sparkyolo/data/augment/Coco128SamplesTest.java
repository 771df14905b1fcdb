package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.LabelPaths;
import sparkyolo.data.YoloLabels;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopConf;
import sparkyolo.testing.SharedFixtures;

/** Real coco128 images read through Hadoop paths, with the default training augmentation. */
class Coco128SamplesTest {
    private static final int IMAGES = 12;
    private static final int SIZE = 320;
    private static final int NC = 80;

    @Test
    void batchesOfRealImagesAreValidAndIndependentOfTheThreadCount() throws IOException {
        HadoopImageSource source = HadoopImageSource.fromRecords(new HadoopConf(new Configuration()), records());
        assertEquals(IMAGES, source.size());
        AugmentParams params = AugmentParams.of(Hyp.defaults().with("mixup", 0.5));
        int[] order = {11, 3, 7, 0, 5, 9, 1, 10, 2, 8, 4, 6};

        List<Batch> oneThread = batches(new SampleFactory(source, SIZE, true, params, 1), order, 1);
        List<Batch> threeThreads = batches(new SampleFactory(source, SIZE, true, params, 1), order, 3);
        int boxes = 0;
        for (int k = 0; k < oneThread.size(); k++) {
            Batch a = oneThread.get(k);
            Batch b = threeThreads.get(k);
            assertArrayEquals(a.images(), b.images(), "batch " + k);
            assertArrayEquals(a.targets(), b.targets(), "batch " + k);
            assertEquals(a.paths(), b.paths());
            for (float v : a.images()) {
                assertTrue(v >= 0 && v <= 1, "pixel value " + v);
            }
            for (float[] t : a.targets()) {
                assertTrue(t[0] >= 0 && t[0] < a.size() && t[0] == Math.rint(t[0]), "image index " + t[0]);
                assertTrue(t[1] >= 0 && t[1] < NC && t[1] == Math.rint(t[1]), "class " + t[1]);
                for (int c = 2; c < 6; c++) {
                    assertTrue(t[c] >= 0 && t[c] <= 1, "coordinate " + t[c]);
                }
                assertTrue(t[4] > 0 && t[5] > 0, "empty box");
                boxes++;
            }
        }
        assertTrue(boxes > IMAGES, "only " + boxes + " boxes in " + IMAGES + " mosaics");
    }

    private static List<Batch> batches(SampleFactory samples, int[] order, int threads) {
        List<Batch> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, 0, order, 4, threads, 2)) {
            loader.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<ImageRecord> records() throws IOException {
        Path dir = SharedFixtures.coco128().resolve("images").resolve("train2017");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().limit(IMAGES).toList();
        }
        List<ImageRecord> out = new ArrayList<>();
        for (Path f : files) {
            Path label = Path.of(LabelPaths.labelPathFor(f.toString()));
            String text = Files.exists(label) ? Files.readString(label, StandardCharsets.UTF_8) : null;
            float[][] rows = YoloLabels.parse(text, label.toString(), NC).rows();
            out.add(new ImageRecord(out.size(), f.toString(), 0, 0, rows, List.of(), null));
        }
        return out;
    }
}
