package sparkyolo.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

/**
 * A console progress bar for a Spark job: follows the tasks of the stages of one job group
 * through the status tracker and redraws one line on the terminal.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final SparkContext sc;
    private final String group;
    private final String label;
    private final PrintStream out;
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    /** Starts following the jobs of {@code group} (set it with setJobGroup before running the job). */
    ProgressBar(SparkContext sc, String group, String label, PrintStream out) {
        this.sc = sc;
        this.group = group;
        this.label = label;
        this.out = out;
        this.thread = new Thread(this::loop, "progress-" + group);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            draw(false);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void draw(boolean last) {
        SparkStatusTracker tracker = sc.statusTracker();
        int done = 0;
        int total = 0;
        for (int jobId : tracker.getJobIdsForGroup(group)) {
            var job = tracker.getJobInfo(jobId);
            if (job.isEmpty()) {
                continue;
            }
            for (int stageId : job.get().stageIds()) {
                var stage = tracker.getStageInfo(stageId);
                if (stage.isDefined()) {
                    SparkStageInfo s = stage.get();
                    done += s.numCompletedTasks();
                    total += s.numTasks();
                }
            }
        }
        if (total == 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "\r%s %3d%% |%s%s| %d/%d tasks [%.1fs]%s", label, 100 * done / total,
                "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, seconds, last ? "\n" : "");
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw(true);
    }
}
