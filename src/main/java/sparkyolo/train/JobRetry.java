package sparkyolo.train;

import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkException;
import sparkyolo.spark.Interruption;

/**
 * Runs a training job again when it failed in a way worth retrying, by the type of its tasks'
 * failures ({@link JobFailures}): a lost executor or a peer timeout is retried up to a number of
 * attempts; a task that failed by itself fails the run at once (one that refused an option, such
 * as a --cache that does not fit, as the user's error); a cancelled job stops it.
 */
final class JobRetry {
    private static final Logger LOG = LogManager.getLogger(JobRetry.class);
    /** How long to wait for the listener bus to deliver a failed job's task ends. */
    private static final long FAILURE_REPORT_WAIT_MS = 10_000;

    /** A Spark job; Spark's Scala code throws the checked SparkException without declaring it. */
    interface Job<T> {
        T run() throws Exception;
    }

    /** A training job that was cancelled (Ctrl-C, a cancelled job group, a stopped Spark). */
    static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private JobRetry() {
    }

    /**
     * @param what     names the job in messages ("epoch 3")
     * @param again    where a retry starts, for the log ("from batch 40")
     * @param attempts attempts before giving up on retryable failures
     */
    static <T> T run(String what, String again, int attempts, JobFailures failures, Job<T> job) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return job.run();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                JobFailures.Outcome outcome = outcome(e, failures);
                switch (outcome.verdict()) {
                    case CANCELLED:
                        throw new CancelledException(what + " was cancelled: " + outcome.reason(), e);
                    case FAIL:
                        if (outcome.optionError() != null) {
                            throw outcome.optionError();
                        }
                        throw new IllegalStateException(what + " failed: " + outcome.reason(), e);
                    default:
                        if (attempt >= attempts) {
                            throw new IllegalStateException(what + " failed " + attempt + " times, last: "
                                    + outcome.reason(), e);
                        }
                        LOG.warn("{} failed (attempt {} of {}): {}; running it again {}", what, attempt, attempts,
                                outcome.reason(), again);
                }
            }
        }
    }

    private static JobFailures.Outcome outcome(Exception e, JobFailures failures) {
        if (Interruption.requested().isPresent() || e instanceof InterruptedException) {
            return new JobFailures.Outcome(JobFailures.Verdict.CANCELLED,
                    "interrupted" + Interruption.requested().map(s -> " by SIG" + s).orElse(""));
        }
        if (!(e instanceof SparkException)) {
            return new JobFailures.Outcome(JobFailures.Verdict.FAIL, e.toString());
        }
        try {
            return failures.verdict(FAILURE_REPORT_WAIT_MS, e.getMessage());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return new JobFailures.Outcome(JobFailures.Verdict.CANCELLED, "interrupted");
        }
    }
}
