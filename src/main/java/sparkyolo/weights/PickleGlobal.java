package sparkyolo.weights;

/**
 * A whitelisted Python global ({@code module.name}) as it sits on the unpickler's stack. It is
 * only a name with the role it may play; nothing is looked up or called.
 */
public record PickleGlobal(String module, String name, Kind kind) {

    /** The roles a whitelisted global may play. */
    public enum Kind {
        ORDERED_DICT, DICT, LIST, TUPLE, SET, FROZENSET,
        REBUILD_TENSOR, REBUILD_PARAMETER,
        /** {@code torch.HalfStorage} etc., named in persistent ids of tensor storages. */
        STORAGE_TYPE,
        /** {@code torch.float16} etc., a plain value. */
        DTYPE,
        /** A model module class, kept as a {@link PickleObject}. */
        MODULE_CLASS
    }

    /** {@code module.name}, as Python spells a qualified name. */
    @Override
    public String toString() {
        return module + "." + name;
    }
}
