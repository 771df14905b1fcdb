package sparkyolo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import sparkyolo.train.EpochStats;
import sparkyolo.train.StepTimes;

/**
 * Timed training batches of {@code benchmark train}: images, wall seconds and seconds spent in
 * data (waiting for the loader), forward, loss, backward, optimizer and EMA.
 */
record TrainTimes(int images, double seconds, double[] parts) {
    static final String[] PARTS = {"data", "forward", "loss", "backward", "optimizer", "ema"};
    static final TrainTimes NONE = new TrainTimes(0, 0, new double[PARTS.length]);

    double rate() {
        return images / seconds;
    }

    TrainTimes plus(TrainTimes o) {
        double[] sum = parts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += o.parts[i];
        }
        return new TrainTimes(images + o.images, seconds + o.seconds, sum);
    }

    /** Ours: a span's statistics and its wall time. */
    static TrainTimes of(EpochStats s, double seconds) {
        StepTimes t = s.steps();
        double optimizer = t.copyOut() + t.reduceScatter() + t.norm() + t.update() + t.allGather() + t.copyIn();
        return new TrainTimes(s.images(), seconds, new double[] {s.dataWaitNanos() / 1e9, s.passes().forward() / 1e9,
            s.passes().loss() / 1e9, s.passes().backward() / 1e9, optimizer / 1e9, t.ema() / 1e9});
    }

    /** The original's answer to a round ({@code peers/original_train.py}). */
    static TrainTimes of(JsonNode r) {
        double[] parts = new double[PARTS.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = r.get("parts_s").get(PARTS[i]).asDouble();
        }
        return new TrainTimes(r.get("images").asInt(), r.get("seconds").asDouble(), parts);
    }
}
