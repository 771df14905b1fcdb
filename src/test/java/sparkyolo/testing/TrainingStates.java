package sparkyolo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * Compares whole training states (weights, EMA, optimizer buffers, BN statistics) of two runs.
 * Runs that should be equal are compared with the learning rate at zero
 * ({@link #FROZEN_LR_HYP}): kernels may round differently from run to run (seen rarely, at the
 * level of an ulp), and early training at the usual rates grows such differences chaotically to
 * the size of a whole step, while momentum buffers, BN statistics and EMA still change every step.
 */
public final class TrainingStates {
    /** hyp.scratch-low with lr0 and warmup_bias_lr at zero. */
    public static final String FROZEN_LR_HYP = "src/test/resources/hyps/hyp.frozen-lr.yaml";

    private TrainingStates() {
    }

    /** Every array of two checkpoints within {@code relative} of each array's largest magnitude. */
    public static void assertSame(Path expected, Path actual, double relative, String how) throws java.io.IOException {
        assertSame(Npz.read(expected), Npz.read(actual), relative, how);
    }

    public static void assertSame(Map<String, NpyArray> expected, Map<String, NpyArray> actual, double relative,
            String how) {
        assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("train/optimizer/")),
                "a training checkpoint: " + expected.keySet());
        assertArraysClose(expected, actual, relative, 1e-6, how);
    }

    /**
     * The same array names, and each array within {@code relative} of its largest magnitude (at
     * least {@code floor}).
     */
    public static void assertArraysClose(Map<String, NpyArray> expected, Map<String, NpyArray> actual, double relative,
            double floor, String how) {
        assertEquals(expected.keySet(), actual.keySet(), how);
        for (String k : expected.keySet()) {
            double[] x = expected.get(k).toDoubles();
            double[] y = actual.get(k).toDoubles();
            double scale = floor;
            double diff = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(x[i]));
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
            }
            assertTrue(diff <= relative * scale, how + ": " + k + " differs by " + diff + " (scale " + scale + ")");
        }
    }
}
