/**
 * Training samples and batches, as the original's {@code LoadImagesAndLabels} with augment=True
 * and {@code collate_fn} (YOLOv5 v6.2).
 *
 * <p>{@link sparkyolo.data.augment.SampleFactory} makes one sample: mosaic (+ mixup) or letterbox +
 * random_perspective, then HSV gains and flips; or, without augmentation, the plain letterbox.
 * {@link sparkyolo.data.augment.BatchLoader} builds an epoch's batches in prefetch threads and
 * hands them out in order. Images come from an {@link sparkyolo.data.augment.ImageSource}:
 * image files or a prepared dataset's Parquet rows on any Hadoop FS, or bytes in memory.
 *
 * <p>Image cache ({@code train --cache ram|disk}, the original's {@code cache_images}): an
 * {@link sparkyolo.data.augment.ImageCache} keeps each image as {@code load_image} returns it
 * (decoded, long side resized to the image size) once it was loaded, in the heap or as
 * {@code .npy} files on local disk, and hands the same pixels back in later epochs, so samples do
 * not change. {@link sparkyolo.data.augment.ImageCaches} holds one per JVM, shared by the replicas
 * it runs and kept across a run's epoch tasks; {@link sparkyolo.data.augment.ImageCacheNeed} is
 * what it takes, checked before it is made.
 *
 * <p>Determinism: every random draw of a sample comes from
 * {@link sparkyolo.data.augment.SampleRandom#of(long, int, int)} (run seed, epoch, dataset index),
 * in a fixed order, and never from shared state, so a sample is the same whatever thread builds
 * it and in whatever order; resumed and distributed runs see the same data. The draws are not
 * Python's, so samples equal the original's in distribution, not value by value.
 *
 * <p>Bad images: an image that does not decode is logged once by name, counted in
 * {@link sparkyolo.data.augment.BadImages}, and replaced, wherever it is used (as the sample's
 * image or as a mosaic partner), by the next index in dataset order that decodes (wrapping
 * around). The rule draws nothing, so the rest of the sample is unchanged. The original cannot
 * meet this case: its label cache drops undecodable images before training. A read failure
 * (I/O) is not a bad image: it fails the sample, naming the image.
 */
package sparkyolo.data.augment;
