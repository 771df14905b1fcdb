package sparkyolo.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestrictedUnpicklerTest {

    @Test
    void decodesHandBuiltMemoListsDictsTuplesFloatsAndInts() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2)
                .op('}').binput(0).op('(')
                .str("ints").op('(').integer(0).integer(255).integer(65535).integer(-1).integer(100000)
                .integer(Integer.MIN_VALUE).op('t')
                .str("floats").op(']').binput(1).op('(').binfloat(0.5).binfloat(-1e300).op('e')
                .str("nested") // (1, (2, (3,)), ())
                .integer(1).integer(2).integer(3).op(PickleBuilder.TUPLE1).op(PickleBuilder.TUPLE2)
                .op(')').op(PickleBuilder.TUPLE3)
                .str("same list").binget(1)
                .str("inner").op('}').longBinput(70000).str("k").op('N').op('s')
                .str("inner again").longBinget(70000)
                .str("flags").op(PickleBuilder.NEWTRUE).op(PickleBuilder.NEWFALSE).op(PickleBuilder.TUPLE2)
                .op('u').stop().bytes();

        Map<?, ?> m = (Map<?, ?>) RestrictedUnpickler.load(pickle, "hand.pkl");

        assertEquals(List.of(0L, 255L, 65535L, -1L, 100000L, (long) Integer.MIN_VALUE), m.get("ints"));
        assertEquals(List.of(0.5, -1e300), m.get("floats"));
        assertEquals(List.of(1L, List.of(2L, List.of(3L)), List.of()), m.get("nested"));
        assertSame(m.get("floats"), m.get("same list"));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", null);
        assertEquals(inner, m.get("inner"));
        assertSame(m.get("inner"), m.get("inner again"));
        assertEquals(List.of(true, false), m.get("flags"));
        assertEquals(List.of("ints", "floats", "nested", "same list", "inner", "inner again", "flags"),
                List.copyOf(m.keySet()));
    }

    /** The same object as pickled by CPython 3.11 with each protocol; see {@link #pythonObject()}. */
    @Test
    void decodesCPythonPicklesOfProtocols0To5() throws IOException {
        String p0 = "286470300a56696e740a70310a49370a73566e65670a70320a492d3330300a73566269670a70330a4c31313830353931"
                + "3632303731373431313330333432344c0a7356666c6f61740a70340a46322e350a7356696e660a70350a462d696e660a"
                + "7356746578740a70360a5668e96c6c6f205c75323630330a70370a73567475706c650a70380a2849310a2849320a2849"
                + "330a7470390a747031300a2874747031310a73566c6973740a7031320a286c7031330a4e614930310a614930300a6173"
                + "56610a7031340a286c7031350a49310a6156780a7031360a617356620a7031370a6731350a73567365740a7031380a63"
                + "5f5f6275696c74696e5f5f0a7365740a7031390a28286c7032300a49330a61747032310a527032320a735666726f7a65"
                + "6e0a7032330a635f5f6275696c74696e5f5f0a66726f7a656e7365740a7032340a28286c7032350a49340a6174703236"
                + "0a527032370a73566f640a7032380a63636f6c6c656374696f6e730a4f726465726564446963740a7032390a28745270"
                + "33300a566b0a7033310a49310a73732e";
        String p2 = "80027d7100285803000000696e7471014b0758030000006e656771024ad4feffff580300000062696771038a09000000"
                + "0000000000405805000000666c6f617471044740040000000000005803000000696e66710547fff00000000000005804"
                + "000000746578747106580a00000068c3a96c6c6f20e29883710758050000007475706c6571084b014b024b0385710986"
                + "710a2987710b58040000006c697374710c5d710d284e888965580100000061710e5d710f284b01580100000078711065"
                + "5801000000627111680f58030000007365747112635f5f6275696c74696e5f5f0a7365740a71135d71144b0361857115"
                + "527116580600000066726f7a656e7117635f5f6275696c74696e5f5f0a66726f7a656e7365740a71185d71194b046185"
                + "711a52711b58020000006f64711c63636f6c6c656374696f6e730a4f726465726564446963740a711d2952711e580100"
                + "00006b711f4b0173752e";
        // protocols 4 and 5 add 'bytes': b'\x00\xff' (and protocol 5 'ba': bytearray(b'\x01'))
        String p45 = "7d94288c03696e74944b078c036e6567944ad4feffff8c03626967948a090000000000000000408c05666c6f61749447"
                + "40040000000000008c03696e669447fff00000000000008c0474657874948c0a68c3a96c6c6f20e29883948c05747570"
                + "6c65944b014b024b03859486942987948c046c697374945d94284e8889658c0161945d94284b018c017894658c016294"
                + "680f8c03736574948f94284b03908c0666726f7a656e94284b0491948c026f64948c0b636f6c6c656374696f6e73948c"
                + "0b4f726465726564446963749493942952948c016b944b01738c05627974657394430200ff94";
        String p4 = "800495e800000000000000" + p45 + "752e";
        String p5 = "800595f800000000000000" + p45 + "8c026261949601000000000000000194752e";

        for (String hex : List.of(p0, p2, p4, p5)) {
            Map<?, ?> m = (Map<?, ?>) RestrictedUnpickler.load(HexFormat.of().parseHex(hex), "python.pkl");
            assertSame(m.get("a"), m.get("b"), "memoized list is shared");
            Map<Object, Object> rest = new LinkedHashMap<>(m);
            if (m.containsKey("bytes")) {
                assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) rest.remove("bytes"));
            }
            if (m.containsKey("ba")) {
                assertArrayEquals(new byte[] {1}, (byte[]) rest.remove("ba"));
            }
            assertEquals(pythonObject(), rest, hex.substring(0, 8));
        }
    }

    /**
     * {@code shared = [1, 'x']; {'int': 7, 'neg': -300, 'big': 2**70, 'float': 2.5, 'inf': float('-inf'),
     * 'text': 'h\u00e9llo \u2603', 'tuple': (1, (2, (3,)), ()), 'list': [None, True, False], 'a': shared,
     * 'b': shared, 'set': {3}, 'frozen': frozenset([4]), 'od': OrderedDict([('k', 1)])}}
     */
    private static Map<String, Object> pythonObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 7L);
        m.put("neg", -300L);
        m.put("big", BigInteger.TWO.pow(70));
        m.put("float", 2.5);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("text", "h\u00e9llo \u2603");
        m.put("tuple", List.of(1L, List.of(2L, List.of(3L)), List.of()));
        m.put("list", Arrays.asList(null, true, false));
        m.put("a", List.of(1L, "x"));
        m.put("b", List.of(1L, "x"));
        m.put("set", Set.of(3L));
        m.put("frozen", Set.of(4L));
        m.put("od", Map.of("k", 1L));
        return m;
    }

    @Test
    void decodesTextFormsAndStackOpcodes() throws IOException {
        byte[] pickle = new PickleBuilder()
                .op('(')
                .line('S', "'a\\n\\x41\\'b'")
                .line('I', "01")
                .line('I', "-12")
                .line('L', "12345678901234567890L")
                .line('F', "1e-3")
                .line('V', "caf\u00e9 \\u2603")
                .integer(9).op('(').integer(1).integer(2).op('1') // POP_MARK drops 1, 2
                .op('2') // DUP of 9
                .integer(5).op('0') // POP drops 5
                .op('t').stop().bytes();

        assertEquals(List.of("a\nA'b", true, -12L, new BigInteger("12345678901234567890"), 1e-3,
                "caf\u00e9 \u2603", 9L, 9L), RestrictedUnpickler.load(pickle, "text.pkl"));
    }

    @Test
    void keepsModelModulesAsPlainObjects() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2)
                .global("models.common", "Conv").op(')').op(PickleBuilder.NEWOBJ)
                .op('}').op('(').str("training").op(PickleBuilder.NEWFALSE).str("c2").integer(16).op('u')
                .op('b').stop().bytes();

        PickleObject conv = assertInstanceOf(PickleObject.class, RestrictedUnpickler.load(pickle, "conv.pkl"));
        assertEquals("models.common.Conv", conv.className());
        assertEquals(false, conv.get("training"));
        assertEquals(16L, conv.get("c2"));
    }

    @Test
    void refusesOsSystemNamingGlobalAndFile() {
        byte[] pickle = new PickleBuilder().proto(2)
                .global("os", "system").str("echo pwned").op(PickleBuilder.TUPLE1).op('R').stop().bytes();

        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> RestrictedUnpickler.load(pickle, "evil.pt"));
        assertEquals("evil.pt: refused to load pickle global 'os.system' (not a YOLOv5 checkpoint class or tensor)",
                e.getMessage());
        assertEquals("global 'os.system'", e.refused());
    }

    @Test
    void refusesBuiltinsEvalThroughStackGlobal() {
        byte[] pickle = new PickleBuilder().proto(4)
                .str("builtins").str("eval").op(PickleBuilder.STACK_GLOBAL).str("1+1").op(PickleBuilder.TUPLE1).op('R').stop().bytes();

        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> RestrictedUnpickler.load(pickle, "eval.pt"));
        assertTrue(e.getMessage().startsWith("eval.pt: "), e.getMessage());
        assertTrue(e.getMessage().contains("'builtins.eval'"), e.getMessage());
    }

    @Test
    void refusesAtTheGlobalBeforeReadingFurther() {
        // garbage after the global would be a format error if the unpickler read on
        byte[] pickle = new PickleBuilder().proto(2)
                .global("numpy.core.multiarray", "_reconstruct").op((char) 0xff).bytes(); // 0xff is no opcode

        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> RestrictedUnpickler.load(pickle, "np.pt"));
        assertTrue(e.getMessage().contains("'numpy.core.multiarray._reconstruct'"), e.getMessage());
    }

    @Test
    void refusesInstOpcode() {
        byte[] pickle = new PickleBuilder().op('(').line('i', "os\nsystem").stop().bytes();

        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> RestrictedUnpickler.load(pickle, "inst.pkl"));
        assertEquals("opcode INST", e.refused());
        assertTrue(e.getMessage().startsWith("inst.pkl: "), e.getMessage());
    }

    @Test
    void reportsTruncatedPickleWithFileAndOffset() {
        byte[] pickle = new PickleBuilder().proto(2).op(']').integer(1).op('a').bytes();

        IOException e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(pickle, "cut.pkl"));
        assertTrue(e.getMessage().startsWith("cut.pkl: malformed pickle at byte 6"), e.getMessage());
    }

    @Test
    void reportsSelfContainingDictKeyAsErrorNotCrash() {
        // l = []; l.append(l); {l: None} -- impossible in Python, but a crafted stream can ask for it
        byte[] pickle = new PickleBuilder().proto(2)
                .op('}').op(']').binput(0).binget(0).op('a').op('N').op('s').stop().bytes();

        IOException e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(pickle, "loop.pkl"));
        assertTrue(e.getMessage().startsWith("loop.pkl: pickle data nests too deeply or contains itself"),
                e.getMessage());
    }

    @Test
    void rejectsWhitelistedGlobalUsedWrongly() {
        // OrderedDict is allowed, but calling it with a non-iterable is not a valid pickle
        byte[] pickle = new PickleBuilder().proto(2)
                .global("collections", "OrderedDict").integer(3).op(PickleBuilder.TUPLE1).op('R').stop().bytes();

        IOException e = assertThrows(IOException.class, () -> RestrictedUnpickler.load(pickle, "od.pkl"));
        assertTrue(e.getMessage().startsWith("od.pkl: malformed pickle"), e.getMessage());
    }
}
