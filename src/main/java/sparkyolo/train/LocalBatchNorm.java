package sparkyolo.train;

import sparkyolo.dist.SliceBounds;

/** The buffers of a single replica: its forward passes update them in the model, nothing travels. */
final class LocalBatchNorm implements BatchNormStatistics {
    private final FlatLayout buffers;
    private final float[] values;

    LocalBatchNorm(FlatLayout buffers) {
        this.buffers = buffers;
        this.values = new float[buffers.size()];
    }

    @Override
    public int vectorLength() {
        return 0;
    }

    @Override
    public void beforeForward() {
    }

    @Override
    public void afterForward(int micro) {
    }

    @Override
    public void iterationDone(int[] forwardsPerReplica) {
    }

    @Override
    public boolean pending() {
        return false;
    }

    @Override
    public void contributionsInto(float[] vector, int at) {
    }

    @Override
    public void combineInto(float[] state, float[] summed, SliceBounds owned, int at) {
    }

    @Override
    public void writeBack(float[] state, int at) {
    }

    @Override
    public float[] current(float[] state, int at) {
        buffers.valuesInto(values, 0);
        return values;
    }

    @Override
    public float[] values() {
        return buffers.values();
    }
}
