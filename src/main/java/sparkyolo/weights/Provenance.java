package sparkyolo.weights;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sparkyolo.util.Version;

/** Where a set of weights came from: versions, options, seed, data fingerprint, source. */
public final class Provenance {
    private Provenance() {
    }

    /**
     * @param source          what the weights were made from (a file, or "train")
     * @param options         the options of the command that produced them
     * @param seed            the run's seed, or null
     * @param dataFingerprint a hash of the training data listing, or null
     */
    public static Map<String, Object> create(String source, Map<String, ?> options, Long seed, String dataFingerprint) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sparkyolo_version", Version.get());
        p.put("created", Instant.now().toString());
        p.put("java_version", System.getProperty("java.version"));
        p.put("djl_version", ai.djl.engine.Engine.getDjlVersion());
        p.put("source", source);
        p.put("options", options == null ? Map.of() : new LinkedHashMap<>(options));
        if (seed != null) {
            p.put("seed", seed);
        }
        if (dataFingerprint != null) {
            p.put("data_fingerprint", dataFingerprint);
        }
        return p;
    }
}
