package sparkyolo.data.augment;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** Images kept in this JVM's heap ({@code --cache ram}). */
final class RamImageCache extends ImageCache {
    private final AtomicReferenceArray<Pixels> images;

    RamImageCache(int size) {
        images = new AtomicReferenceArray<>(size);
    }

    @Override
    public String describe() {
        return "ram";
    }

    @Override
    Pixels load(int index) {
        return images.get(index);
    }

    @Override
    boolean store(int index, Pixels pixels) {
        return images.compareAndSet(index, null, pixels);
    }

    @Override
    void release() {
        for (int i = 0; i < images.length(); i++) {
            images.set(i, null);
        }
    }
}
