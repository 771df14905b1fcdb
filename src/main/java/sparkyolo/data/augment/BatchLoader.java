package sparkyolo.data.augment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opencv.core.Mat;
import sparkyolo.image.ImageTensors;

/**
 * Builds the batches of one epoch in prefetch threads and hands them out in order. Batch k holds
 * the samples {@code order[k·b .. (k+1)·b)} (the last one may be smaller). At most
 * {@code prefetch} batches are built or waiting ahead of the consumer; each is built by one
 * thread. A failure in a thread is thrown by {@link #next()} for the batch it hit, naming the
 * image. Close it to stop the threads. One thread consumes.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
    public static final int DEFAULT_THREADS = 2;
    private static final Logger LOG = LogManager.getLogger(BatchLoader.class);
    private static final AtomicInteger LOADERS = new AtomicInteger();
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final SampleFactory samples;
    private final int epoch;
    private final List<int[]> batches;
    private final int batchCount;
    private final int prefetch;
    private final ExecutorService workers;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private int submitted;
    private int returned;
    private boolean closed;

    /** {@value #DEFAULT_THREADS} threads, prefetching twice as many batches. */
    public BatchLoader(SampleFactory samples, int epoch, int[] order, int batchSize) {
        this(samples, epoch, order, batchSize, DEFAULT_THREADS, 2 * DEFAULT_THREADS);
    }

    /**
     * @param order    the epoch's dataset indices, in the order batches take them
     * @param threads  prefetch threads
     * @param prefetch batches built ahead of the consumer at most (≥ 1)
     */
    public BatchLoader(SampleFactory samples, int epoch, int[] order, int batchSize, int threads, int prefetch) {
        this(samples, epoch, chunks(order, batchSize), threads, prefetch);
    }

    /**
     * @param batches the dataset indices of each batch, in order (sizes may differ; none empty)
     * @param threads  prefetch threads
     * @param prefetch batches built ahead of the consumer at most (≥ 1)
     */
    public BatchLoader(SampleFactory samples, int epoch, List<int[]> batches, int threads, int prefetch) {
        if (threads < 1 || prefetch < 1 || batches.stream().anyMatch(b -> b.length == 0)) {
            throw new IllegalArgumentException("threads " + threads + ", prefetch " + prefetch
                    + ": each must be at least 1, and no batch may be empty");
        }
        this.samples = samples;
        this.epoch = epoch;
        this.batches = List.copyOf(batches);
        this.batchCount = batches.size();
        this.prefetch = prefetch;
        this.workers = Executors.newFixedThreadPool(threads, threadFactory(LOADERS.incrementAndGet()));
        fill();
    }

    private static List<int[]> chunks(int[] order, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            out.add(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
        }
        return out;
    }

    private static ThreadFactory threadFactory(int loader) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "batch-loader-" + loader + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int batchCount() {
        return batchCount;
    }

    @Override
    public boolean hasNext() {
        return !closed && returned < batchCount;
    }

    /** The next batch in order, waiting for it if needed; the wait is recorded in the batch. */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "batch loader closed" : "all " + batchCount + " batches returned");
        }
        Future<Batch> head = pending.poll();
        long start = System.nanoTime();
        Batch batch;
        try {
            batch = head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for batch " + returned, e);
        } catch (ExecutionException | CancellationException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("batch " + returned + " of epoch " + epoch + ": " + cause.getMessage(),
                    cause);
        }
        long waited = System.nanoTime() - start;
        returned++;
        fill();
        return batch.withWaitNanos(waited);
    }

    private void fill() {
        while (pending.size() < prefetch && submitted < batchCount) {
            int number = submitted++;
            pending.add(workers.submit(() -> build(number)));
        }
    }

    private Batch build(int number) {
        int[] indices = batches.get(number);
        int n = indices.length;
        int size = samples.imgSize();
        int plane = 3 * size * size;
        float[] images = new float[n * plane];
        List<float[]> targets = new ArrayList<>();
        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("batch loader closed");
            }
            Sample s = samples.sample(epoch, indices[i]);
            try {
                Mat image = s.image();
                if (image.rows() != size || image.cols() != size) {
                    throw new IllegalStateException(s.name() + ": sample is " + image.cols() + "x" + image.rows()
                            + ", expected " + size + "x" + size);
                }
                ImageTensors.write(image, images, i * plane);
            } finally {
                s.release();
            }
            for (float[] lb : s.labels()) {
                targets.add(new float[] {i, lb[0], lb[1], lb[2], lb[3], lb[4]});
            }
            paths.add(s.name());
        }
        return new Batch(number, images, n, size, size, targets.toArray(new float[0][]), List.copyOf(paths), 0);
    }

    /** Stops the threads (interrupting batches being built) and waits for them to end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("batch loader threads still running {} s after close", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
