package sparkyolo.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.SharedFixtures;

class NpzTest {
    @Test
    void roundTripsArraysAndExtraMembers() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("model.0.conv.weight", NpyArray.ofFloats(new float[] {1f, -2.5f, 3f, 4f, 5f, 6f}, 2, 3));
        arrays.put("model.0.bn.num_batches_tracked", NpyArray.ofLongs(new long[] {7}));
        arrays.put("pixels", NpyArray.ofBytes(new byte[] {(byte) 255, 0, 114}, 3));
        byte[] bytes = Npz.toBytes(arrays, Map.of("meta.json", "{}".getBytes(StandardCharsets.UTF_8)));

        Map<String, byte[]> members = Npz.readMembers(new ByteArrayInputStream(bytes), "mem");
        assertEquals("{}", new String(members.get("meta.json"), StandardCharsets.UTF_8));
        Map<String, NpyArray> back = Npz.arrays(members, "mem");
        assertEquals(arrays.keySet(), back.keySet());
        assertArrayEquals(new long[] {2, 3}, back.get("model.0.conv.weight").shape());
        assertArrayEquals(new float[] {1f, -2.5f, 3f, 4f, 5f, 6f}, back.get("model.0.conv.weight").toFloats());
        assertArrayEquals(new long[0], back.get("model.0.bn.num_batches_tracked").shape());
        assertArrayEquals(new long[] {7}, back.get("model.0.bn.num_batches_tracked").toLongs());
        assertArrayEquals(new byte[] {(byte) 255, 0, 114}, back.get("pixels").toBytes());
    }

    @Test
    void membersAreStoredUncompressedWithTheirChecksumsAsNumpysSavez() throws IOException {
        float[] values = new float[1000];
        java.util.Arrays.fill(values, 0.5f);
        byte[] bytes = Npz.toBytes(Map.of("w", NpyArray.ofFloats(values, 1000)),
                Map.of("meta.json", "{}".getBytes(StandardCharsets.UTF_8)));
        int members = 0;
        // ZipInputStream checks each STORED member's CRC-32 against its data while reading it.
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertEquals(java.util.zip.ZipEntry.STORED, e.getMethod(), e.getName());
                assertEquals(e.getSize(), zip.readAllBytes().length, e.getName());
                members++;
            }
        }
        assertEquals(2, members);
        assertTrue(bytes.length > 4 * values.length, "the constant floats were not deflated: " + bytes.length);
    }

    @Test
    void twoDimensionalArraysReadAsRows() {
        NpyArray a = NpyArray.ofFloats(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2);
        float[][] rows = a.toFloatRows();
        assertEquals(3, rows.length);
        assertArrayEquals(new float[] {5f, 6f}, rows[2]);
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(new float[] {1f}, 1).toFloatRows());
    }

    @Test
    void rejectsNonZipWithItsName() {
        IOException e = assertThrows(IOException.class,
                () -> Npz.read(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)), "bad.npz"));
        assertTrue(e.getMessage().contains("bad.npz"), e.getMessage());
    }

    @Test
    void readsReferenceStateDict() throws IOException {
        Map<String, NpyArray> sd = SharedFixtures.npz("state_dict.npz");
        assertEquals(349, sd.size());
        assertArrayEquals(new long[] {16, 3, 6, 6}, sd.get("model.0.conv.weight").shape());
        assertArrayEquals(new long[] {3, 3, 2}, sd.get("model.24.anchors").shape());
        assertEquals(1.25f, sd.get("model.24.anchors").toFloats()[0]);
        assertEquals("i8", sd.get("model.0.bn.num_batches_tracked").dtype());
    }
}
