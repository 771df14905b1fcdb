package sparkyolo.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkyolo.random.NumpyRandomState;
import sparkyolo.random.RandomDraws;

/**
 * float32 sums and means against torch 1.13's (CPU, AVX2, one thread), bit for bit, on lengths
 * around the 8-float vector, the 4-vector groups and the 16-group cascade runs.
 */
class TorchSumTest {
    static Stream<Arguments> lengths() {
        return RandomDraws.entries("n", "torch_sums", "sums");
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void sumsAsTorch(String n, JsonNode reference) {
        int length = Integer.parseInt(n);
        // The script's input: RandomState(7).random_sample(n) as float32, values under 0.1 zeroed.
        NumpyRandomState rs = new NumpyRandomState(7);
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            float v = (float) rs.randomSample();
            a[i] = v < 0.1f ? 0f : v;
        }
        assertEquals((float) reference.get("sum").asDouble(), TorchSum.sum(a), 0f, "sum");
        assertEquals((float) reference.get("mean").asDouble(), TorchSum.mean(a), 0f, "mean");
    }
}
