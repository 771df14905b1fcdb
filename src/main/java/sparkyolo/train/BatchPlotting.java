package sparkyolo.train;

import java.util.Iterator;
import java.util.List;
import sparkyolo.data.augment.Batch;
import sparkyolo.io.HadoopFiles;
import sparkyolo.plots.BatchPlot;

/**
 * Passes batches through and draws the first few of a run as {@code train_batch<i>.jpg} with
 * their boxes, as the original does for its first three batches.
 */
final class BatchPlotting implements Iterator<Batch> {
    static final int PLOTTED = 3;
    private final Iterator<Batch> batches;
    private final HadoopFiles files;
    private final String runDir;
    private final List<String> names;
    private int seen;

    BatchPlotting(Iterator<Batch> batches, HadoopFiles files, String runDir, List<String> names) {
        this.batches = batches;
        this.files = files;
        this.runDir = runDir;
        this.names = names;
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public Batch next() {
        Batch b = batches.next();
        if (seen < PLOTTED) {
            String path = HadoopFiles.resolve(runDir, "train_batch" + seen + ".jpg");
            TrainJob.plot(path, () -> BatchPlot.write(files, path,
                    new BatchPlot.Images(b.images(), b.size(), b.height(), b.width()), b.targets(), b.paths(), names));
        }
        seen++;
        return b;
    }
}
