package sparkyolo.data.augment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The images found undecodable while making samples, shared by the threads of one
 * {@link SampleFactory}. Each is logged once, by name; every later use is counted and skipped
 * without reading it again.
 */
public final class BadImages {
    private static final Logger LOG = LogManager.getLogger(BadImages.class);

    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final AtomicLong replacements = new AtomicLong();

    boolean isBad(int index) {
        return names.containsKey(index);
    }

    void add(int index, String name, String reason) {
        if (names.putIfAbsent(index, name) == null) {
            LOG.warn("{}: skipped in training ({}); replaced by the next decodable image in dataset order",
                    name, reason);
        }
    }

    void countReplacement() {
        replacements.incrementAndGet();
    }

    /** How many times a bad image was replaced by another (once per use: per sample, mosaic tile). */
    public long replacements() {
        return replacements.get();
    }

    /** The distinct bad images, sorted. */
    public List<String> names() {
        return names.values().stream().sorted().toList();
    }
}
