package sparkyolo.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

/**
 * A console progress bar for Spark jobs: follows the tasks of the stages of job groups through
 * the status tracker and redraws one line on the terminal; each group gets its own line, in
 * the order the groups are given.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final SparkContext sc;
    private final String[] groups;
    private final String[] labels;
    private int current = -1;
    private final PrintStream out;
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    /**
     * Starts following the jobs of {@code groupsAndLabels} = group, label, group, label, ...
     * (jobs set their group with setJobGroup).
     */
    ProgressBar(SparkContext sc, PrintStream out, String... groupsAndLabels) {
        this.sc = sc;
        this.out = out;
        this.groups = new String[groupsAndLabels.length / 2];
        this.labels = new String[groupsAndLabels.length / 2];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groupsAndLabels[2 * i];
            labels[i] = groupsAndLabels[2 * i + 1];
        }
        this.thread = new Thread(this::loop, "progress-bar");
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

    private synchronized void draw(boolean last) {
        SparkStatusTracker tracker = sc.statusTracker();
        int active = -1;
        for (int g = 0; g < groups.length; g++) {
            if (tracker.getJobIdsForGroup(groups[g]).length > 0) {
                active = g;
            }
        }
        if (active < 0) {
            return;
        }
        if (active != current && current >= 0) {
            drawGroup(tracker, current, true);
        }
        current = active;
        drawGroup(tracker, active, last);
    }

    private void drawGroup(SparkStatusTracker tracker, int g, boolean last) {
        int done = 0;
        int total = 0;
        for (int jobId : tracker.getJobIdsForGroup(groups[g])) {
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
        out.printf(Locale.ROOT, "\r%s %3d%% |%s%s| %d/%d tasks [%.1fs]%s", labels[g], 100 * done / total,
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
