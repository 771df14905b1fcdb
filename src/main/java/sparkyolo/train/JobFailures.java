package sparkyolo.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.JavaConverters;
import sparkyolo.dist.PeerTimeoutException;
import sparkyolo.util.InvalidOptionException;

/**
 * Why the training jobs of a job group failed, by the type of their tasks' end reasons. A barrier
 * stage's failure carries only the text of the task's exception, so the reasons are taken from the
 * listener bus, which delivers each task's end (with its deserialized exception) before its job's.
 */
final class JobFailures extends SparkListener implements AutoCloseable {
    /** What to do about a failed job. */
    enum Verdict {
        /** A replica's executor was lost, or a replica timed out waiting for a lost peer: run it again. */
        RETRY,
        /** A task failed by itself (a bug, bad data, the NaN limit): running it again gives the same. */
        FAIL,
        /** The job was cancelled (by the user or because Spark stopped): nothing to run again. */
        CANCELLED
    }

    /**
     * A verdict and the task failure it rests on (for messages).
     *
     * @param optionError the task's exception when it refused an option (e.g. --cache that does not fit
     *                    an executor), to be reported as the user's error; else null
     */
    record Outcome(Verdict verdict, String reason, InvalidOptionException optionError) {
        Outcome(Verdict verdict, String reason) {
            this(verdict, reason, null);
        }
    }

    private static final Pattern CANCELLED_JOB = Pattern.compile("Job \\d+ cancelled ");

    private final SparkContext sc;
    private final String group;
    private final Set<Integer> jobs = new HashSet<>();
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Integer> ended = new HashSet<>();
    private final List<TaskEndReason> reasons = new ArrayList<>();

    JobFailures(SparkContext sc, String group) {
        this.sc = sc;
        this.group = group;
        sc.addSparkListener(this);
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && group.equals(start.properties().getProperty(SparkContext$.MODULE$.SPARK_JOB_GROUP_ID()))) {
            jobs.add(start.jobId());
            JavaConverters.seqAsJavaList(start.stageIds()).forEach(id -> stages.add((Integer) id));
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (stages.contains(end.stageId()) && !(end.reason() instanceof Success$)) {
            reasons.add(end.reason());
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        if (jobs.contains(end.jobId())) {
            ended.add(end.jobId());
            notifyAll();
        }
    }

    /**
     * The verdict on the jobs started since the last call, once the listener bus has delivered
     * their ends (waiting at most {@code waitMillis}); then forgets them.
     */
    synchronized Outcome verdict(long waitMillis, String jobFailure) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (!ended.containsAll(jobs) && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        Outcome outcome = sc.isStopped() ? new Outcome(Verdict.CANCELLED, "Spark was stopped")
                : classify(reasons, jobFailure);
        jobs.clear();
        stages.clear();
        ended.clear();
        reasons.clear();
        return outcome;
    }

    /**
     * A failure of a task itself fails the run; a lost executor or a peer timeout is retried; tasks
     * that were only killed mean the job was cancelled; a job that failed before any task ended was
     * cancelled (as its message says) or refused by the scheduler, and is not retried.
     *
     * @param jobFailure the job's own failure message, for the last case
     */
    static Outcome classify(List<TaskEndReason> reasons, String jobFailure) {
        String retryable = null;
        String killed = null;
        for (TaskEndReason r : reasons) {
            if (r instanceof ExceptionFailure f) {
                Throwable t = f.exception().isDefined() ? f.exception().get() : null;
                if (!(t instanceof PeerTimeoutException || PeerTimeoutException.class.getName().equals(f.className()))) {
                    return new Outcome(Verdict.FAIL, f.className() + ": " + firstLine(f.description()),
                            t instanceof InvalidOptionException option ? option : null);
                }
                retryable = f.className() + ": " + firstLine(f.description());
            } else if (r instanceof TaskKilled k) {
                killed = "task killed: " + k.reason();
            } else {
                retryable = firstLine(r.toString());
            }
        }
        if (retryable != null) {
            return new Outcome(Verdict.RETRY, retryable);
        }
        if (killed != null) {
            return new Outcome(Verdict.CANCELLED, killed);
        }
        // Spark 3.5 fails a cancelled job at once, before its killed tasks end, and gives it no type
        // of its own: only this message says so.
        return new Outcome(CANCELLED_JOB.matcher(firstLine(jobFailure)).lookingAt() ? Verdict.CANCELLED : Verdict.FAIL,
                firstLine(jobFailure));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
