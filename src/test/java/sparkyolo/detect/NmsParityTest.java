package sparkyolo.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

/**
 * {@link Nms} against the original non_max_suppression outputs in nms.npz. Nms reproduces them bit
 * for bit (same float32 operations, torch's stable score sort), so even the tail of the 300-row
 * list, where the fixture README allows near-tie differences, is held to the strict tolerances.
 */
class NmsParityTest {
    private static final int ROW = 85;
    private static Map<String, NpyArray> forward;
    private static Map<String, NpyArray> expected;

    @BeforeAll
    static void load() throws IOException {
        forward = SharedFixtures.npz("forward.npz");
        expected = SharedFixtures.npz("nms.npz");
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode configs = new ObjectMapper().readTree(SharedFixtures.parity("nms.json").toFile()).get("configs");
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : configs) {
            NmsOptions options = NmsOptions.defaults()
                    .withConfThres(c.get("conf_thres").asDouble())
                    .withIouThres(c.get("iou_thres").asDouble())
                    .withMultiLabel(c.get("multi_label").asBoolean())
                    .withAgnostic(c.get("agnostic").asBoolean())
                    .withMaxDet(c.get("max_det").asInt());
            for (String input : List.of("x_img", "x_rand")) {
                out.add(Arguments.of(input, c.get("tag").asText(), options));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesReference(String input, String tag, NmsOptions options) {
        NpyArray decoded = forward.get(input + "_eval_decoded");
        long[] shape = decoded.shape();
        int rows = (int) shape[1];
        float[] all = decoded.toFloats();
        for (int b = 0; b < shape[0]; b++) {
            String key = input + "_" + tag + "_img" + b;
            float[][] got = Nms.apply(all, b * rows * ROW, rows, ROW, options);
            float[] want = expected.get(key).toFloats();
            assertEquals(want.length / 6, got.length, key + " count");
            for (int i = 0; i < got.length; i++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(want[6 * i + k], got[i][k], 1e-3, key + " row " + i + " coord " + k);
                }
                assertEquals(want[6 * i + 4], got[i][4], 1e-6, key + " row " + i + " conf");
                assertEquals(want[6 * i + 5], got[i][5], 0.0, key + " row " + i + " class");
            }
        }
    }
}
