package sparkyolo.weights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sparkyolo.weights.PickleGlobal.Kind;

/**
 * The whitelist of a YOLOv5 checkpoint pickle: which globals may be named, and what calling
 * (REDUCE), creating (NEWOBJ) or BUILDing them means. Every reconstruction here builds plain
 * Java data; no Python code is ever run or emulated beyond these few fixed meanings.
 */
final class CheckpointGlobals {
    private static final Set<String> DTYPES = Set.of("float16", "bfloat16", "float32", "float64",
            "int64", "int32", "int16", "int8", "uint8", "bool");

    private CheckpointGlobals() {
    }

    /** The global's role, or null when it is not whitelisted. */
    static PickleGlobal resolve(String module, String name) {
        Kind kind = kindOf(module, name);
        return kind == null ? null : new PickleGlobal(module, name, kind);
    }

    private static Kind kindOf(String module, String name) {
        if (module.startsWith("models.") || module.startsWith("torch.nn.modules.")) {
            return Kind.MODULE_CLASS;
        }
        return switch (module) {
            case "collections" -> name.equals("OrderedDict") ? Kind.ORDERED_DICT : null;
            // __builtin__ is the Python 2 name, still written by protocol 2 pickles
            case "builtins", "__builtin__" -> switch (name) {
                case "set" -> Kind.SET;
                case "frozenset" -> Kind.FROZENSET;
                case "list" -> Kind.LIST;
                case "dict" -> Kind.DICT;
                case "tuple" -> Kind.TUPLE;
                default -> null;
            };
            case "torch._utils" -> switch (name) {
                case "_rebuild_tensor_v2" -> Kind.REBUILD_TENSOR;
                case "_rebuild_parameter" -> Kind.REBUILD_PARAMETER;
                default -> null;
            };
            case "torch" -> StorageType.byClassName(name) != null ? Kind.STORAGE_TYPE
                    : DTYPES.contains(name) ? Kind.DTYPE : null;
            default -> null;
        };
    }

    /** REDUCE: {@code callable(*args)}. */
    static Object call(Object callable, Object args) {
        PickleGlobal g = global(callable, "REDUCE");
        List<Object> a = tuple(args, g);
        return switch (g.kind()) {
            case ORDERED_DICT, DICT -> dict(a, g);
            case LIST -> new ArrayList<>(iterable(a, g));
            case TUPLE -> PickleValues.tuple(iterable(a, g));
            case SET -> new LinkedHashSet<>(iterable(a, g));
            case FROZENSET -> Collections.unmodifiableSet(new LinkedHashSet<>(iterable(a, g)));
            case REBUILD_TENSOR -> TorchTensor.rebuild(a);
            case REBUILD_PARAMETER -> parameter(a);
            default -> throw new IllegalArgumentException("'" + g + "' cannot be called (REDUCE)");
        };
    }

    /** NEWOBJ / NEWOBJ_EX: {@code cls.__new__(cls, *args)}. */
    static Object create(Object cls, Object args) {
        PickleGlobal g = global(cls, "NEWOBJ");
        return switch (g.kind()) {
            case MODULE_CLASS -> new PickleObject(g.toString());
            case ORDERED_DICT, DICT -> new LinkedHashMap<>();
            case LIST -> new ArrayList<>();
            case SET -> new LinkedHashSet<>();
            case TUPLE, FROZENSET -> call(cls, args);
            default -> throw new IllegalArgumentException("'" + g + "' cannot be instantiated (NEWOBJ)");
        };
    }

    /** BUILD: {@code obj.__setstate__(state)}, only for model modules. */
    static void build(Object target, Object state) {
        if (!(target instanceof PickleObject object)) {
            throw new IllegalArgumentException("BUILD is only supported on model modules, not on "
                    + PickleValues.describe(target));
        }
        object.setState(state);
    }

    private static PickleGlobal global(Object value, String opcode) {
        if (!(value instanceof PickleGlobal g)) {
            throw new IllegalArgumentException(opcode + " on " + PickleValues.describe(value) + ", not a class");
        }
        return g;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> tuple(Object args, PickleGlobal g) {
        if (!(args instanceof List<?>)) {
            throw new IllegalArgumentException("arguments of '" + g + "' are not a tuple");
        }
        return (List<Object>) args;
    }

    /** The single optional iterable argument of {@code list(x)}, {@code set(x)} etc. */
    private static Collection<?> iterable(List<Object> args, PickleGlobal g) {
        if (args.isEmpty()) {
            return List.of();
        }
        Object x = args.get(0);
        if (args.size() == 1 && x instanceof Collection<?> c) {
            return c;
        }
        if (args.size() == 1 && x instanceof Map<?, ?> m) {
            return m.keySet();
        }
        throw new IllegalArgumentException("'" + g + "' expects one iterable argument, got " + args);
    }

    /** {@code dict(mapping)} or {@code dict(pairs)}. */
    private static Map<Object, Object> dict(List<Object> args, PickleGlobal g) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (args.size() == 1 && args.get(0) instanceof Map<?, ?> m) {
            out.putAll(m);
            return out;
        }
        for (Object pair : iterable(args, g)) {
            if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                throw new IllegalArgumentException("'" + g + "' expects key/value pairs, got " + pair);
            }
            out.put(kv.get(0), kv.get(1));
        }
        return out;
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: the tensor itself. */
    private static TorchTensor parameter(List<Object> args) {
        if (args.size() != 3 || !(args.get(0) instanceof TorchTensor t)) {
            throw new IllegalArgumentException("_rebuild_parameter expects (tensor, requires_grad, hooks), got " + args);
        }
        return t;
    }
}
