package sparkyolo.weights;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle virtual machine (protocols 0 to 5) that never runs code. It decodes plain data and
 * only a whitelist of reconstructions: tensors ({@code torch._utils._rebuild_tensor_v2},
 * {@code _rebuild_parameter}, storages through persistent ids), {@code collections.OrderedDict},
 * the builtin containers, and classes under {@code models.} and {@code torch.nn.modules.} as
 * {@link PickleObject}s. Any other global, and the opcodes that instantiate classes by name
 * (INST, OBJ) or through the extension registry (EXT1/2/4), stop loading with an
 * {@link UnsafePickleException}.
 *
 * <p>Python values become: None null, bool {@link Boolean}, int {@link Long} (or
 * {@link BigInteger} beyond 64 bits), float {@link Double}, str {@link String}, bytes and
 * bytearray {@code byte[]}, list a mutable {@link List}, tuple an unmodifiable {@link List},
 * dict and OrderedDict a {@link LinkedHashMap}, set a {@link LinkedHashSet} (frozenset an
 * unmodifiable {@link Set}), tensors {@link TorchTensor}, whitelisted classes and
 * {@code torch.<dtype>} objects {@link PickleGlobal}.
 */
public final class RestrictedUnpickler {

    /** Resolves a persistent id (PERSID / BINPERSID), e.g. a torch storage reference. */
    @FunctionalInterface
    public interface PersistentLoader {
        Object load(Object pid) throws IOException;
    }

    private static final PersistentLoader NO_PERSISTENT_IDS = pid -> {
        throw new IllegalArgumentException("persistent id " + pid + " but no storage archive to resolve it");
    };

    private final PickleInput in;
    private final String name;
    private final PersistentLoader loader;
    private final List<Object> stack = new ArrayList<>();
    /** Stack heights at each open MARK; objects below the top one are out of reach. */
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(byte[] pickle, String name, PersistentLoader loader) {
        this.in = new PickleInput(pickle);
        this.name = name;
        this.loader = loader;
    }

    /** Decodes a pickle that has no persistent ids. {@code name} is the file named in errors. */
    public static Object load(byte[] pickle, String name) throws IOException {
        return load(pickle, name, NO_PERSISTENT_IDS);
    }

    public static Object load(byte[] pickle, String name, PersistentLoader loader) throws IOException {
        return new RestrictedUnpickler(pickle, name, loader).run();
    }

