"""Writes the inputs both sides of the device check compute on.

Each image of IMAGES (with its YOLO label file in LABELS) is read with OpenCV and letterboxed to
SIZE x SIZE by the original's letterbox (auto=False, as val.py's square batches); its boxes are
mapped into the letterboxed image. Output (npz): images uint8 (N, SIZE, SIZE, 3) BGR, targets
float32 rows [image, cls, cx, cy, w, h] normalized to SIZE.

    python prepare_inputs.py --yolov5 DIR --images DIR --labels DIR --size 640 --out inputs.npz
"""
import argparse
import pathlib

import original


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--yolov5', required=True)
    p.add_argument('--images', required=True)
    p.add_argument('--labels', required=True)
    p.add_argument('--size', type=int, default=640)
    p.add_argument('--out', required=True)
    a = p.parse_args()
    original.load(a.yolov5)
    import cv2
    import numpy as np
    from utils.augmentations import letterbox

    images, targets = [], []
    for i, path in enumerate(sorted(pathlib.Path(a.images).glob('*.jpg'))):
        im = cv2.imread(str(path))
        h0, w0 = im.shape[:2]
        lb, (r, _), (dw, dh) = letterbox(im, a.size, auto=False, scaleup=True)
        images.append(lb)
        label = pathlib.Path(a.labels) / (path.stem + '.txt')
        rows = np.loadtxt(label, ndmin=2, dtype=np.float64) if label.exists() else np.zeros((0, 5))
        for cls, cx, cy, w, h in rows:
            targets.append([i, cls, (cx * w0 * r + dw) / a.size, (cy * h0 * r + dh) / a.size,
                            w * w0 * r / a.size, h * h0 * r / a.size])
    np.savez_compressed(a.out, images=np.stack(images).astype(np.uint8),
                        targets=np.array(targets, dtype=np.float32).reshape(-1, 6))
    print(f'inputs: {len(images)} images letterboxed to {a.size}, {len(targets)} labels -> {a.out}')


if __name__ == '__main__':
    main()
