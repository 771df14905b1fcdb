package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Update rules checked against PyTorch's documented formulas, worked by hand in doubles. */
class OptimizerTest {
    static final byte W = (byte) ParamGroup.WEIGHT.ordinal();
    static final byte B = (byte) ParamGroup.BIAS.ordinal();

    @Test
    void sgdNesterovWithWeightDecayOnlyOnWeights() {
        Optimizer sgd = Optimizer.create(OptimizerName.SGD, 3, 0.9);
        float[] p = {1f, 2f, 3f};
        byte[] groups = {W, B, Optimizer.FROZEN};
        StepSettings s = new StepSettings(new double[] {0.1, 0.01, 0.01}, 0.9, 0.5);
        sgd.step(p, 0, new float[] {0.5f, 0.5f, 0.5f}, 3, groups, s);
        // weight: d = 0.5 + 0.5*1 = 1; buf = d = 1; p = 1 - 0.01*(1 + 0.9*1) = 0.981
        // bias:   d = 0.5 (no decay); buf = 0.5; p = 2 - 0.1*(0.5 + 0.45) = 1.905
        assertEquals(0.981, p[0], 1e-6);
        assertEquals(1.905, p[1], 1e-6);
        assertEquals(3f, p[2], "frozen parameters never move");
        sgd.step(p, 0, new float[] {0.5f, 0.5f, 0.5f}, 3, groups, s);
        // weight: d = 0.5 + 0.5*0.981 = 0.9905; buf = 0.9*1 + 0.9905 = 1.8905; p -= 0.01*(0.9905 + 0.9*1.8905)
        assertEquals(0.981 - 0.01 * (0.9905 + 0.9 * 1.8905), p[0], 1e-6);
    }

    @Test
    void adamAndAdamWFollowTheirFormulas() {
        byte[] groups = {W};
        StepSettings s = new StepSettings(new double[] {0.1, 0.1, 0.1}, 0.9, 0.1);
        Optimizer adam = Optimizer.create(OptimizerName.ADAM, 1, 0.9);
        float[] p = {1f};
        adam.step(p, 0, new float[] {0.2f}, 1, groups, s);
        // g = 0.2 + 0.1*1 = 0.3; m = 0.03; v = 0.00009; m^ = 0.3, v^ = 0.09 → p = 1 - 0.1*0.3/(0.3 + 1e-8)
        assertEquals(1 - 0.1 * 0.3 / (0.3 + 1e-8), p[0], 1e-6);
        Optimizer adamw = Optimizer.create(OptimizerName.ADAMW, 1, 0.9);
        float[] q = {1f};
        adamw.step(q, 0, new float[] {0.2f}, 1, groups, s);
        // decoupled: p *= 1 - 0.1*0.1 = 0.99; then g = 0.2 → step 0.1*0.2/(0.2 + 1e-8)
        assertEquals(0.99 - 0.1 * 0.2 / (0.2 + 1e-8), q[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> OptimizerName.parse("RMSProp"));
    }

    @Test
    void stateRoundTripsSoAResumedStepIsIdentical() {
        byte[] groups = {W, W};
        StepSettings s = new StepSettings(new double[] {0.01, 0.01, 0.01}, 0.937, 5e-4);
        Optimizer a = Optimizer.create(OptimizerName.SGD, 2, 0.937);
        float[] pa = {0.3f, -0.7f};
        a.step(pa, 0, new float[] {0.1f, 0.2f}, 2, groups, s);
        Optimizer b = Optimizer.create(OptimizerName.SGD, 2, 0.937);
        b.loadState(a.state());
        float[] pb = pa.clone();
        a.step(pa, 0, new float[] {-0.3f, 0.05f}, 2, groups, s);
        b.step(pb, 0, new float[] {-0.3f, 0.05f}, 2, groups, s);
        assertArrayEquals(pa, pb);
    }

    @Test
    void emaRampsItsDecayAsTheOriginal() {
        Ema ema = new Ema(new float[] {0f}, 0);
        ema.update(new float[] {1f}, 0);
        double d = 0.9999 * (1 - Math.exp(-1 / 2000.0));
        assertEquals(1 - d, ema.values()[0], 1e-7);
        assertEquals(1, ema.updates());
    }

    @Test
    void gradClipScalesToTheMaximumNorm() {
        float[] g = {30f, 40f};
        assertEquals(50.0, GradClip.scale(g, g.length, 30 * 30 + 40 * 40, 10.0), 1e-9);
        assertEquals(6f, g[0], 1e-4);
        assertEquals(8f, g[1], 1e-4);
        float[] small = {3f, 4f};
        GradClip.scale(small, small.length, 25, 10.0);
        assertArrayEquals(new float[] {3f, 4f}, small);
    }

    @Test
    void nanGuardSkipsAndStopsAfterTheLimit() {
        NanGuard guard = new NanGuard(2, 0);
        assertEquals(true, guard.check(true, "step 0"));
        assertEquals(false, guard.check(false, "step 1"));
        assertEquals(1, guard.skipped());
        NanGuard.NonFiniteTrainingException e = assertThrows(NanGuard.NonFiniteTrainingException.class,
                () -> guard.check(false, "step 2"));
        assertEquals(true, e.getMessage().contains("step 2"));
    }
}
