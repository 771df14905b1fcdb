package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import sparkyolo.hyp.Hyp;

/** A sample depends on (run seed, epoch, index) only: not on the thread, the order or the factory instance. */
class DeterminismTest {
    private static final int SIZE = 256;
    private static final int EPOCHS = 3;
    private static final ImageSource SOURCE = Scenes.source();
    /** Every random step on: mosaic, mixup, all warps, HSV and both flips. */
    private static final AugmentParams ALL = AugmentParams.of(Hyp.defaults().with("degrees", 10).with("shear", 5)
            .with("perspective", 0.0005).with("flipud", 0.5).with("mosaic", 0.7).with("mixup", 0.5));

    private record Key(int epoch, int index) {
    }

    private record Result(byte[] pixels, float[][] labels) {
        static Result of(Sample s) {
            Result r = new Result(Scenes.bytes(s.image()), s.labels());
            s.release();
            return r;
        }
    }

    @Test
    void sameSeedEpochAndIndexGiveIdenticalSamplesFromAnyThreadAndOrder() throws Exception {
        List<Key> keys = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
            for (int i = 0; i < SOURCE.size(); i++) {
                keys.add(new Key(e, i));
            }
        }
        SampleFactory first = new SampleFactory(SOURCE, SIZE, true, ALL, 42);
        List<Result> sequential = new ArrayList<>();
        for (Key k : keys) {
            sequential.add(Result.of(first.sample(k.epoch(), k.index())));
        }

        List<Key> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(1));
        SampleFactory second = new SampleFactory(SOURCE, SIZE, true, ALL, 42);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Key k : shuffled) {
                futures.add(pool.submit(() -> Result.of(second.sample(k.epoch(), k.index()))));
            }
            for (int j = 0; j < shuffled.size(); j++) {
                Key k = shuffled.get(j);
                Result expected = sequential.get(keys.indexOf(k));
                Result actual = futures.get(j).get();
                assertArrayEquals(expected.pixels(), actual.pixels(), k.toString());
                assertEquals(expected.labels().length, actual.labels().length, k.toString());
                for (int r = 0; r < expected.labels().length; r++) {
                    assertArrayEquals(expected.labels()[r], actual.labels()[r], k.toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherEpochOrRunSeedGivesAnotherSample() {
        SampleFactory samples = new SampleFactory(SOURCE, SIZE, true, ALL, 42);
        SampleFactory otherRun = new SampleFactory(SOURCE, SIZE, true, ALL, 43);
        for (int i = 0; i < SOURCE.size(); i++) {
            byte[] epoch0 = Result.of(samples.sample(0, i)).pixels();
            assertFalse(Arrays.equals(epoch0, Result.of(samples.sample(1, i)).pixels()), "image " + i + ", epoch 1");
            assertFalse(Arrays.equals(epoch0, Result.of(otherRun.sample(0, i)).pixels()), "image " + i + ", seed 43");
        }
    }
}
