package sparkyolo.train;

import java.util.Arrays;
import sparkyolo.hyp.Hyp;

/**
 * The original's learning-rate recipe: per-epoch factor lf(epoch) (linear from 1 to lrf, or
 * cosine with --cos-lr), and a warmup over the first {@code max(warmup_epochs·nb, 100)}
 * iterations during which the bias lr falls from warmup_bias_lr, the other lrs rise from 0,
 * momentum rises from warmup_momentum and gradient accumulation ramps up from 1.
 */
public final class LrSchedule {
    public static final int NOMINAL_BATCH = 64;

    private final Hyp hyp;
    private final int epochs;
    private final boolean cosine;
    private final int batchSize;

    public LrSchedule(Hyp hyp, int epochs, boolean cosine, int batchSize) {
        this.hyp = hyp;
        this.epochs = epochs;
        this.cosine = cosine;
        this.batchSize = batchSize;
    }

    /** lf(epoch). */
    public double factor(int epoch) {
        double lrf = hyp.get("lrf");
        if (cosine) {
            return ((1 - Math.cos(epoch * Math.PI / epochs)) / 2) * (lrf - 1) + 1;
        }
        return (1 - epoch / (double) epochs) * (1.0 - lrf) + lrf;
    }

    /** Number of warmup iterations for {@code batchesPerEpoch}. */
    public long warmupIterations(int batchesPerEpoch) {
        return Math.max(Math.round(hyp.get("warmup_epochs") * batchesPerEpoch), 100);
    }

    /** Batches accumulated per optimizer step after warmup: max(round(64 / batch), 1). */
    public int accumulate() {
        return Math.max((int) Math.round(NOMINAL_BATCH / (double) batchSize), 1);
    }

    /** Weight decay scaled as the original: weight_decay · batch · accumulate / 64. */
    public double weightDecay() {
        return hyp.get("weight_decay") * batchSize * accumulate() / NOMINAL_BATCH;
    }

    /**
     * The settings for integrated batch {@code ni} of {@code epoch} ({@code batchesPerEpoch}
     * batches an epoch), as the original applies them. While ni ≤ nw, warmup interpolates towards
     * lr0·lf(epoch). Afterwards the learning rate is what was last written: lr0·lf(epoch) in the
     * epoch where warmup ended (its value at ni = nw), and in later epochs the LambdaLR's, which
     * runs one epoch behind (the original sets {@code scheduler.last_epoch = start_epoch - 1} and
     * steps it at each epoch's end), so epoch e trains with lr0·lf(e − 1). Adam keeps its beta1
     * (the original ramps only SGD's momentum).
     */
    public StepSettings settings(int epoch, long ni, long nw, int batchesPerEpoch) {
        double lr0 = hyp.get("lr0") * factor(epoch);
        double[] lr = {lr0, lr0, lr0};
        double momentum = hyp.get("momentum");
        if (ni <= nw) {
            double t = nw == 0 ? 1 : ni / (double) nw;
            lr[0] = interp(t, hyp.get("warmup_bias_lr"), lr0);
            lr[1] = interp(t, 0.0, lr0);
            lr[2] = interp(t, 0.0, lr0);
            momentum = interp(t, hyp.get("warmup_momentum"), hyp.get("momentum"));
        } else if (nw < (long) epoch * batchesPerEpoch) {
            Arrays.fill(lr, hyp.get("lr0") * factor(epoch - 1));
        }
        return new StepSettings(lr, momentum, weightDecay());
    }

    /** Accumulation during warmup: max(1, round(interp(ni, [0, nw], [1, 64 / batch]))). */
    public int accumulate(long ni, long nw) {
        if (ni > nw) {
            return accumulate();
        }
        double t = nw == 0 ? 1 : ni / (double) nw;
        return (int) Math.max(1, Math.rint(interp(t, 1, NOMINAL_BATCH / (double) batchSize)));
    }

    private static double interp(double t, double a, double b) {
        return a + (b - a) * t;
    }
}
