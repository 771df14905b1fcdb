package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import sparkyolo.engine.Engines;

/** BCE-with-logits, positive weight and focal loss against hand values and a plain double formula. */
class BceWithLogitsTest {
    static final float[] LOGITS = {-3f, -0.5f, 0f, 0.7f, 2.5f, 12f};
    static final float[] TARGETS = {0f, 1f, 0.95f, 0.05f, 1f, 0f};

    /** -(pw t log p + (1 - t) log(1 - p)) with p = σ(x), optionally times alpha_t (1 - p_t)^γ; mean. */
    static double reference(float[] x, float[] t, double posWeight, double gamma) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double p = 1 / (1 + Math.exp(-x[k]));
            double loss = -(posWeight * t[k] * Math.log(p) + (1 - t[k]) * Math.log(1 - p));
            if (gamma > 0) {
                double pt = t[k] * p + (1 - t[k]) * (1 - p);
                double alpha = t[k] * 0.25 + (1 - t[k]) * 0.75;
                loss *= alpha * Math.pow(1 - pt, gamma);
            }
            sum += loss;
        }
        return sum / x.length;
    }

    static float mean(float[] x, float[] t, double posWeight, double gamma) {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            return new BceWithLogits(posWeight, gamma).mean(m.create(x), m.create(t)).getFloat();
        }
    }

    @Test
    void zeroLogitCostsLog2AndFocalScalesItByAlphaAndHalfToTheGamma() {
        // σ(0) = 0.5: BCE = ln 2 for either target; focal with t = 1: p_t = 0.5, alpha_t = 0.25,
        // (1 - p_t)^2 = 0.25, so ln 2 * 0.0625 = 0.0433217; with t = 0: alpha_t = 0.75 -> ln 2 * 0.1875.
        float[] zero = {0f};
        assertEquals(Math.log(2), mean(zero, new float[] {1f}, 1.0, 0), 1e-7);
        assertEquals(Math.log(2) * 0.0625, mean(zero, new float[] {1f}, 1.0, 2.0), 1e-7);
        assertEquals(Math.log(2) * 0.1875, mean(zero, new float[] {0f}, 1.0, 2.0), 1e-7);
    }

    @Test
    void positiveWeightScalesOnlyThePositivePart() {
        // x = 0, t = 1, pos_weight 3: -3 log 0.5 = 3 ln 2; x = 0, t = 0 is unaffected: ln 2.
        assertEquals(3 * Math.log(2), mean(new float[] {0f}, new float[] {1f}, 3.0, 0), 1e-6);
        assertEquals(Math.log(2), mean(new float[] {0f}, new float[] {0f}, 3.0, 0), 1e-7);
    }

    @Test
    void matchesThePlainFormulaOnSoftTargets() {
        for (double pw : new double[] {1.0, 2.5}) {
            for (double gamma : new double[] {0, 1.5, 2.0}) {
                double expected = reference(LOGITS, TARGETS, pw, gamma);
                assertEquals(expected, mean(LOGITS, TARGETS, pw, gamma), 1e-6 * Math.abs(expected),
                        "pos_weight " + pw + " gamma " + gamma);
            }
        }
    }
}
