package sparkyolo.weights;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import sparkyolo.util.NpyArray;

/**
 * Computes {@code module.state_dict()} from a pickled module tree, in PyTorch's order: the
 * module's {@code _parameters}, then its persistent {@code _buffers}, then each child in
 * {@code _modules}, recursively, with keys joined by dots. None entries are skipped.
 */
final class ModuleStateDict {
    private final String name;
    private final LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
    /** The modules on the path from the root, to stop at a module that contains itself. */
    private final Set<PickleObject> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());

    private ModuleStateDict(String name) {
        this.name = name;
    }

    /** True when the object has the attributes of a torch.nn.Module. */
    static boolean isModule(Object value) {
        return value instanceof PickleObject o && o.get("_parameters") instanceof Map<?, ?>
                && o.get("_modules") instanceof Map<?, ?>;
    }

    /** @param name file name for errors */
    static LinkedHashMap<String, NpyArray> of(PickleObject module, String name) throws IOException {
        ModuleStateDict sd = new ModuleStateDict(name);
        sd.collect(module, "");
        return sd.out;
    }

    private void collect(PickleObject module, String prefix) throws IOException {
        if (!isModule(module)) {
            throw new IOException(name + ": " + where(prefix) + " (" + module.className() + ") has no module state");
        }
        if (!enclosing.add(module)) {
            throw new IOException(name + ": " + where(prefix) + " contains itself");
        }
        tensors(module, "_parameters", prefix, Set.of());
        Object nonPersistent = module.get("_non_persistent_buffers_set");
        tensors(module, "_buffers", prefix, nonPersistent instanceof Set<?> s ? s : Set.of());
        for (Map.Entry<?, ?> child : ((Map<?, ?>) module.get("_modules")).entrySet()) {
            if (child.getValue() == null) {
                continue;
            }
            if (!(child.getValue() instanceof PickleObject sub)) {
                throw new IOException(name + ": submodule '" + prefix + child.getKey() + "' is "
                        + PickleValues.describe(child.getValue()) + ", not a module");
            }
            collect(sub, prefix + child.getKey() + ".");
        }
        enclosing.remove(module);
    }

    private static String where(String prefix) {
        return prefix.isEmpty() ? "the model" : "module '" + prefix.substring(0, prefix.length() - 1) + "'";
    }

    private void tensors(PickleObject module, String attribute, String prefix, Set<?> skip) throws IOException {
        Object entries = module.get(attribute);
        if (entries == null) {
            return;
        }
        if (!(entries instanceof Map<?, ?> map)) {
            throw new IOException(name + ": " + attribute + " of " + where(prefix) + " is not a dict");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null || skip.contains(e.getKey())) {
                continue;
            }
            if (!(e.getValue() instanceof TorchTensor tensor)) {
                throw new IOException(name + ": '" + prefix + e.getKey() + "' in " + attribute + " is "
                        + PickleValues.describe(e.getValue()) + ", not a tensor");
            }
            out.put(prefix + e.getKey(), tensor.toNpy());
        }
    }
}
