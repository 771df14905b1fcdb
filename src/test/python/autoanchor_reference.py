#!/usr/bin/env python3
"""Writes src/test/resources/anchors/coco128-autoanchor.json: what the original YOLOv5 v6.2's own
AutoAnchor code computes on coco128's train split at --img 320 for seeds 0-9, to test SparkYOLO's
AutoAnchor against.

- dataset: image shapes and label sizes as the original's LoadImagesAndLabels holds them;
- check_anchors: after init_seeds(seed) (what a single-process train.py --seed seed does: it calls
  init_seeds(opt.seed + 1 + RANK) with RANK -1), check_anchors on a Detect layer with the default
  P5 anchors: the BPR before, scipy's k-means centroids (scaled back to pixels), the anchors
  kmean_anchors returns, their float32 fitness, the BPR after and the anchors the model ends with;
- kmean_anchors: after init_seeds(seed), kmean_anchors alone: anchors, fitness and BPR.

The original's code is imported from a checkout given on the command line (it is not part of this
repository); torchvision, which the imported modules name but AutoAnchor does not use, is stubbed.
The dataset's label cache is written to a temporary folder, not next to the dataset. Run with
Debian's python3 (numpy 1.24, scipy 1.10, torch 1.13):
  git -C <yolov5 mirror> archive v6.2 | tar -x -C target/yolov5-v6.2
  /usr/bin/python3 src/test/python/autoanchor_reference.py --yolov5 target/yolov5-v6.2 \
      --coco128 ../shared/datasets/coco128
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import types

import numpy as np
import scipy
import torch

IMG_SIZE = 320
ANCHOR_T = 4.0
SEEDS = range(10)
DEFAULT_ANCHORS = [[10, 13, 16, 30, 33, 23], [30, 61, 62, 45, 59, 119], [116, 90, 156, 198, 373, 326]]
STRIDES = [8., 16., 32.]
OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'anchors', 'coco128-autoanchor.json')


def import_original(checkout):
    class _Meta(type):
        def __getattr__(cls, name):
            return _Any

    class _Any(metaclass=_Meta):
        def __init__(self, *args, **kwargs):
            pass

    class _Stub(types.ModuleType):
        __path__ = []

        def __getattr__(self, name):
            return _Any

    for name in ('torchvision', 'torchvision.transforms', 'torchvision.transforms.functional'):
        sys.modules[name] = _Stub(name)
    np.int = int  # removed in numpy 1.24, still used by v6.2's dataloaders
    sys.path.insert(0, os.path.abspath(checkout))
    import utils.autoanchor as autoanchor
    from utils.dataloaders import LoadImagesAndLabels
    from utils.general import init_seeds
    return autoanchor, LoadImagesAndLabels, init_seeds


def load_dataset(LoadImagesAndLabels, coco128, tmp):
    # images/ and labels/ folders of links, so that the label cache lands in tmp
    for d in ('images', 'labels'):
        os.makedirs(os.path.join(tmp, d))
        os.symlink(os.path.abspath(os.path.join(coco128, d, 'train2017')), os.path.join(tmp, d, 'train2017'))
    # as train.py builds its train set (augment=True, rect=False)
    return LoadImagesAndLabels(os.path.join(tmp, 'images', 'train2017'), IMG_SIZE, 16, augment=True,
                               hyp=dict(mosaic=1.0), rect=False)


class Detect:
    def __init__(self):
        self.stride = torch.tensor(STRIDES)
        self.anchors = torch.tensor(DEFAULT_ANCHORS, dtype=torch.float32).view(3, 3, 2) / self.stride.view(-1, 1, 1)


class Model:
    def __init__(self):
        self.model = [Detect()]


def label_wh(dataset):
    # kmean_anchors' wh0 and its filtered wh, as its first lines compute them
    shapes = IMG_SIZE * dataset.shapes / dataset.shapes.max(1, keepdims=True)
    wh0 = np.concatenate([l[:, 3:5] * s for s, l in zip(shapes, dataset.labels)])
    return wh0, wh0[(wh0 >= 2.0).any(1)]


def fitness_and_bpr(k, dataset):
    # anchor_fitness (float32, filtered labels) and print_results' BPR (all labels) of the anchors k
    wh0, wh = (torch.tensor(x, dtype=torch.float32) for x in label_wh(dataset))
    thr = 1 / ANCHOR_T

    def best(k, wh):
        r = wh[:, None] / k[None]
        return torch.min(r, 1 / r).min(2)[0].max(1)[0]

    b = best(torch.tensor(k, dtype=torch.float32), wh)
    fitness = (b * (b > thr).float()).mean()
    bpr = (best(k, wh0) > thr).float().mean()
    return float(fitness), float(bpr)


def check_metric(k, dataset, scale):
    # check_anchors' metric: BPR and anchors/target on the labels of images scaled by `scale`
    shapes = IMG_SIZE * dataset.shapes / dataset.shapes.max(1, keepdims=True)
    wh = torch.tensor(np.concatenate([l[:, 3:5] * s for s, l in zip(shapes * scale, dataset.labels)])).float()
    r = wh[:, None] / k[None]
    x = torch.min(r, 1 / r).min(2)[0]
    best = x.max(1)[0]
    return float((best > 1 / ANCHOR_T).float().mean()), float((x > 1 / ANCHOR_T).float().sum(1).mean())


class Recorder:
    """Wraps numpy's uniform, scipy's kmeans and the original's kmean_anchors to keep what they return."""

    def __init__(self, autoanchor, dataset):
        import scipy.cluster.vq as vq
        self.scale = self.kmeans_result = self.anchors = None
        sigma = label_wh(dataset)[1].std(0)
        uniform, kmeans, kmean_anchors = np.random.uniform, vq.kmeans, autoanchor.kmean_anchors

        def recording_uniform(*args, **kwargs):
            self.scale = uniform(*args, **kwargs)
            return self.scale

        def recording_kmeans(*args, **kwargs):
            codebook, distortion = kmeans(*args, **kwargs)
            self.kmeans_result = dict(anchors=(codebook * sigma).tolist(), distortion=float(distortion))
            return codebook, distortion

        def recording_kmean_anchors(*args, **kwargs):
            self.anchors = kmean_anchors(*args, **kwargs)
            return self.anchors

        np.random.uniform = recording_uniform
        vq.kmeans = recording_kmeans
        autoanchor.kmean_anchors = recording_kmean_anchors


