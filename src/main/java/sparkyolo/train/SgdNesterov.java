package sparkyolo.train;

import java.util.Map;

/**
 * torch.optim.SGD with Nesterov momentum and L2 weight decay: {@code d = g + wd·p;
 * buf = m·buf + d} (buf = d on the first step); {@code p -= lr·(d + m·buf)}.
 */
final class SgdNesterov implements Optimizer {
    private float[] buf;
    private boolean started;

    SgdNesterov(int size) {
        buf = new float[size];
    }

    @Override
    public void step(float[] params, int offset, float[] grads, int length, byte[] groups, StepSettings s) {
        float m = (float) s.momentum();
        float[] lr = {(float) s.lr(0), (float) s.lr(1), (float) s.lr(2)};
        float[] wd = {(float) s.decay(0), (float) s.decay(1), (float) s.decay(2)};
        for (int j = 0; j < length; j++) {
            int i = offset + j;
            int g = groups[i];
            if (g == FROZEN) {
                continue;
            }
            float d = wd[g] != 0f ? grads[j] + wd[g] * params[i] : grads[j];
            float b = started ? buf[j] * m + d : d;
            buf[j] = b;
            params[i] = params[i] + (-lr[g]) * (d + m * b);
        }
        started = true;
    }

    @Override
    public Map<String, float[]> state() {
        return Map.of("momentum_buffer", buf, SCALAR + "started", new float[] {started ? 1f : 0f});
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        buf = state.get("momentum_buffer").clone();
        started = state.get(SCALAR + "started")[0] != 0f;
    }
}
