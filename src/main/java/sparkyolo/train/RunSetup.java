package sparkyolo.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import sparkyolo.anchors.AnchorDataset;
import sparkyolo.anchors.AutoAnchor;
import sparkyolo.anchors.AutoAnchorReport;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.ImageSize;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopFiles;
import sparkyolo.io.RunDirectory;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.plots.LabelsPlot;
import sparkyolo.random.GlobalRandom;
import sparkyolo.scan.ScanSummary;
import sparkyolo.scan.SplitScan;
import sparkyolo.util.HalfFloats;
import sparkyolo.util.NpyArray;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/**
 * Everything a training run fixes before its first epoch: the run directory, options and
 * hyperparameters (restored on --resume), the scanned training and validation images, and the
 * initial state (weights from scratch or pretrained, AutoAnchor).
 */
record RunSetup(String runDir, TrainOptions options, Hyp hyp, TrainState state, List<ImageRecord> train,
        List<ImageRecord> val, int patience, boolean plots, String dataFingerprint, Map<String, Object> trainingMeta) {
    private static final Logger LOG = LogManager.getLogger(RunSetup.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunSetup prepare(SparkSession spark, HadoopFiles files, TrainRequest request, String project, String name,
            boolean existOk) throws IOException {
        return request.resume() != null ? resume(spark, files, request, project)
                : fresh(spark, files, request, project, name, existOk);
    }

    /**
     * A new run. Everything the user named (hyp, dataset, model, weights, image size) is read and
     * checked before any Spark job, and the run directory is made only once the run can start, so a
     * refused run leaves nothing behind.
     */
    private static RunSetup fresh(SparkSession spark, HadoopFiles files, TrainRequest request, String project,
            String name, boolean existOk) throws IOException {
        Hyp hyp = Hyp.load(files, request.hyp());
        DatasetConfig dataset = DatasetConfig.load(files, request.data());
        Checkpoint pretrained = request.weights() == null ? null : Weights.load(files, request.weights(), null);
        ModelSpec spec = modelSpec(request, dataset, pretrained);
        TrainOptions options = withStrideMultiple(request.options(), spec);
        List<ImageRecord> train = scan(spark, files, dataset, "train");
        List<ImageRecord> val = sameImages(files, dataset) ? train : scan(spark, files, dataset, "val");
        List<ScanSummary> summaries = summaries(dataset, train, val);
        TrainState state = initialState(request, dataset, spec, pretrained, train, hyp, options);
        TrainImageCache.announce(spark.sparkContext(), options, okOnly(train));
        String runDir = RunDirectory.create(files, project, name, existOk);
        report(files, runDir, summaries);
        Map<String, Object> meta = meta(request.data(), options, hyp, request.patience());
        files.writeAtomically(HadoopFiles.resolve(runDir, "hyp.yaml"), hyp.toYaml().getBytes(StandardCharsets.UTF_8));
        files.writeAtomically(HadoopFiles.resolve(runDir, "opt.yaml"),
                new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .writeValueAsBytes(request.flags()));
        if (request.plots()) {
            TrainJob.plot("labels.jpg", () -> LabelsPlot.write(files, runDir, labelRows(train), state.names()));
        }
        return new RunSetup(runDir, options, hyp, state, okOnly(train), val, request.patience(), request.plots(),
                fingerprint(train), meta);
    }

    /** --img rounded up to a multiple of the model's largest stride, as the original's check_img_size. */
    private static TrainOptions withStrideMultiple(TrainOptions options, ModelSpec spec) {
        int stride;
        try (YoloNetwork probe = YoloNetwork.build(spec, 0)) {
            stride = probe.maxStride();
        }
        return options.toBuilder().imgSize(ImageSize.check(options.imgSize(), stride)).build();
    }

    private static RunSetup resume(SparkSession spark, HadoopFiles files, TrainRequest request, String project)
            throws IOException {
        String last = request.resume().isEmpty() ? latestLast(files, project) : request.resume();
        Checkpoint ckpt = Weights.load(files, last, null);
        TrainState state = TrainState.fromCheckpoint(ckpt, last);
        Map<String, Object> training = ckpt.training();
        TrainOptions stored = JSON.convertValue(training.get("options"), TrainOptions.class);
        Hyp hyp = Hyp.parse(JSON.writeValueAsString(training.get("hyp")), last + " (hyp)");
        int epochs = stored.epochs();
        if (request.epochsGiven() && request.options().epochs() != epochs) {
            if (request.options().epochs() < state.epoch()) {
                throw new IllegalArgumentException("--epochs " + request.options().epochs() + " is below the "
                        + state.epoch() + " epochs that " + last + " already trained");
            }
            epochs = request.options().epochs();
            LOG.info("Resuming with --epochs {} (was {})", epochs, stored.epochs());
        }
        if (state.epoch() >= epochs) {
            throw new IllegalArgumentException(last + " finished its " + epochs
                    + " epochs; nothing to resume (pass a larger --epochs to train further)");
        }
        // The run's recipe is stored; how it is spread over the cluster and caches its images may change on resume.
        TrainOptions options = stored.toBuilder().epochs(epochs).replicas(request.options().replicas())
                .gradCompression(request.options().gradCompression())
                .gpusPerReplica(request.options().gpusPerReplica()).cache(request.options().cache()).build();
        String data = String.valueOf(training.get("data"));
        DatasetConfig dataset = DatasetConfig.load(files, data);
        List<ImageRecord> train = scan(spark, files, dataset, "train");
        List<ImageRecord> val = sameImages(files, dataset) ? train : scan(spark, files, dataset, "val");
        String runDir = HadoopFiles.parent(HadoopFiles.parent(files.qualify(last)));
        report(files, runDir, summaries(dataset, train, val));
        TrainImageCache.announce(spark.sparkContext(), options, okOnly(train));
        int patience = ((Number) training.getOrDefault("patience", request.patience())).intValue();
        LOG.info("Resuming training from {} at epoch {} batch {} of {} epochs", last, state.epoch(), state.epochBatch(),
                epochs);
        return new RunSetup(runDir, options, hyp, state, okOnly(train), val, patience, request.plots(),
                fingerprint(train), meta(data, options, hyp, patience));
    }

    /** The most recently written {@code PROJECT/∗/weights/last.npz}. */
    static String latestLast(HadoopFiles files, String project) throws IOException {
        List<String> candidates = files.glob(HadoopFiles.resolve(project, "*/weights/last.npz"));
        String latest = null;
        long newest = Long.MIN_VALUE;
        for (String c : candidates) {
            long t = files.fs(c).getFileStatus(new org.apache.hadoop.fs.Path(c)).getModificationTime();
            if (t > newest) {
                newest = t;
                latest = c;
            }
        }
        if (latest == null) {
            throw new FileNotFoundException("--resume: no " + project + "/*/weights/last.npz to resume from");
        }
        return latest;
    }

    private static Map<String, Object> meta(String data, TrainOptions options, Hyp hyp, int patience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("options", JSON.convertValue(options, Map.class));
        m.put("hyp", hyp.asMap());
        m.put("patience", patience);
        return m;
    }

    private static boolean sameImages(HadoopFiles files, DatasetConfig dataset) throws IOException {
        return !dataset.hasSplit("val") || SplitScan.sameFiles(files, dataset, "train", "val");
    }

    private static List<ImageRecord> scan(SparkSession spark, HadoopFiles files, DatasetConfig dataset, String split)
            throws IOException {
        List<ImageRecord> records = new ArrayList<>(SplitScan.run(spark, files, dataset, split));
        if (records.isEmpty()) {
            throw new FileNotFoundException(dataset.file() + ": no images in the '" + split + "' split");
        }
        records.sort(java.util.Comparator.comparingInt(ImageRecord::index));
        return records;
    }

    /** The scan summaries of the splits (val only when it holds other images), checked for foreign classes. */
    private static List<ScanSummary> summaries(DatasetConfig dataset, List<ImageRecord> train, List<ImageRecord> val) {
        List<ScanSummary> out = new ArrayList<>();
        out.add(ScanSummary.of("train", train, dataset.nc()));
        if (val != train) {
            out.add(ScanSummary.of("val", val, dataset.nc()));
        }
        out.forEach(s -> s.checkClasses(dataset.file()));
        return out;
    }

    /** Logs each summary and writes the full list of problems to scan-SPLIT.txt in the run directory. */
    private static void report(HadoopFiles files, String runDir, List<ScanSummary> summaries) throws IOException {
        for (ScanSummary s : summaries) {
            String file = HadoopFiles.resolve(runDir, "scan-" + s.split() + ".txt");
            String shown = s.hasProblems() ? HadoopFiles.display(file) : null;
            s.lines(shown).forEach(line -> (s.hasProblems() ? LOG.atWarn() : LOG.atInfo()).log(line));
            if (s.hasProblems()) {
                files.writeAtomically(file, s.report().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static List<ImageRecord> okOnly(List<ImageRecord> records) {
        List<ImageRecord> ok = records.stream().filter(ImageRecord::ok).toList();
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("no usable training images");
        }
        return ok;
    }

    /** The model: --cfg, else the weights' own, else yolov5n.yaml; with the dataset's nc. */
    private static ModelSpec modelSpec(TrainRequest request, DatasetConfig dataset, Checkpoint pretrained) {
        ModelSpec spec;
        if (request.cfg() != null) {
            spec = ModelSpec.load(request.cfg());
        } else if (pretrained != null) {
            spec = pretrained.spec();
        } else {
            spec = ModelSpec.load("yolov5n.yaml");
        }
        if (spec.nc() != dataset.nc()) {
            LOG.info("Overriding model nc={} with nc={}", spec.nc(), dataset.nc());
            spec = spec.withNc(dataset.nc());
        }
        return spec;
    }

    private static TrainState initialState(TrainRequest request, DatasetConfig dataset, ModelSpec spec,
            Checkpoint pretrained, List<ImageRecord> train, Hyp hyp, TrainOptions options) {
        Map<String, NpyArray> weights;
        double[] strides;
        try (YoloNetwork model = YoloNetwork.build(spec, options.seed())) {
            weights = model.parameters().toStateDict();
            strides = model.detect().strides();
        }
        if (pretrained != null) {
            WeightTransfer.Result t = WeightTransfer.apply(weights, pretrained.stateDict(), request.cfg() != null);
            LOG.info("Transferred {}/{} items from {}", t.transferred(), t.total(), request.weights());
            weights = t.stateDict();
        }
        if (request.autoAnchor()) {
            String key = anchorsKey(weights);
            double[][] anchors = anchorPixels(weights.get(key), strides);
            AutoAnchorReport report = AutoAnchor.run(AnchorDataset.fromRecords(okOnly(train)), anchors, strides,
                    options.imgSize(), hyp.get("anchor_t"), GlobalRandom.seeded(options.seed()));
            if (report.replaced()) {
                spec = spec.withAnchors(report.anchors());
                weights = new LinkedHashMap<>(weights);
                weights.put(key, anchorGrid(report.anchors(), strides, weights.get(key).shape()));
            }
        }
        return TrainState.start(spec, dataset.names(), halfPrecision(weights));
    }

    /**
     * Every float tensor rounded to binary16 precision (kept as float32), as the original's
     * {@code model.half().float()} before a new run's first epoch ("pre-reduce anchor precision"):
     * the anchors and any weights not loaded from a half-precision checkpoint train from these values.
     */
    static Map<String, NpyArray> halfPrecision(Map<String, NpyArray> stateDict) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        stateDict.forEach((name, a) -> {
            if (!a.dtype().equals("f4")) {
                out.put(name, a);
                return;
            }
            float[] v = a.toFloats();
            for (int i = 0; i < v.length; i++) {
                v[i] = HalfFloats.roundToFp16(v[i]);
            }
            out.put(name, NpyArray.ofFloats(v, a.shape()));
        });
        return out;
    }

    private static String anchorsKey(Map<String, NpyArray> weights) {
        return weights.keySet().stream().filter(k -> k.endsWith(".anchors")).findFirst()
                .orElseThrow(() -> new IllegalStateException("model has no anchors buffer"));
    }

    /** Detect's anchors buffer (grid units, [nl][na][2]) in pixels, [nl][2*na]. */
    private static double[][] anchorPixels(NpyArray grid, double[] strides) {
        float[] v = grid.toFloats();
        int nl = strides.length;
        int perLevel = v.length / nl;
        double[][] out = new double[nl][perLevel];
        for (int i = 0; i < nl; i++) {
            for (int j = 0; j < perLevel; j++) {
                out[i][j] = v[i * perLevel + j] * strides[i];
            }
        }
        return out;
    }

    private static NpyArray anchorGrid(double[][] pixels, double[] strides, long[] shape) {
        int perLevel = pixels[0].length;
        float[] v = new float[pixels.length * perLevel];
        for (int i = 0; i < pixels.length; i++) {
            for (int j = 0; j < perLevel; j++) {
                v[i * perLevel + j] = (float) (pixels[i][j] / strides[i]);
            }
        }
        return NpyArray.ofFloats(v, shape);
    }

    private static float[][] labelRows(List<ImageRecord> records) {
        List<float[]> rows = new ArrayList<>();
        for (ImageRecord r : records) {
            for (float[] l : r.labels()) {
                rows.add(l);
            }
        }
        return rows.toArray(new float[0][]);
    }

    /** SHA-256 of the training images' paths and label counts, in order. */
    private static String fingerprint(List<ImageRecord> records) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ImageRecord r : records) {
                md.update((r.path() + "\t" + r.labels().length + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