def cpu_capability():
    found = re.search(r'CPU capability usage: (\S+)', torch.__config__.show())
    return found.group(1) if found else 'unknown'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--yolov5', required=True, help='a checkout of ultralytics/yolov5 v6.2')
    parser.add_argument('--coco128', required=True, help='the coco128 dataset folder')
    parser.add_argument('--out', default=OUT)
    args = parser.parse_args()
    torch.set_num_threads(1)
    autoanchor, LoadImagesAndLabels, init_seeds = import_original(args.yolov5)
    tmp = tempfile.mkdtemp()
    try:
        dataset = load_dataset(LoadImagesAndLabels, args.coco128, tmp)
    finally:
        shutil.rmtree(tmp)
    recorder = Recorder(autoanchor, dataset)

    checks = []
    for seed in SEEDS:
        init_seeds(seed, deterministic=True)
        model = Model()
        m = model.model[-1]
        anchors_before = (m.anchors * m.stride.view(-1, 1, 1)).view(-1, 2)
        recorder.scale = recorder.kmeans_result = recorder.anchors = None
        autoanchor.check_anchors(dataset, model, thr=ANCHOR_T, imgsz=IMG_SIZE)
        k = recorder.anchors
        bpr_before, aat_before = check_metric(anchors_before, dataset, recorder.scale)
        bpr_after, aat_after = check_metric(k, dataset, recorder.scale)
        fitness, _ = fitness_and_bpr(k, dataset)
        checks.append(dict(seed=seed, bpr_before=bpr_before, aat_before=aat_before, kmeans=recorder.kmeans_result,
                           anchors=k.tolist(), fitness=fitness, bpr_after=bpr_after, aat_after=aat_after,
                           model_anchors=(m.anchors * m.stride.view(-1, 1, 1)).view(3, 6).tolist()))

    alone = []
    for seed in SEEDS:
        init_seeds(seed, deterministic=True)
        k = autoanchor.kmean_anchors(dataset, n=9, img_size=IMG_SIZE, thr=ANCHOR_T, gen=1000, verbose=False)
        fitness, bpr = fitness_and_bpr(k, dataset)
        alone.append(dict(seed=seed, anchors=k.tolist(), fitness=fitness, bpr=bpr))

    data = dict(versions=dict(numpy=np.__version__, scipy=scipy.__version__, torch=torch.__version__,
                              cpu_capability=cpu_capability(), torch_threads=1),
                img_size=IMG_SIZE, anchor_t=ANCHOR_T, default_anchors=DEFAULT_ANCHORS, strides=STRIDES,
                dataset=dict(shapes=dataset.shapes.tolist(),
                             label_wh=[l[:, 3:5].astype(float).tolist() for l in dataset.labels]),
                check_anchors=checks, kmean_anchors=alone)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(data, f)
        f.write('\n')
    for name, rows in (('check_anchors', checks), ('kmean_anchors', alone)):
        f = [r['fitness'] for r in rows]
        print(f'{name}: fitness {min(f):.4f}-{max(f):.4f} mean {np.mean(f):.4f}')



if __name__ == '__main__':
    main()
