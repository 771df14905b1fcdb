package sparkyolo.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** random/draws.json, written by src/test/python/random_reference.py with real numpy, Python and torch. */
public final class RandomDraws {
    private static JsonNode cached;

    private RandomDraws() {
    }

    /** The elements of the array at {@code path} (field names), as test arguments named by their {@code key} field. */
    public static Stream<Arguments> entries(String key, String... path) {
        JsonNode node = load();
        for (String field : path) {
            node = node.get(field);
        }
        List<Arguments> all = new ArrayList<>();
        node.forEach(e -> all.add(Arguments.of(e.get(key).asText(), e)));
        return all.stream();
    }

    public static synchronized JsonNode load() {
        if (cached == null) {
            try (InputStream in = RandomDraws.class.getResourceAsStream("/random/draws.json")) {
                cached = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }
}
