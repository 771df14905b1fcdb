package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkyolo.dist.WireFormat;
import sparkyolo.testing.TestSpark;

/** {@code benchmark step} runs the training's optimizer step with real gradients on two replicas. */
class StepBenchmarkTest {
    @Test
    void twoReplicasTimeEveryPartOfTheStep() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        List<StepBenchmark.Result> results = StepBenchmark.run(sc,
                new StepBenchmark.Settings(2, 3, 1, List.of("yolov5n"), WireFormat.NONE));
        assertEquals(1, results.size());
        StepBenchmark.Result r = results.get(0);
        assertEquals("yolov5n", r.model());
        assertEquals(2, r.replicas());
        assertTrue(r.parameters() > 1_800_000, "yolov5n's parameters: " + r.parameters());
        for (double ms : new double[] {r.copyOutMs(), r.reduceScatterMs(), r.optimizerMs(), r.allGatherMs(),
            r.copyInMs(), r.emaMs()}) {
            assertTrue(ms > 0 && Double.isFinite(ms), "every part takes time: " + r);
        }
    }
}
