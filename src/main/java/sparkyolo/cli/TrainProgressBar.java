package sparkyolo.cli;

import java.io.PrintStream;
import java.util.Locale;
import sparkyolo.train.TrainProgress;

/** The driver console's line for the running epoch: batches trained by replica 0 and time spent. */
final class TrainProgressBar implements TrainProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private int epoch = -1;
    private long epochStart;
    private long shown = -1;

    TrainProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void batches(int epoch, int epochs, long done, long total) {
        if (epoch != this.epoch) {
            this.epoch = epoch;
            this.epochStart = System.nanoTime();
            this.shown = -1;
        }
        if (done == shown || total <= 0) {
            return;
        }
        shown = done;
        int filled = (int) (WIDTH * done / total);
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        out.printf(Locale.ROOT, "\repoch %d/%d %3d%% |%s%s| %d/%d batches [%.1fs]%s", epoch, epochs - 1,
                100 * done / total, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, seconds,
                done == total ? "\n" : "");
        out.flush();
    }
}
