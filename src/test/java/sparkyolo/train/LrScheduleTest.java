package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import sparkyolo.hyp.Hyp;

/** The original's warmup and schedule, values worked out from its formulas. */
class LrScheduleTest {
    final Hyp hyp = Hyp.defaults();

    @Test
    void linearAndCosineFactors() {
        LrSchedule linear = new LrSchedule(hyp, 10, false, 16);
        assertEquals(1.0, linear.factor(0), 1e-12);
        // (1 - 5/10) * (1 - 0.01) + 0.01
        assertEquals(0.505, linear.factor(5), 1e-12);
        LrSchedule cosine = new LrSchedule(hyp, 10, true, 16);
        assertEquals(1.0, cosine.factor(0), 1e-12);
        // ((1 - cos(pi/2)) / 2) * (0.01 - 1) + 1
        assertEquals(0.505, cosine.factor(5), 1e-12);
    }

    @Test
    void warmupRampsBiasLrMomentumAndAccumulation() {
        LrSchedule s = new LrSchedule(hyp, 3, false, 16);
        long nw = s.warmupIterations(8);
        assertEquals(100, nw, "max(3 epochs * 8 batches, 100)");
        StepSettings first = s.settings(0, 0, nw);
        assertEquals(0.1, first.lr(ParamGroup.BIAS.ordinal()), 1e-12);
        assertEquals(0.0, first.lr(ParamGroup.WEIGHT.ordinal()), 1e-12);
        assertEquals(0.8, first.momentum(), 1e-12);
        StepSettings half = s.settings(0, 50, nw);
        assertEquals((0.1 + 0.01) / 2, half.lr(ParamGroup.BIAS.ordinal()), 1e-12);
        assertEquals(0.005, half.lr(ParamGroup.NORM_WEIGHT.ordinal()), 1e-12);
        assertEquals((0.8 + 0.937) / 2, half.momentum(), 1e-12);
        assertEquals(1, s.accumulate(0, nw));
        assertEquals(3, s.accumulate(60, nw), "round(1 + 3 * 0.6) = round(2.8)");
        assertEquals(4, s.accumulate(), "64 / 16");
        assertEquals(0.0005, s.weightDecay(), 1e-12, "5e-4 * 16 * 4 / 64");
        StepSettings after = s.settings(2, 200, nw);
        assertEquals(0.01 * s.factor(2), after.lr(ParamGroup.BIAS.ordinal()), 1e-12);
        assertEquals(0.937, after.momentum(), 1e-12);
    }
}
