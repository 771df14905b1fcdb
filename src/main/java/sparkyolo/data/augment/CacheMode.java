package sparkyolo.data.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import sparkyolo.util.InvalidOptionException;

/**
 * Where training keeps its decoded, load-resized images across epochs ({@code train --cache}), as
 * the original's {@code cache_images}: nowhere, in the executor's heap, or on its local disk.
 */
public enum CacheMode {
    NONE, RAM, DISK;

    /** {@code ram} or {@code disk} (any case); {@code none} or empty for no cache. */
    @JsonCreator
    public static CacheMode parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "none" -> NONE;
            case "ram" -> RAM;
            case "disk" -> DISK;
            default -> throw new InvalidOptionException("--cache", "must be ram or disk, got '" + value + "'");
        };
    }

    /** As the command line spells it (also in checkpoints). */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
