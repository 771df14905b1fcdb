package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.ImageTensors;
import sparkyolo.testing.LogCapture;

class BatchLoaderTest {
    private static final int SIZE = 128;
    private static final int N = 7;
    private static final AugmentParams TRAIN = AugmentParams.of(Hyp.defaults());

    /** N images cycling through the scenes, named img0.png .. img6.png; {@code corrupt} ones hold broken bytes. */
    private static InMemoryImageSource source(int... corrupt) {
        List<InMemoryImageSource.Entry> entries = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Scenes.Scene s = Scenes.scene(i % Scenes.SCENES);
            byte[] bytes = Scenes.png(s.image());
            if (Arrays.stream(corrupt).anyMatch(c -> c == entries.size())) {
                bytes = Arrays.copyOf(bytes, bytes.length / 2); // a PNG cut short
            }
            entries.add(new InMemoryImageSource.Entry("img" + i + ".png", bytes, s.labels()));
        }
        return new InMemoryImageSource(entries);
    }

    @Test
    void batchesComeInOrderWithCollatedTargets() {
        SampleFactory samples = new SampleFactory(source(), SIZE, true, TRAIN, 3);
        int[] order = {5, 0, 3, 6, 1, 4, 2};
        int epoch = 2;
        try (BatchLoader loader = new BatchLoader(samples, epoch, order, 3, 3, 2)) {
            assertEquals(3, loader.batchCount());
            int k = 0;
            while (loader.hasNext()) {
                Batch batch = loader.next();
                assertEquals(k, batch.number());
                int from = 3 * k;
                int n = Math.min(3, order.length - from);
                assertArrayEquals(new long[] {n, 3, SIZE, SIZE}, batch.shape());
                assertEquals(n * 3 * SIZE * SIZE, batch.images().length);
                assertTrue(batch.waitNanos() >= 0);
                List<float[]> expectedTargets = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Sample s = samples.sample(epoch, order[from + i]);
                    assertEquals("img" + order[from + i] + ".png", batch.paths().get(i));
                    float[] chw = ImageTensors.toChwRgb(s.image());
                    assertArrayEquals(chw, Arrays.copyOfRange(batch.images(), i * chw.length, (i + 1) * chw.length),
                            "batch " + k + " image " + i);
                    for (float[] lb : s.labels()) {
                        expectedTargets.add(new float[] {i, lb[0], lb[1], lb[2], lb[3], lb[4]});
                    }
                    s.release();
                }
                assertArrayEquals(expectedTargets.toArray(new float[0][]), batch.targets(), "batch " + k + " targets");
                k++;
            }
            assertEquals(3, k);
            assertThrows(NoSuchElementException.class, loader::next);
        }
    }

    /** Without augmentation nothing is drawn, so the bad image's slot shows exactly its replacement, the next index. */
    @Test
    void aCorruptImageIsSkippedNamedAndReplacedByTheNextIndex() {
        SampleFactory samples = SampleFactory.plain(source(2), SIZE);
        try (LogCapture log = new LogCapture(BadImages.class);
                BatchLoader loader = new BatchLoader(samples, 0, new int[] {0, 1, 2, 3, 2}, 5)) {
            Batch batch = loader.next();
            assertEquals(List.of("img0.png", "img1.png", "img3.png", "img3.png", "img3.png"), batch.paths());
            int plane = 3 * SIZE * SIZE;
            assertArrayEquals(Arrays.copyOfRange(batch.images(), 3 * plane, 4 * plane),
                    Arrays.copyOfRange(batch.images(), 2 * plane, 3 * plane));
            assertEquals(List.of("img2.png"), samples.badImages().names());
            assertEquals(2, samples.badImages().replacements());
            assertEquals(1, log.messages().size(), "one warning per bad image: " + log.messages());
            assertTrue(log.messages().get(0).contains("img2.png"), log.messages().get(0));
        }
    }

    @Test
    void aCorruptMosaicPartnerIsReplacedToo() {
        SampleFactory samples = new SampleFactory(source(1, 4), SIZE, true, TestParams.only("mosaic", 1), 3);
        int[] order = new int[40];
        Arrays.setAll(order, i -> i % N);
        try (BatchLoader loader = new BatchLoader(samples, 0, order, 8)) {
            while (loader.hasNext()) {
                loader.next();
            }
        }
        assertEquals(List.of("img1.png", "img4.png"), samples.badImages().names());
        assertTrue(samples.badImages().replacements() > 10, samples.badImages().replacements() + " replacements");
    }

    @Test
    void aReadFailureReachesTheConsumerWithTheImageName() {
        InMemoryImageSource good = source();
        ImageSource failing = new DelegatingSource(good) {
            @Override
            public byte[] bytes(int index) throws IOException {
                if (index == 4) {
                    throw new IOException("connection reset");
                }
                return super.bytes(index);
            }
        };
        SampleFactory samples = SampleFactory.plain(failing, SIZE);
        try (BatchLoader loader = new BatchLoader(samples, 0, new int[] {0, 1, 2, 3, 4, 5}, 2)) {
            loader.next();
            loader.next();
            IllegalStateException e = assertThrows(IllegalStateException.class, loader::next);
            assertTrue(e.getMessage().contains("img4.png") && e.getMessage().contains("connection reset"),
                    e.getMessage());
            assertTrue(e.getCause() instanceof SampleException);
            assertEquals("img4.png", ((SampleException) e.getCause()).imageName());
            assertFalse(loader.hasNext(), "a failed loader is closed");
        }
    }

    @Test
    void closeStopsTheThreadsWhileBatchesAreBeingBuilt() {
        ImageSource slow = new DelegatingSource(source()) {
            @Override
            public byte[] bytes(int index) throws IOException {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
                return super.bytes(index);
            }
        };
        SampleFactory samples = SampleFactory.plain(slow, SIZE);
        int[] order = new int[200];
        Arrays.setAll(order, i -> i % N);
        BatchLoader loader = new BatchLoader(samples, 0, order, 4, 2, 8);
        Batch first = loader.next();
        assertTrue(first.waitNanos() > 50_000_000L, "waited " + first.waitNanos() + " ns for 4 slow images");
        long start = System.nanoTime();
        loader.close();
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "close took over 5 s");
        assertTrue(loaderThreads().isEmpty(), "still alive: " + loaderThreads());
        assertFalse(loader.hasNext());
        assertThrows(NoSuchElementException.class, loader::next);
        loader.close();
    }

    private static List<String> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("batch-loader-")).toList();
    }

    /** Forwards to another source; tests override one method. */
    private static class DelegatingSource implements ImageSource {
        private final ImageSource inner;

        DelegatingSource(ImageSource inner) {
            this.inner = inner;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public String name(int index) {
            return inner.name(index);
        }

        @Override
        public float[][] labels(int index) {
            return inner.labels(index);
        }

        @Override
        public byte[] bytes(int index) throws IOException {
            return inner.bytes(index);
        }
    }
}
