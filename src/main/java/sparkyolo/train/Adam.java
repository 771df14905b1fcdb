package sparkyolo.train;

import java.util.Map;

/**
 * torch.optim.Adam (L2 weight decay added to the gradient) or AdamW (decoupled decay), with
 * betas (beta1, 0.999) and eps 1e-8, as the original's smart_optimizer sets them.
 */
final class Adam implements Optimizer {
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;
    private final float beta1;
    private final boolean decoupled;
    private float[] expAvg;
    private float[] expAvgSq;
    private long steps;

    Adam(int size, double beta1, boolean decoupled) {
        this.beta1 = (float) beta1;
        this.decoupled = decoupled;
        expAvg = new float[size];
        expAvgSq = new float[size];
    }

    @Override
    public void step(float[] params, int offset, float[] grads, int length, byte[] groups, StepSettings s) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(BETA2, steps));
        for (int j = 0; j < length; j++) {
            int i = offset + j;
            int g = groups[i];
            if (g == FROZEN) {
                continue;
            }
            float lr = (float) s.lr(g);
            float wd = (float) s.decay(g);
            float grad = grads[j];
            if (decoupled) {
                params[i] *= 1 - lr * wd;
            } else if (wd != 0f) {
                grad += wd * params[i];
            }
            expAvg[j] = expAvg[j] * beta1 + grad * (1 - beta1);
            expAvgSq[j] = expAvgSq[j] * BETA2 + grad * grad * (1 - BETA2);
            float denom = (float) Math.sqrt(expAvgSq[j]) / bc2Sqrt + EPS;
            params[i] += (float) (-lr / bc1) * (expAvg[j] / denom);
        }
    }

    @Override
    public Map<String, float[]> state() {
        return Map.of("exp_avg", expAvg, "exp_avg_sq", expAvgSq, SCALAR + "step", new float[] {steps});
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        expAvg = state.get("exp_avg").clone();
        expAvgSq = state.get("exp_avg_sq").clone();
        steps = (long) state.get(SCALAR + "step")[0];
    }
}
