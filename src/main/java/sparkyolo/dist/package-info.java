/**
 * Data-parallel training's communication: the all-reduce of the flat gradient vector across the
 * replicas of a barrier stage, over the executors' BlockManagers, without the driver in the step
 * loop. Entry points: {@link sparkyolo.dist.PeerDirectory#exchange} once per stage, then a
 * {@link sparkyolo.dist.BlockAllReduce} per task; {@link sparkyolo.dist.BarrierStage} runs the
 * tasks; {@link sparkyolo.dist.AllReduceBenchmark} times it. See docs/allreduce.md.
 */
package sparkyolo.dist;
