package sparkyolo.model.layers;

import java.util.Arrays;
import java.util.Random;

/** PyTorch's default initial values (nn.Conv2d: kaiming_uniform with a=sqrt(5); BatchNorm: 1 and 0). */
public final class Init {
    private Init() {
    }

    /** Uniform in [-1/sqrt(fanIn), 1/sqrt(fanIn)), the default for conv weights and biases. */
    public static float[] uniformFanIn(Random random, int count, int fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (random.nextFloat() * 2f - 1f) * bound;
        }
        return v;
    }

    public static float[] filled(int count, float value) {
        float[] v = new float[count];
        Arrays.fill(v, value);
        return v;
    }
}