    private Object run() throws IOException {
        int at = 0;
        int op = -1;
        try {
            while (true) {
                at = in.position();
                op = in.u1();
                if (op == '.') {
                    return pop();
                }
                step(op);
            }
        } catch (UnsafePickleException e) {
            throw e;
        } catch (EOFException | RuntimeException e) {
            String opcode = op < 0 ? "" : String.format(" (opcode 0x%02x)", op);
            throw new IOException(name + ": malformed pickle at byte " + at + opcode + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            // hashing or comparing a self-containing structure (e.g. a tuple holding a list holding it)
            throw new IOException(name + ": pickle data nests too deeply or contains itself (at byte " + at + ")");
        }
    }

    private void step(int op) throws IOException {
        switch (op) {
            case 0x80 -> { // PROTO
                int protocol = in.u1();
                if (protocol > 5) {
                    throw new IllegalArgumentException("unsupported pickle protocol " + protocol);
                }
            }
            case 0x95 -> in.u8(); // FRAME: a length hint only
            case '(' -> marks.push(stack.size()); // MARK
            case '0' -> { // POP (a MARK on top of the stack is popped too)
                if (stack.size() > markBase()) {
                    pop();
                } else {
                    popMark();
                }
            }
            case '1' -> popMark(); // POP_MARK
            case '2' -> push(peek()); // DUP

            case 'N' -> push(null); // NONE
            case 0x88 -> push(Boolean.TRUE); // NEWTRUE
            case 0x89 -> push(Boolean.FALSE); // NEWFALSE
            case 'I' -> push(PickleText.intLine(in.line())); // INT
            case 'J' -> push((long) in.i4()); // BININT
            case 'K' -> push((long) in.u1()); // BININT1
            case 'M' -> push((long) in.u2()); // BININT2
            case 'L' -> push(PickleText.longLine(in.line())); // LONG
            case 0x8a -> push(twosComplement(in.bytes(in.u1()))); // LONG1
            case 0x8b -> push(twosComplement(in.bytes(in.i4()))); // LONG4
            case 'F' -> push(PickleText.floatLine(in.line())); // FLOAT
            case 'G' -> push(in.f8be()); // BINFLOAT

            case 'S' -> push(PickleText.quotedLine(in.line())); // STRING
            case 'T' -> push(in.string(in.i4(), StandardCharsets.UTF_8)); // BINSTRING
            case 'U' -> push(in.string(in.u1(), StandardCharsets.UTF_8)); // SHORT_BINSTRING
            case 'V' -> push(PickleText.rawUnicodeEscapeLine(in.line())); // UNICODE
            case 'X' -> push(in.string(in.u4(), StandardCharsets.UTF_8)); // BINUNICODE
            case 0x8c -> push(in.string(in.u1(), StandardCharsets.UTF_8)); // SHORT_BINUNICODE
            case 0x8d -> push(in.string(in.u8(), StandardCharsets.UTF_8)); // BINUNICODE8
            case 'C' -> push(in.bytes(in.u1())); // SHORT_BINBYTES
            case 'B' -> push(in.bytes(in.u4())); // BINBYTES
            case 0x8e, 0x96 -> push(in.bytes(in.u8())); // BINBYTES8, BYTEARRAY8

            case ')' -> push(PickleValues.tuple(List.of())); // EMPTY_TUPLE
            case 't' -> push(PickleValues.tuple(popMark())); // TUPLE
            case 0x85 -> push(PickleValues.tuple(popN(1))); // TUPLE1
            case 0x86 -> push(PickleValues.tuple(popN(2))); // TUPLE2
            case 0x87 -> push(PickleValues.tuple(popN(3))); // TUPLE3
            case ']' -> push(new ArrayList<>()); // EMPTY_LIST
            case 'l' -> push(new ArrayList<>(popMark())); // LIST
            case 'a' -> { // APPEND
                Object item = pop();
                list(peek()).add(item);
            }
            case 'e' -> { // APPENDS
                List<Object> items = popMark();
                list(peek()).addAll(items);
            }
            case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
            case 'd' -> { // DICT
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, popMark());
                push(dict);
            }
            case 's' -> { // SETITEM
                Object value = pop();
                Object key = pop();
                map(peek()).put(key, value);
            }
            case 'u' -> { // SETITEMS
                List<Object> pairs = popMark();
                putPairs(map(peek()), pairs);
            }
            case 0x8f -> push(new LinkedHashSet<>()); // EMPTY_SET
            case 0x90 -> { // ADDITEMS
                List<Object> items = popMark();
                set(peek()).addAll(items);
            }
            case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET

            case 'p' -> memo.put(Long.parseLong(in.line().trim()), peek()); // PUT
            case 'q' -> memo.put((long) in.u1(), peek()); // BINPUT
            case 'r' -> memo.put(in.u4(), peek()); // LONG_BINPUT
            case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
            case 'g' -> push(memoGet(Long.parseLong(in.line().trim()))); // GET
            case 'h' -> push(memoGet(in.u1())); // BINGET
            case 'j' -> push(memoGet(in.u4())); // LONG_BINGET

            case 'c' -> { // GLOBAL
                String module = in.line();
                push(global(module, in.line()));
            }
            case 0x93 -> { // STACK_GLOBAL
                Object qualname = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(qualname instanceof String n)) {
                    throw new IllegalArgumentException("STACK_GLOBAL needs two strings");
                }
                push(global(m, n));
            }
            case 'R' -> { // REDUCE
                Object args = pop();
                push(CheckpointGlobals.call(pop(), args));
            }
            case 0x81 -> { // NEWOBJ
                Object args = pop();
                push(CheckpointGlobals.create(pop(), args));
            }
            case 0x92 -> { // NEWOBJ_EX
                Object kwargs = pop();
                Object args = pop();
                if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                    throw new IllegalArgumentException("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(CheckpointGlobals.create(pop(), args));
            }
            case 'b' -> { // BUILD
                Object state = pop();
                CheckpointGlobals.build(peek(), state);
            }
            case 'P' -> push(loader.load(in.line())); // PERSID
            case 'Q' -> push(loader.load(pop())); // BINPERSID

            case 'i' -> throw refusedOpcode("INST", "it instantiates a class named in the stream");
            case 'o' -> throw refusedOpcode("OBJ", "it instantiates a class taken from the stack");
            case 0x82, 0x83, 0x84 -> throw refusedOpcode("EXT", "it loads a global from the copyreg extension registry");
            case 0x97, 0x98 -> throw new IllegalArgumentException("out-of-band buffers (protocol 5) are not supported");
            default -> throw new IllegalArgumentException("unknown opcode");
        }
    }

    private PickleGlobal global(String module, String qualname) throws UnsafePickleException {
        PickleGlobal g = CheckpointGlobals.resolve(module, qualname);
        if (g == null) {
            throw new UnsafePickleException(name, "global '" + module + "." + qualname + "'",
                    "not a YOLOv5 checkpoint class or tensor");
        }
        return g;
    }

    private UnsafePickleException refusedOpcode(String opcode, String reason) {
        return new UnsafePickleException(name, "opcode " + opcode, reason);
    }

    /** LONG1/LONG4 payload: little-endian two's complement. */
    private static Number twosComplement(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < bigEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return PickleValues.integer(new BigInteger(bigEndian));
    }

    private int markBase() {
        return marks.isEmpty() ? 0 : marks.peek();
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        if (stack.size() <= markBase()) {
            throw new IllegalStateException("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.size() <= markBase()) {
            throw new IllegalStateException("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    /** The top {@code n} objects, in stack order. */
    private List<Object> popN(int n) {
        if (stack.size() - n < markBase()) {
            throw new IllegalStateException("stack underflow");
        }
        return take(stack.size() - n);
    }

    /** The objects above the topmost MARK, in stack order; the MARK is closed. */
    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalStateException("no MARK on the stack");
        }
        return take(marks.pop());
    }

    private List<Object> take(int from) {
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> flat) {
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of items for a dict");
        }
        for (int i = 0; i < flat.size(); i += 2) {
            dict.put(flat.get(i), flat.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target) {
        if (!(target instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("cannot append to " + PickleValues.describe(target));
        }
        return (List<Object>) target;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object target) {
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw new IllegalArgumentException("cannot set items of " + PickleValues.describe(target));
        }
        return (Map<Object, Object>) target;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object target) {
        if (!(target instanceof LinkedHashSet<?>)) {
            throw new IllegalArgumentException("cannot add items to " + PickleValues.describe(target));
        }
        return (Set<Object>) target;
    }
}
