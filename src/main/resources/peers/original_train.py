#!/usr/bin/env python3
"""The original YOLOv5's training step, timed for `spark-yolo benchmark train --peer original`:
its own dataloader (augmentation on, loader worker processes), model, ComputeLoss, SGD with its
three parameter groups, gradient accumulation as train.py ramps it in the first epoch, clipping
and EMA, on the same data, image size, batch size and thread count as ours.

    python3 original_train.py --yolov5 DIR --data coco128.yaml [--cfg yolov5n.yaml] [--img 320]
        [--batch-size 16] [--threads 1] [--workers 2] [--warmup 2]

DIR is a checkout of the original at v6.2 (never part of this project). After its untimed
warm-up batches it prints {"ready": true, "torch": VERSION}; then, for each line N read from
standard input, it trains N more batches and prints one JSON object: images, seconds, images/s
and the seconds spent in data, forward, loss, backward, optimizer and EMA. Rounds of ours and
of the original thus alternate in one call, whatever the machine's speed does meanwhile.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import yaml


def dataset_yaml(yaml_file):
    """The dataset YAML with its train path made absolute, `path` taken relative to the YAML's folder."""
    with open(yaml_file) as f:
        data = yaml.safe_load(f)
    root = os.path.join(os.path.dirname(os.path.abspath(yaml_file)), str(data.get('path') or '.'))
    data['train'] = os.path.normpath(os.path.join(root, data['train']))
    if isinstance(data['names'], dict):
        data['names'] = [data['names'][k] for k in sorted(data['names'])]
    return data


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--yolov5', required=True)
    p.add_argument('--data', required=True)
    p.add_argument('--cfg', default='yolov5n.yaml')
    p.add_argument('--img', type=int, default=320)
    p.add_argument('--batch-size', type=int, default=16)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--warmup', type=int, default=2)
    a = p.parse_args()

    sys.path.insert(0, os.path.abspath(a.yolov5))
    # v6.2 still uses numpy's aliases of the builtins that numpy 1.24 removed.
    for alias, builtin in (('int', int), ('float', float), ('bool', bool)):
        if not hasattr(np, alias):
            setattr(np, alias, builtin)
    import torch
    torch.set_num_threads(a.threads)
    from models.yolo import Model
    from utils.dataloaders import create_dataloader
    from utils.loss import ComputeLoss
    from utils.torch_utils import ModelEMA, smart_optimizer

    with open(os.path.join(a.yolov5, 'data', 'hyps', 'hyp.scratch-low.yaml')) as f:
        hyp = yaml.safe_load(f)
    data = dataset_yaml(a.data)
    nc = len(data['names'])
    cfg = a.cfg if os.path.exists(a.cfg) else os.path.join(a.yolov5, 'models', a.cfg)
    model = Model(cfg, ch=3, nc=nc)
    gs = max(int(model.stride.max()), 32)
    nl = model.model[-1].nl
    hyp['box'] *= 3 / nl
    hyp['cls'] *= nc / 80 * 3 / nl
    hyp['obj'] *= (a.img / 640) ** 2 * 3 / nl
    hyp['label_smoothing'] = 0.0
    model.nc, model.hyp = nc, hyp

    nbs = 64
    accumulate_max = max(round(nbs / a.batch_size), 1)
    hyp['weight_decay'] *= a.batch_size * accumulate_max / nbs
    optimizer = smart_optimizer(model, 'SGD', hyp['lr0'], hyp['momentum'], hyp['weight_decay'])
    ema = ModelEMA(model)
    loader, dataset = create_dataloader(data['train'], a.img, a.batch_size, gs, hyp=hyp, augment=True,
                                        workers=a.workers, shuffle=True, prefix='')
    compute_loss = ComputeLoss(model)
    nb = len(loader)
    nw = max(round(hyp['warmup_epochs'] * nb), 100)

    model.train()
    step = dict(ni=0, last_opt_step=-1, it=iter(loader))
    optimizer.zero_grad()

    def train(batches):
        """Trains `batches` more batches; returns the images and the seconds of each part."""
        parts = dict(data=0.0, forward=0.0, loss=0.0, backward=0.0, optimizer=0.0, ema=0.0)
        images = 0
        for _ in range(batches):
            ni = step['ni']
            t0 = time.perf_counter()
            try:
                imgs, targets, _, _ = next(step['it'])
            except StopIteration:  # the next epoch, as training would go on
                step['it'] = iter(loader)
                imgs, targets, _, _ = next(step['it'])
            imgs = imgs.float() / 255
            t1 = time.perf_counter()
            pred = model(imgs)
            t2 = time.perf_counter()
            loss, _ = compute_loss(pred, targets)
            t3 = time.perf_counter()
            loss.backward()
            t4 = time.perf_counter()
            accumulate = max(1, np.interp(ni, [0, nw], [1, nbs / a.batch_size]).round()) if ni <= nw else accumulate_max
            t5 = t6 = t4
            if ni - step['last_opt_step'] >= accumulate:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)
                optimizer.step()
                optimizer.zero_grad()
                t5 = time.perf_counter()
                ema.update(model)
                t6 = time.perf_counter()
                step['last_opt_step'] = ni
            step['ni'] = ni + 1
            images += imgs.shape[0]
            for k, v in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
                parts[k] += v
        return images, parts

    train(a.warmup)
    print(json.dumps({'ready': True, 'torch': torch.__version__}), flush=True)
    for line in sys.stdin:
        start = time.perf_counter()
        images, parts = train(int(line))
        seconds = time.perf_counter() - start
        print(json.dumps({'images': images, 'seconds': seconds, 'images_per_s': images / seconds,
                          'parts_s': parts}), flush=True)


if __name__ == '__main__':
    main()
