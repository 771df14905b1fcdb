package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Nil$;
import sparkyolo.dist.PeerTimeoutException;
import sparkyolo.util.InvalidOptionException;
import sparkyolo.testing.TestSpark;

/** Failed training jobs are retried, failed or stopped by the type of their tasks' failures. */
class JobFailuresTest {
    static final String GROUP = "job-failures-test";

    static TaskEndReason threw(Throwable t) {
        return new ExceptionFailure(t, Nil$.MODULE$.<AccumulableInfo>empty(), true);
    }

    static TaskEndReason executorLost() {
        return new ExecutorLostFailure("1", true, Option.apply("Command exited with code 137"));
    }

    static TaskEndReason killed() {
        return new TaskKilled("Stage cancelled", Nil$.MODULE$.empty(), Nil$.MODULE$.empty(), Nil$.MODULE$.empty());
    }

    @Test
    void taskFailuresByType() {
        assertEquals(JobFailures.Verdict.FAIL,
                JobFailures.classify(List.of(threw(new IllegalStateException("a bug"))), "").verdict());
        assertEquals(JobFailures.Verdict.FAIL, JobFailures.classify(
                List.of(threw(new NanGuard.NonFiniteTrainingException("10 steps"))), "").verdict(),
                "the NaN limit is not retried");
        assertEquals(JobFailures.Verdict.RETRY, JobFailures.classify(List.of(executorLost(), killed()), "").verdict());
        // A peer timeout, known by its class name (as when the driver cannot deserialize the exception).
        TaskEndReason peerTimeout = new ExceptionFailure(PeerTimeoutException.class.getName(),
                "rank 1 (executor 2) did not provide its all-gather block", new StackTraceElement[0], "", Option.empty(),
                Nil$.MODULE$.empty(), Nil$.MODULE$.empty(), Nil$.MODULE$.empty());
        assertEquals(JobFailures.Verdict.RETRY, JobFailures.classify(List.of(peerTimeout, killed()), "").verdict());
        assertEquals(JobFailures.Verdict.FAIL, JobFailures.classify(
                List.of(executorLost(), threw(new IllegalArgumentException("bad"))), "").verdict(),
                "a failure of the task itself decides even when an executor was lost too");
        assertEquals(JobFailures.Verdict.CANCELLED, JobFailures.classify(List.of(killed()), "").verdict());
        JobFailures.Outcome cancelled = JobFailures.classify(List.of(), "Job 3 cancelled part of cancelled job group x\nmore");
        assertEquals(JobFailures.Verdict.CANCELLED, cancelled.verdict());
        assertEquals("Job 3 cancelled part of cancelled job group x", cancelled.reason());
        assertEquals(JobFailures.Verdict.FAIL, JobFailures.classify(List.of(), "Barrier execution mode does not allow"
                + " run a barrier stage that requires more slots").verdict(), "refused by the scheduler");
    }

    @Test
    void aDeterministicTaskFailureIsNotRetried() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        AtomicInteger attempts = new AtomicInteger();
        try (JobFailures failures = new JobFailures(sc.sc(), GROUP)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> JobRetry.run("epoch 7", "from batch 0", 4, failures, () -> {
                        attempts.incrementAndGet();
                        sc.setJobGroup(GROUP, "failing", false);
                        try {
                            return sc.parallelize(List.of(1, 2), 2).map(i -> {
                                if (i == 2) {
                                    throw new IllegalStateException("replica state is inconsistent");
                                }
                                return i;
                            }).collect();
                        } finally {
                            sc.clearJobGroup();
                        }
                    }));
            assertEquals(1, attempts.get(), "no retry");
            assertTrue(e.getMessage().startsWith("epoch 7 failed: java.lang.IllegalStateException: replica state is"
                    + " inconsistent"), e.getMessage());
        }
    }

    @Test
    void aTaskThatRefusesAnOptionFailsTheRunAsTheUsersError() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        try (JobFailures failures = new JobFailures(sc.sc(), GROUP)) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> JobRetry.run("epoch 0", "from batch 0", 4, failures, () -> {
                        sc.setJobGroup(GROUP, "refusing", false);
                        try {
                            return sc.parallelize(List.of(1), 1).map(i -> {
                                throw new InvalidOptionException("--cache", "ram needs 9.9GB");
                            }).collect();
                        } finally {
                            sc.clearJobGroup();
                        }
                    }));
            assertEquals("--cache", e.option());
            assertEquals("--cache ram needs 9.9GB", e.getMessage());
        }
    }

    @Test
    void aCancelledJobStopsWithoutRetry() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        AtomicInteger attempts = new AtomicInteger();
        File started = new File(System.getProperty("java.io.tmpdir"), "job-failures-" + System.nanoTime());
        try (JobFailures failures = new JobFailures(sc.sc(), GROUP)) {
            Thread canceller = new Thread(() -> {
                while (!started.exists()) {
                    Thread.onSpinWait();
                }
                sc.cancelJobGroup(GROUP);
            });
            canceller.start();
            assertThrows(JobRetry.CancelledException.class,
                    () -> JobRetry.run("epoch 2", "from batch 0", 4, failures, () -> {
                        attempts.incrementAndGet();
                        sc.setJobGroup(GROUP, "long", false);
                        try {
                            String marker = started.getPath();
                            return sc.parallelize(List.of(1), 1).map(i -> {
                                new File(marker).createNewFile();
                                while (!TaskContext.get().isInterrupted()) {
                                    Thread.sleep(10);
                                }
                                return i;
                            }).collect();
                        } finally {
                            sc.clearJobGroup();
                        }
                    }));
            assertEquals(1, attempts.get());
        } finally {
            started.delete();
        }
    }
}
