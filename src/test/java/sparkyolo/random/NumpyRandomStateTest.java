package sparkyolo.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every draw against numpy 1.24's own, replaying the calls random_reference.py made on a RandomState. */
class NumpyRandomStateTest {
    static Stream<Arguments> seeds() {
        return RandomDraws.entries("seed", "numpy");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void drawsAsNumpy(String seed, JsonNode reference) {
        NumpyRandomState rs = new NumpyRandomState(Long.parseLong(seed));
        for (JsonNode op : reference.get("ops")) {
            String what = op.get("op").asText() + " n=" + op.get("n").asInt();
            int n = op.get("n").asInt();
            switch (op.get("op").asText()) {
                case "random_sample" -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.randomSample();
                    }
                    expect(op, v, what);
                }
                case "uniform" -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.uniform(op.get("low").asDouble(), op.get("high").asDouble());
                    }
                    expect(op, v, what);
                }
                case "standard_normal" -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.standardNormal();
                    }
                    expect(op, v, what);
                }
                case "permutation" -> {
                    int[] p = rs.permutation(n);
                    if (op.has("values")) {
                        expectInts(op.get("values"), p, 0, what);
                    } else {
                        expectInts(op.get("head"), p, 0, what);
                        expectInts(op.get("tail"), p, n - op.get("tail").size(), what);
                    }
                }
                case "choice" -> expectInts(op.get("values"), rs.choiceWithoutReplacement(n, op.get("k").asInt()), 0, what);
                default -> throw new IllegalStateException("unknown op " + op);
            }
        }
    }

    @Test
    void seedsOutsideNumpysRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }

    /** Checks all values ("values") or some by index ("check"). */
    private static void expect(JsonNode op, double[] actual, String what) {
        if (op.has("values")) {
            assertEquals(op.get("values").size(), actual.length, what);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(op.get("values").get(i).asDouble(), actual[i], 0.0, what + " [" + i + "]");
            }
        } else {
            op.get("check").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(),
                    actual[Integer.parseInt(e.getKey())], 0.0, what + " [" + e.getKey() + "]"));
        }
    }

    private static void expectInts(JsonNode expected, int[] actual, int from, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).asInt(), actual[from + i], what + " [" + (from + i) + "]");
        }
    }
}
