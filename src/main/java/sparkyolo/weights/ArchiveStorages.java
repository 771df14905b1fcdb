package sparkyolo.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the persistent ids of a torch zip checkpoint,
 * {@code ('storage', torch.XStorage, key, location, numel)}, to the storages in
 * {@code <prefix>/data/<key>}. Tensors sharing a storage share one {@link TorchStorage}.
 */
final class ArchiveStorages implements RestrictedUnpickler.PersistentLoader {
    private final Map<String, ByteBuffer> members;
    private final String dataDir;
    private final String name;
    private final Map<String, TorchStorage> loaded = new HashMap<>();

    /** @param dataDir member name prefix of the storages, e.g. {@code archive/data/} */
    ArchiveStorages(Map<String, ByteBuffer> members, String dataDir, String name) {
        this.members = members;
        this.dataDir = dataDir;
        this.name = name;
    }

    @Override
    public Object load(Object pid) throws IOException {
        if (!(pid instanceof List<?> id) || id.size() != 5 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof PickleGlobal type) || type.kind() != PickleGlobal.Kind.STORAGE_TYPE
                || !(id.get(2) instanceof String key) || !(id.get(4) instanceof Long numel)) {
            throw new IOException(name + ": unsupported persistent id " + pid
                    + " (expected ('storage', torch.<type>Storage, key, location, numel))");
        }
        StorageType storageType = StorageType.byClassName(type.name());
        TorchStorage storage = loaded.get(key);
        if (storage == null) {
            storage = read(key, storageType, numel);
            loaded.put(key, storage);
        } else if (storage.type() != storageType) {
            throw new IOException(name + ": storage '" + key + "' is used as both " + storage.type() + " and " + storageType);
        }
        return storage;
    }

    private TorchStorage read(String key, StorageType type, long numel) throws IOException {
        ByteBuffer bytes = members.get(dataDir + key);
        if (bytes == null) {
            throw new IOException(name + ": storage member '" + dataDir + key + "' is missing from the checkpoint");
        }
        if (numel < 0 || bytes.remaining() / type.itemSize() < numel) {
            throw new IOException(name + ": storage member '" + dataDir + key + "' has " + bytes.remaining()
                    + " bytes, too few for " + numel + " " + type + " elements");
        }
        return new TorchStorage(key, type, bytes, numel);
    }
}
