package sparkyolo.eval;

import java.util.List;
import sparkyolo.data.ImageRecord;

/**
 * The outcome of a validation: the AP computation over all detections, label counts per
 * class, and what was skipped.
 *
 * @param ap             null when there were no correct detections at all (metrics are 0)
 * @param seen           images evaluated
 * @param labelsPerClass ground-truth boxes per class index
 */
public record ValResult(List<String> names, ApResult ap, int seen, long[] labelsPerClass, List<ImageStats> stats,
        List<ImageRecord> scanned, List<ImageRecord> skipped, double seconds) {

    static ValResult of(List<String> names, List<ImageStats> stats, List<ImageRecord> scanned,
            List<ImageRecord> skipped, double seconds) {
        int n = 0;
        int m = 0;
        for (ImageStats s : stats) {
            n += s.conf().length;
            m += s.targetCls().length;
        }
        boolean[][] tp = new boolean[n][];
        double[] conf = new double[n];
        int[] pcls = new int[n];
        int[] tcls = new int[m];
        long[] perClass = new long[names.size()];
        int i = 0;
        int j = 0;
        boolean anyCorrect = false;
        for (ImageStats s : stats) {
            for (int k = 0; k < s.conf().length; k++, i++) {
                tp[i] = s.correct()[k];
                conf[i] = s.conf()[k];
                pcls[i] = s.predCls()[k];
                for (boolean b : tp[i]) {
                    anyCorrect |= b;
                }
            }
            for (int c : s.targetCls()) {
                tcls[j++] = c;
                if (c >= 0 && c < perClass.length) {
                    perClass[c]++;
                }
            }
        }
        ApResult ap = anyCorrect ? ApPerClass.compute(tp, conf, pcls, tcls) : null;
        return new ValResult(names, ap, stats.size(), perClass, stats, scanned, skipped, seconds);
    }

    /** One class's row of the results: its labels and metrics. */
    public record ClassRow(int cls, String name, long labels, double p, double r, double map50, double map) {
    }

    /** The classes that have labels, in class order, as the original lists them. */
    public List<ClassRow> classRows() {
        if (ap == null) {
            return List.of();
        }
        double[] ap50 = ap.ap50();
        double[] ap5095 = ap.ap50To95();
        List<ClassRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ap.classes().length; i++) {
            int c = ap.classes()[i];
            rows.add(new ClassRow(c, c < names.size() ? names.get(c) : "class" + c, labelsPerClass[c],
                    ap.precision()[i], ap.recall()[i], ap50[i], ap5095[i]));
        }
        return rows;
    }

    /** The original's confusion matrix (conf 0.25, IoU 0.45) over the evaluated images that have labels. */
    public ConfusionMatrix confusionMatrix() {
        ConfusionMatrix cm = new ConfusionMatrix(names.size());
        for (ImageStats s : stats) {
            if (s.labels().length == 0) {
                continue;
            }
            cm.processBatch(s.detections().length == 0 ? null : s.detections(), s.labels());
        }
        return cm;
    }

    /** Mean training loss {@code [box, obj, cls]} over the batches, or NaNs when it was not computed. */
    public double[] loss() {
        double[] sum = new double[3];
        int batches = 0;
        for (ImageStats s : stats) {
            if (s.batchLoss() != null) {
                for (int k = 0; k < 3; k++) {
                    sum[k] += s.batchLoss()[k];
                }
                batches++;
            }
        }
        if (batches == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        for (int k = 0; k < 3; k++) {
            sum[k] /= batches;
        }
        return sum;
    }

    public double precision() {
        return ap == null ? 0 : ap.meanPrecision();
    }

    public double recall() {
        return ap == null ? 0 : ap.meanRecall();
    }

    public double map50() {
        return ap == null ? 0 : ap.map50();
    }

    public double map50To95() {
        return ap == null ? 0 : ap.map50To95();
    }

    /** The original's fitness: 0.1·mAP@.5 + 0.9·mAP@.5:.95. */
    public double fitness() {
        return 0.1 * map50() + 0.9 * map50To95();
    }

    public long totalLabels() {
        long t = 0;
        for (long c : labelsPerClass) {
            t += c;
        }
        return t;
    }

    public long labelProblems() {
        return scanned.stream().mapToLong(r -> r.problems().size()).sum();
    }
}
