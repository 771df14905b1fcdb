package sparkyolo.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** random.random() after random.seed(n) against CPython's, for one-word, two-word and negative seeds. */
class PythonRandomTest {
    static Stream<Arguments> seeds() {
        return RandomDraws.entries("seed", "python");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void drawsAsCPython(String seed, JsonNode reference) {
        PythonRandom r = new PythonRandom(Long.parseLong(seed));
        double[] v = new double[700];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.random();
        }
        reference.get("check").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(),
                v[Integer.parseInt(e.getKey())], 0.0, "random() #" + e.getKey()));
    }
}
