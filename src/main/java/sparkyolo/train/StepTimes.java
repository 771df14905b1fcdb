package sparkyolo.train;

import java.io.Serializable;

/**
 * Where the time of optimizer steps went, in nanoseconds: gradients out of the model (with the
 * BatchNorm contributions), the reduce-scatter, the gradient-norm exchange, the sharded optimizer
 * update (clip included), the all-gather, values back into the model, the EMA. Sums over steps.
 */
public record StepTimes(long copyOut, long reduceScatter, long norm, long update, long allGather, long copyIn,
        long ema) implements Serializable {
    public static final StepTimes ZERO = new StepTimes(0, 0, 0, 0, 0, 0, 0);

    public StepTimes plus(StepTimes o) {
        return new StepTimes(copyOut + o.copyOut, reduceScatter + o.reduceScatter, norm + o.norm, update + o.update,
                allGather + o.allGather, copyIn + o.copyIn, ema + o.ema);
    }

    /** The synchronization: from the gradients' copy out of the model to the weights' copy back in. */
    public long sync() {
        return copyOut + reduceScatter + norm + allGather + copyIn;
    }

    /** The replica's own work on its slice: the optimizer update and the EMA. */
    public long updateAndEma() {
        return update + ema;
    }
}
