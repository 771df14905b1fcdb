package sparkyolo.eval;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.opencv.core.Mat;
import sparkyolo.data.ImageBytes;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.Boxes;
import sparkyolo.detect.NmsOptions;
import sparkyolo.detect.Predictor;
import sparkyolo.engine.Engines;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageResize;
import sparkyolo.image.Letterbox;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.loss.ComputeLoss;
import sparkyolo.loss.LossGains;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.model.YoloNetwork;
import sparkyolo.spark.ModelPool;

/**
 * The task of a validation job: for each rectangular batch, load and letterbox its images as
 * the original's val loader, infer the batch at once, NMS (multi-label), and match detections
 * with labels in original pixels.
 */
final class ValPartition implements FlatMapFunction<Iterator<ValBatch>, ImageStats> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<byte[]> weights;
    private final int imgSize;
    private final InferenceEngine engine;
    private final NmsOptions nms;
    private final HadoopConf conf;
    private final int threads;
    private final LossGains lossGains;

    /**
     * @param lossGains the training loss to report per batch (as the original's val during training), or null;
     *                  needs the pytorch engine
     */
    ValPartition(Broadcast<byte[]> weights, int imgSize, InferenceEngine engine, NmsOptions nms, HadoopConf conf,
            int threads, LossGains lossGains) {
        this.lossGains = lossGains;
        this.weights = weights;
        this.imgSize = imgSize;
        this.engine = engine;
        this.nms = nms;
        this.conf = conf;
        this.threads = threads;
    }

    /** A letterboxed image with what is needed to map boxes back. */
    private record Loaded(ImageRecord record, Mat image, ImageResize.Result resized, Letterbox.Result lb) {
    }

    @Override
    public Iterator<ImageStats> call(Iterator<ValBatch> batches) {
        OpenCv.ensureLoaded();
        ImageBytes bytes = new ImageBytes(conf.files());
        InferenceNetwork model = ModelPool.borrow(weights, engine, threads);
        List<ImageStats> out = new ArrayList<>();
        try {
            Predictor predictor = new Predictor(model);
            ComputeLoss loss = lossGains == null ? null : ComputeLoss.forModel((YoloNetwork) model, lossGains);
            while (batches.hasNext()) {
                runBatch(batches.next(), model, predictor, loss, bytes, out);
            }
        } finally {
            ModelPool.giveBack(weights, model);
        }
        return out.iterator();
    }

    private void runBatch(ValBatch batch, InferenceNetwork model, Predictor predictor, ComputeLoss loss, ImageBytes bytes,
            List<ImageStats> out) {
        int stride = model.maxStride();
        List<Loaded> loaded = new ArrayList<>();
        for (ImageRecord r : batch.images()) {
            try {
                Mat image = ImageDecoder.decode(bytes.read(r.image()), r.path());
                ImageResize.Result resized = ImageResize.loadImageResize(image, imgSize, false);
                Letterbox.Result lb = Letterbox.apply(resized.image(), batch.height(), batch.width(),
                        Letterbox.DEFAULT_COLOR, false, false, false, stride);
                loaded.add(new Loaded(r, image, resized, lb));
            } catch (BadImageException | IOException e) {
                out.add(new ImageStats(r.index(), r.path(), null, null, null, null, null, null, e.getMessage(), null));
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        List<float[][]> raw = new ArrayList<>();
        List<long[]> rawShapes = new ArrayList<>();
        List<List<float[]>> perImage = new ArrayList<>();
        Predictor.RawOutputs sink = loss == null ? null : (image, levels, shapes) -> {
            perImage.add(levels);
            if (rawShapes.isEmpty()) {
                rawShapes.addAll(shapes);
            }
        };
        List<float[][]> dets = predictor.predict(loaded.stream().map(l -> l.lb().image()).toList(), nms, sink);
        float[] batchLoss = loss == null ? null : batchLoss((YoloNetwork) model, loss, loaded, perImage, rawShapes, batch);
        for (int i = 0; i < loaded.size(); i++) {
            out.add(stats(loaded.get(i), dets.get(i), batch, i == 0 ? batchLoss : null));
            Loaded l = loaded.get(i);
            l.lb().image().release();
            l.resized().image().release();
            l.image().release();
        }
    }

    /** The training loss of the whole batch (one forward of it in the original), from per-image raw outputs. */
    private static float[] batchLoss(YoloNetwork model, ComputeLoss loss, List<Loaded> loaded, List<List<float[]>> perImage,
            List<long[]> shapes, ValBatch batch) {
        int n = loaded.size();
        List<float[]> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Loaded l = loaded.get(i);
            ImageResize.Result rs = l.resized();
            for (float[] t : ValLabels.letterboxed(l.record().labels(), rs.h(), rs.w(), batch.height(), batch.width(),
                    l.lb().ratioW(), l.lb().padW(), l.lb().padH())) {
                targets.add(new float[] {i, t[0], t[1], t[2], t[3], t[4]});
            }
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDList levels = new NDList();
            for (int level = 0; level < shapes.size(); level++) {
                long[] shape = shapes.get(level).clone();
                int per = perImage.get(0).get(level).length;
                float[] all = new float[per * n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(perImage.get(i).get(level), 0, all, i * per, per);
                }
                shape[0] = n;
                levels.add(m.create(all, new Shape(shape)));
            }
            return Engines.withoutGrad(() -> loss.compute(levels, targets.toArray(new float[0][])).items());
        }
    }

    private static ImageStats stats(Loaded l, float[][] dets, ValBatch batch, float[] batchLoss) {
        ImageResize.Result rs = l.resized();
        Letterbox.Result lb = l.lb();
        int[] lbShape = {batch.height(), batch.width()};
        int[] origShape = {rs.h0(), rs.w0()};
        double[][] ratioPad = {{rs.h() / (double) rs.h0(), rs.w() / (double) rs.w0()}, {lb.padW(), lb.padH()}};
        float[][] predn = new float[dets.length][];
        for (int k = 0; k < dets.length; k++) {
            predn[k] = dets[k].clone();
        }
        Boxes.scaleCoords(lbShape, predn, origShape, ratioPad);
        float[][] labels = ValLabels.nativeBoxes(l.record().labels(), rs.h0(), rs.w0(), rs.h(), rs.w(),
                batch.height(), batch.width(), lb.ratioW(), lb.padW(), lb.padH());
        float[][] boxes = new float[labels.length][];
        for (int k = 0; k < labels.length; k++) {
            boxes[k] = new float[] {labels[k][1], labels[k][2], labels[k][3], labels[k][4]};
        }
        Boxes.scaleCoords(lbShape, boxes, origShape, ratioPad);
        float[][] labelsn = new float[labels.length][];
        int[] tcls = new int[labels.length];
        for (int k = 0; k < labels.length; k++) {
            labelsn[k] = new float[] {labels[k][0], boxes[k][0], boxes[k][1], boxes[k][2], boxes[k][3]};
            tcls[k] = (int) labels[k][0];
        }
        boolean[][] correct = labels.length > 0 && dets.length > 0
                ? DetectionMatcher.correct(predn, labelsn)
                : new boolean[dets.length][DetectionMatcher.IOU_THRESHOLDS.length];
        float[] conf = new float[dets.length];
        int[] pcls = new int[dets.length];
        for (int k = 0; k < dets.length; k++) {
            conf[k] = dets[k][4];
            pcls[k] = (int) dets[k][5];
        }
        return new ImageStats(l.record().index(), l.record().path(), correct, conf, pcls, tcls, predn, labelsn, null,
                batchLoss);
    }
}
