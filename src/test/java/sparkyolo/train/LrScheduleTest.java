package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sparkyolo.hyp.Hyp;

/**
 * The schedule against the original's: lr-schedule.json holds, iteration by iteration, what
 * PyTorch's SGD and LambdaLR driven as the original's train.py drives them put into the optimizer
 * (src/test/python/lr_schedule_reference.py wrote it), for uninterrupted and resumed runs.
 */
class LrScheduleTest {
    final Hyp hyp = Hyp.defaults();

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = LrScheduleTest.class.getResourceAsStream("/schedule/lr-schedule.json")) {
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @Test
    void referenceUsesTheDefaultHyp() throws IOException {
        try (InputStream in = LrScheduleTest.class.getResourceAsStream("/schedule/lr-schedule.json")) {
            new ObjectMapper().readTree(in).get("hyp").fields()
                    .forEachRemaining(e -> assertEquals(e.getValue().asDouble(), hyp.get(e.getKey()), e.getKey()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyIterationAsTheOriginal(JsonNode c) {
        int nb = c.get("batches_per_epoch").asInt();
        LrSchedule s = new LrSchedule(hyp, c.get("epochs").asInt(), c.get("cos_lr").asBoolean(),
                c.get("batch_size").asInt());
        long nw = s.warmupIterations(nb);
        // A resumed run computes the same function of (epoch, iteration): its rows must match too.
        for (String rows : new String[] {"iterations", "resumed_iterations"}) {
            for (JsonNode row : c.get(rows)) {
                int epoch = row.get("epoch").asInt();
                long ni = row.get("ni").asLong();
                StepSettings settings = s.settings(epoch, ni, nw, nb);
                String where = c.get("name").asText() + " " + rows + " epoch " + epoch + " iteration " + ni;
                for (int g = 0; g < 3; g++) {
                    assertEquals(row.get("lr").get(g).asDouble(), settings.lr(g), 1e-15, where + " group " + g);
                }
                assertEquals(row.get("momentum").asDouble(), settings.momentum(), 1e-15, where);
                assertEquals(row.get("accumulate").asInt(), s.accumulate(ni, nw), where);
            }
        }
    }

    @Test
    void coco128TwentyEpochsLogsTheOriginalsRates() {
        // The 20-epoch side-by-side: 8 batches an epoch; the original logs 0.00406 at epochs 12 and 13.
        LrSchedule s = new LrSchedule(hyp, 20, false, 16);
        long nw = s.warmupIterations(8);
        assertEquals(100, nw, "max(3 epochs * 8 batches, 100)");
        assertEquals(0.00406, s.settings(12, 12 * 8 + 7, nw, 8).lr(0), 1e-12);
        assertEquals(0.00406, s.settings(13, 13 * 8 + 7, nw, 8).lr(0), 1e-12);
        assertEquals(0.003565, s.settings(14, 14 * 8 + 7, nw, 8).lr(0), 1e-12);
    }

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
    void accumulationAndWeightDecayScale() {
        LrSchedule s = new LrSchedule(hyp, 3, false, 16);
        assertEquals(4, s.accumulate(), "64 / 16");
        assertEquals(0.0005, s.weightDecay(), 1e-12, "5e-4 * 16 * 4 / 64");
    }
}
