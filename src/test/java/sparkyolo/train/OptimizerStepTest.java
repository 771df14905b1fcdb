package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.BarrierStage;
import sparkyolo.dist.BlockCollective;
import sparkyolo.dist.PeerDirectory;
import sparkyolo.dist.SliceBounds;
import sparkyolo.dist.WireFormat;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.model.ParameterStore;
import sparkyolo.testing.TestSpark;

/** The optimizer step of two replicas in local mode, on a tiny model: one NaN/Inf protocol for all. */
class OptimizerStepTest {
    /** What a replica saw: the steps it skipped and its weights after each step. */
    record Replica(long skipped, float[][] weights) implements Serializable {
    }

    @Test
    void aNonFiniteGradientOnOneReplicaSkipsTheSameStepOnEveryReplica() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        List<Replica> replicas = BarrierStage.run(sc, 2, ctx -> {
            Engines.pytorch(1);
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            int rank = peers.myRank();
            try (NDManager m = NDManager.newBaseManager();
                 BlockCollective collective = new BlockCollective(peers,
                         AllReduceOptions.of("nan_step", 0, WireFormat.NONE))) {
                ParameterStore store = new ParameterStore(m);
                NDArray w = store.parameter("model.0.conv.weight", new float[] {1, 2, 3, 4, 5}, new Shape(5));
                NDArray b = store.parameter("model.0.conv.bias", new float[] {0.5f, -0.5f}, new Shape(2));
                FlatLayout params = FlatLayout.parameters(store, List.of());
                SliceBounds mine = OptimizerStep.ownedParameters(params.size(), params.size(), collective);
                byte[] groups = new byte[params.size()];
                for (FlatLayout.Segment s : params.segments()) {
                    Arrays.fill(groups, s.offset(), s.offset() + s.size(), (byte) s.group().ordinal());
                }
                float[] start = params.values();
                NanGuard guard = new NanGuard(10, 0);
                OptimizerStep step = new OptimizerStep(params, List.of(w, b),
                        new BatchNormSync(FlatLayout.floatBuffers(store), List.of(), rank), collective,
                        Optimizer.create(OptimizerName.SGD, mine.length(), 0.9),
                        new Ema(Arrays.copyOfRange(start, mine.from(), mine.to()), 0), new Ema(new float[0], 0), guard,
                        groups);
                Autograd.requireGradients(List.of(w, b));
                StepSettings settings = new StepSettings(new double[] {0.1, 0.1, 0.1}, 0.9, 0.0);
                float[][] after = new float[3][];
                for (int s = 0; s < 3; s++) {
                    // Step 1: replica 1's gradient of w[0] is NaN (only rank 0 owns that element).
                    float scale = s == 1 && rank == 1 ? Float.NaN : rank + 1;
                    NDArray x = m.create(new float[] {scale, 1, 1, 1, 1});
                    Autograd.recording(() -> {
                        Autograd.backward(w.mul(x).sum().add(b.mul(b).sum()));
                        return null;
                    });
                    step.run(settings, s, "step " + s);
                    after[s] = params.values();
                }
                // Peers may still be reading this replica's last blocks: keep them until everyone is done.
                ctx.barrier();
                return new Replica(guard.skipped(), after);
            }
        });
        for (Replica r : replicas) {
            assertEquals(1, r.skipped(), "every replica skips the step once");
            assertArrayEquals(r.weights()[0], r.weights()[1], "the skipped step changes no weight");
            assertNotEquals(Arrays.toString(r.weights()[1]), Arrays.toString(r.weights()[2]), "the next step updates");
        }
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(replicas.get(0).weights()[s], replicas.get(1).weights()[s], "same weights, step " + s);
        }
    }
}
