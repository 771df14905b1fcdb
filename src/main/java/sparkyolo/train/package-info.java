/**
 * Training as the original's train.py on Spark: the driver ({@link sparkyolo.train.TrainJob}: set-up,
 * one job per epoch, validation, checkpoints, retries by failure type), the replica's loop
 * ({@link sparkyolo.train.ReplicaTrainer}) and its optimizer step over owner slices
 * ({@link sparkyolo.train.OptimizerStep}), the optimizers, EMA, learning-rate schedule and typed options.
 */
package sparkyolo.train;
