package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import sparkyolo.data.ImageRecord;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageResize;
import sparkyolo.image.OpenCv;
import sparkyolo.util.InvalidOptionException;
import sparkyolo.util.Npy;
import sparkyolo.util.NpyArray;

/** train --cache: cached images give the same samples, and the stated need is what the cache takes. */
class ImageCacheTest {
    private static final int SIZE = 320;
    private static final AugmentParams PARAMS = AugmentParams.of(Hyp.defaults().with("mixup", 0.5));
    @TempDir
    Path tmp;
    static InMemoryImageSource source;
    /** The sample's images as a scan records them: their decoded sizes. */
    static List<ImageRecord> records;

    @BeforeAll
    static void sample() throws Exception {
        OpenCv.ensureLoaded();
        List<InMemoryImageSource.Entry> entries = new ArrayList<>();
        records = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("data/coco-sample/images/train"))) {
            for (Path f : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                entries.add(new InMemoryImageSource.Entry(f.toString(), bytes, new float[0][]));
                Mat m = ImageDecoder.decode(bytes, f.toString());
                records.add(new ImageRecord(records.size(), f.toString(), m.rows(), m.cols(), new float[0][], List.of(), null));
                m.release();
            }
        }
        source = new InMemoryImageSource(entries);
    }

    @Test
    void cachedSamplesAreTheSameAsLoadedOnes() throws Exception {
        SampleFactory plain = new SampleFactory(source, SIZE, true, PARAMS, 7);
        for (ImageCache cache : List.of(new RamImageCache(source.size()), new DiskImageCache(tmp.resolve("disk")))) {
            SampleFactory cached = new SampleFactory(source, SIZE, true, PARAMS, 7, cache);
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int i = 0; i < source.size(); i++) {
                    Sample a = plain.sample(epoch, i);
                    Sample b = cached.sample(epoch, i);
                    String where = cache.describe() + " epoch " + epoch + " image " + i;
                    assertArrayEquals(Scenes.bytes(a.image()), Scenes.bytes(b.image()), where);
                    assertEquals(a.labels().length, b.labels().length, where);
                    a.release();
                    b.release();
                }
            }
            ImageCache.Stats s = cache.stats();
            assertEquals(source.size(), s.images(), cache.describe() + ": every image was loaded once and kept");
            assertEquals(source.size(), s.misses(), cache.describe());
            assertTrue(s.hits() > source.size(), cache.describe() + ": mosaics reuse the kept images " + s);
            assertEquals(resizedBytes(), s.bytes(), cache.describe() + ": the load_image results' size");
            assertEquals(resizedBytes(), ImageCacheNeed.of(records, SIZE).bytes(), "the need stated up front");
        }
    }

    /** The bytes of the sample's images resized as load_image resizes them. */
    private static long resizedBytes() throws Exception {
        long total = 0;
        for (int i = 0; i < source.size(); i++) {
            Mat m = ImageDecoder.decode(source.bytes(i), source.name(i));
            Mat r = ImageResize.loadImageResize(m, SIZE, true).image();
            total += r.total() * r.channels();
            r.release();
            m.release();
        }
        return total;
    }

    @Test
    void diskCacheKeepsNpyFilesAndDeletesThemOnClose() throws Exception {
        Path dir = tmp.resolve("npy");
        DiskImageCache cache = new DiskImageCache(dir);
        SampleFactory cached = new SampleFactory(source, SIZE, false, AugmentParams.none(), 0, cache);
        cached.sample(0, 3).release();
        NpyArray a = Npy.read(Files.readAllBytes(dir.resolve("3.npy")), "3.npy");
        Mat m = ImageDecoder.decode(source.bytes(3), source.name(3));
        Mat r = ImageResize.loadImageResize(m, SIZE, false).image();
        assertEquals("u1", a.dtype());
        assertArrayEquals(new long[] {r.rows(), r.cols(), 3}, a.shape());
        assertArrayEquals(Scenes.bytes(r), a.toBytes());
        cache.close();
        assertTrue(Files.notExists(dir));
        assertNull(cache.get(3), "a closed cache returns nothing");
    }

    @Test
    void aJvmKeepsOneCacheByKey() {
        ImageCacheNeed need = ImageCacheNeed.of(records, SIZE);
        ImageCache first = ImageCaches.open("run-a", CacheMode.RAM, need, 0, tmp.resolve("a"));
        assertSame(first, ImageCaches.open("run-a", CacheMode.RAM, need, 0, tmp.resolve("a")), "the next epoch's task");
        new SampleFactory(source, SIZE, true, PARAMS, 1, first).sample(0, 0).release();
        assertTrue(first.stats().images() > 0);
        ImageCache second = ImageCaches.open("run-b", CacheMode.DISK, need, 0, tmp.resolve("b"));
        assertNotSame(first, second);
        assertNull(first.get(0), "another run released the first run's images");
    }

    @Test
    void aCacheThatDoesNotFitIsRefusedNamingTheOption() throws Exception {
        ImageCacheNeed heap = new ImageCacheNeed(100_000, Runtime.getRuntime().maxMemory(), 640);
        InvalidOptionException ram = assertThrows(InvalidOptionException.class,
                () -> ImageCaches.checkFits(CacheMode.RAM, heap, 0, tmp));
        assertEquals("--cache", ram.option());
        assertTrue(ram.getMessage().startsWith("--cache ram needs ") && ram.getMessage().contains("100000 images at --img 640")
                && ram.getMessage().contains("--cache disk"), ram.getMessage());
        long free = Files.getFileStore(tmp).getUsableSpace();
        ImageCacheNeed disk = new ImageCacheNeed(100_000, free, 640);
        InvalidOptionException full = assertThrows(InvalidOptionException.class,
                () -> ImageCaches.checkFits(CacheMode.DISK, disk, 0, tmp.resolve("not/made/yet")));
        assertTrue(full.getMessage().startsWith("--cache disk needs ") && full.getMessage().contains(tmp.toString()),
                full.getMessage());
        ImageCacheNeed small = ImageCacheNeed.of(records, SIZE);
        ImageCaches.checkFits(CacheMode.RAM, small, 0, tmp);
        ImageCaches.checkFits(CacheMode.DISK, small, 0, tmp);
        assertThrows(InvalidOptionException.class, () -> ImageCaches.checkFits(CacheMode.RAM, small,
                Runtime.getRuntime().maxMemory(), tmp), "the loaders' batches need their share of the heap");
    }
}
