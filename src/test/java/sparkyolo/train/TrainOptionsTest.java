package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.dist.WireFormat;
import sparkyolo.util.InvalidOptionException;

/** One typed, checked set of training options: every bad value is refused naming its flag. */
class TrainOptionsTest {
    static void refused(String flag, String message, UnaryOperator<TrainOptions.Builder> change) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> change.apply(TrainOptions.builder()).build());
        assertEquals(flag, e.option());
        assertEquals(message, e.getMessage());
    }

    @Test
    void eachBadValueNamesItsFlag() {
        refused("--epochs", "--epochs must be at least 1, got 0", b -> b.epochs(0));
        refused("--batch-size", "--batch-size must be at least 1, got 0", b -> b.batchSize(0));
        refused("--img", "--img must be between 1 and 8192 pixels, got 0", b -> b.imgSize(0));
        refused("--workers", "--workers must not be negative, got -1", b -> b.workers(-1));
        refused("--seed", "--seed must be in [0, 4294967295] (AutoAnchor seeds numpy with it, as the original), got -1",
                b -> b.seed(-1));
        refused("--nan-limit", "--nan-limit must be at least 1, got 0", b -> b.nanStepLimit(0));
        refused("--replicas", "--replicas must not be negative, got -2", b -> b.replicas(-2));
        refused("--micro-batch", "--micro-batch must not be negative, got -1", b -> b.microBatch(-1));
        refused("--gpus-per-replica", "--gpus-per-replica must not be negative, got -1", b -> b.gpusPerReplica(-1));
        refused("--label-smoothing", "--label-smoothing must be in [0, 1), got 1.0", b -> b.labelSmoothing(1));
        refused("--freeze", "--freeze names layers by number, got 'backbone'", b -> b.freeze(List.of("backbone")));
        refused("--batch-size", "--batch-size 2 is smaller than --replicas 4: every replica needs at least one image"
                + " per batch", b -> b.batchSize(2).replicas(4));
    }

    @Test
    void optimizerAndWireFormatParseTheirFlagValues() {
        assertEquals(OptimizerName.ADAMW, OptimizerName.parse("AdamW"));
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> OptimizerName.parse("Foo"));
        assertEquals("--optimizer must be one of SGD, Adam, AdamW, got 'Foo'", e.getMessage());
        assertEquals(WireFormat.BF16, WireFormat.parse("bf16"));
        assertEquals("--grad-compression", assertThrows(InvalidOptionException.class,
                () -> WireFormat.parse("int8")).option());
    }

    @Test
    void defaultsAreTheCommandLinesAndFreezeFollowsTheOriginal() {
        TrainOptions o = TrainOptions.builder().build();
        assertEquals(List.of(3, 16, 320, 2, 10, 0), List.of(o.epochs(), o.batchSize(), o.imgSize(), o.workers(),
                o.nanStepLimit(), o.replicas()));
        assertEquals(OptimizerName.SGD, o.optimizer());
        assertEquals(WireFormat.NONE, o.gradCompression());
        assertEquals(List.of("model.0.", "model.1.", "model.2."), TrainOptions.freezeLayers(3));
        assertEquals(List.of("model.1.", "model.4."), TrainOptions.freezeLayers(1, 4));
        assertEquals(List.of(), TrainOptions.freezeLayers(0));
    }

    @Test
    void checkpointsOfEarlierVersionsStillRead() throws Exception {
        // The options of a checkpoint are stored as JSON; flag values as the command line spells them.
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> stored = Map.ofEntries(Map.entry("epochs", 5), Map.entry("batchSize", 8),
                Map.entry("imgSize", 128), Map.entry("optimizer", "Adam"), Map.entry("cosLr", true),
                Map.entry("labelSmoothing", 0.1), Map.entry("freeze", List.of("model.0.")), Map.entry("seed", 3),
                Map.entry("workers", 1), Map.entry("nanStepLimit", 10), Map.entry("replicas", 2),
                Map.entry("microBatch", 0), Map.entry("gradCompression", "bf16"), Map.entry("gpusPerReplica", 0));
        TrainOptions o = json.convertValue(stored, TrainOptions.class);
        assertEquals(OptimizerName.ADAM, o.optimizer());
        assertEquals(WireFormat.BF16, o.gradCompression());
        assertEquals(CacheMode.NONE, o.cache(), "written before --cache existed");
        Map<?, ?> written = json.convertValue(o.toBuilder().cache(CacheMode.DISK).build(), Map.class);
        assertEquals("Adam", written.get("optimizer"));
        assertEquals("bf16", written.get("gradCompression"));
        assertEquals("disk", written.get("cache"));
        assertEquals(CacheMode.DISK, json.convertValue(written, TrainOptions.class).cache());
        written = json.convertValue(o, Map.class);
        assertEquals(o, json.convertValue(written, TrainOptions.class));
    }

    @Test
    void requestChecksItsOwnFlags() {
        TrainOptions o = TrainOptions.builder().build();
        assertEquals("--patience", assertThrows(InvalidOptionException.class,
                () -> TrainRequest.builder("data.yaml", o).patience(-1).build()).option());
        assertEquals("--save-period-batches", assertThrows(InvalidOptionException.class,
                () -> TrainRequest.builder("data.yaml", o).savePeriodBatches(-1).build()).option());
        TrainRequest r = TrainRequest.builder("data.yaml", o).weights("").cfg("").build();
        assertEquals(null, r.weights(), "an empty --weights trains from scratch");
        assertEquals(null, r.cfg());
    }
}
