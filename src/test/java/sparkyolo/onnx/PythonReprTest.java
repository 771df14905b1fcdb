package sparkyolo.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names metadata as Python's str() writes a list (fixture by src/test/python/python_repr_reference.py). */
class PythonReprTest {
    @Test
    void matchesPythonsStrOfAList() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(getClass().getResource("/onnx/python-repr.json"));
        assertTrue(cases.size() >= 3);
        for (JsonNode c : cases) {
            List<String> items = new ArrayList<>();
            c.get("items").forEach(i -> items.add(i.asText()));
            assertEquals(c.get("str").asText(), PythonRepr.list(items));
        }
    }
}
