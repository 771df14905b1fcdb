"""The PyTorch side of the device check: the original YOLOv5 (v6.2) on the same device, inputs
and initial weights (written by SparkYOLO's harness) as SparkYOLO.

(b) training images/s: train.py's step on a prepared batch (uint8 to the device, / 255, forward,
    ComputeLoss, backward, accumulation as in warmup, gradient clipping to 10, SGD with Nesterov in
    three parameter groups, EMA); fp32 (as SparkYOLO), and on CUDA also with AMP, train.py's default.
(c) detect images/s: the fused model on a batch of letterboxed BGR uint8 images (to CHW RGB, to
    the device, / 255, forward, non_max_suppression(0.25, 0.45, max_det=300), boxes to the host),
    for YOLOv5s and for YOLOv5n with its COCO weights (parity/state_dict.npz).
Also the first batch's loss items and the first detect batch's detections per image.

    python reference.py --yolov5 DIR --inputs inputs.npz --weights init.npz --coco-weights state_dict.npz \
        --out pytorch.json
"""
import argparse
import json
import os
import pathlib
import time

import original

NBS = 64  # nominal batch size of the original


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--yolov5', required=True)
    p.add_argument('--inputs', required=True)
    p.add_argument('--weights', required=True)
    p.add_argument('--coco-weights', required=True, help="YOLOv5n's COCO weights as a state dict (parity/state_dict.npz)")
    p.add_argument('--out', required=True)
    p.add_argument('--device', default='auto')
    p.add_argument('--threads', type=int, default=0)
    p.add_argument('--train-batch', type=int, default=16)
    p.add_argument('--train-warmup', type=int, default=3)
    p.add_argument('--train-iters', type=int, default=10)
    p.add_argument('--detect-batch', type=int, default=32)
    p.add_argument('--detect-warmup', type=int, default=2)
    p.add_argument('--detect-iters', type=int, default=5)
    a = p.parse_args()
    os.environ.setdefault('YOLOv5_VERBOSE', 'False')  # no model summaries from the original's logger
    standins = original.load(a.yolov5)

    import numpy as np
    import torch
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    device = torch.device('cuda:0' if a.device == 'auto' and torch.cuda.is_available() else
                          'cpu' if a.device == 'auto' else a.device)
    data = np.load(a.inputs)
    # Without SparkYOLO's weights (its harness did not run) the model keeps the original's initialization.
    state = {k: torch.from_numpy(v) for k, v in np.load(a.weights).items()} if pathlib.Path(a.weights).exists() else None
    report = {'torch': torch.__version__, 'cuda': torch.version.cuda, 'device': str(device),
              'device_name': torch.cuda.get_device_name(device) if device.type == 'cuda' else 'cpu',
              'standins': standins, 'weights': a.weights if state else "the original's initialization"}
    report['train_fp32'] = train(a, data, state, device, amp=False)
    if device.type == 'cuda':
        report['train_amp'] = train(a, data, state, device, amp=True)
    report['detect'] = detect(a, data, state, device, 'yolov5s.yaml')
    coco = {k: torch.from_numpy(v) for k, v in np.load(a.coco_weights).items()}
    report['detect_coco'] = detect(a, data, coco, device, 'yolov5n.yaml')
    pathlib.Path(a.out).write_text(json.dumps(report, indent=2))
    print(f'pytorch: report written to {a.out}')


def build(a, state, device, cfg='yolov5s.yaml'):
    from models.yolo import Model
    model = Model(str(pathlib.Path(a.yolov5) / 'models' / cfg), ch=3, nc=80)
    if state is not None:
        model.load_state_dict(state, strict=True)
    return model.to(device)


def batch_of(data, n):
    """The first n images (cycling) and their labels renumbered by position, as SparkYOLO's harness takes them."""
    import numpy as np
    images, targets = data['images'], data['targets']
    idx = np.arange(n) % len(images)
    rows = [np.concatenate([[i], t[1:]]) for i in range(n) for t in targets if int(t[0]) == idx[i]]
    return images[idx], np.array(rows, dtype=np.float32).reshape(-1, 6)


def sync(device):
    import torch
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def train(a, data, state, device, amp):
    import numpy as np
    import torch
    import yaml
    from utils.loss import ComputeLoss
    from utils.torch_utils import ModelEMA, smart_optimizer

    model = build(a, state, device)
    images, targets = batch_of(data, a.train_batch)
    size, bs, nc = images.shape[1], a.train_batch, 80
    hyp = yaml.safe_load((pathlib.Path(a.yolov5) / 'data' / 'hyps' / 'hyp.scratch-low.yaml').read_text())
    nl = model.model[-1].nl  # train.py's scaling of the loss gains and weight decay
    hyp['box'] *= 3 / nl
    hyp['cls'] *= nc / 80 * 3 / nl
    hyp['obj'] *= (size / 640) ** 2 * 3 / nl
    hyp['label_smoothing'] = 0.0
    hyp['weight_decay'] *= bs * max(round(NBS / bs), 1) / NBS
    model.nc, model.hyp = nc, hyp
    optimizer = smart_optimizer(model, 'SGD', hyp['lr0'], hyp['momentum'], hyp['weight_decay'])
    for g in optimizer.param_groups:
        g['initial_lr'] = g['lr']
    ema = ModelEMA(model)
    compute_loss = ComputeLoss(model)
    scaler = torch.amp.GradScaler(device.type, enabled=amp) if hasattr(torch.amp, 'GradScaler') \
        else torch.cuda.amp.GradScaler(enabled=amp)
    x_host = torch.from_numpy(np.ascontiguousarray(images[..., ::-1].transpose(0, 3, 1, 2)))  # uint8 RGB, as the loader's
    t_host = torch.from_numpy(targets)
    total = a.train_warmup + a.train_iters
    nw = 100  # max(3 epochs, 100) warmup iterations: 100 for these few batches
    last_opt_step, first, steps = -1, None, 0
    model.train()
    for ni in range(total):
        if ni == a.train_warmup:
            sync(device)
            t0, steps = time.perf_counter(), 0
        xi = [0, nw]
        accumulate = max(1, np.interp(ni, xi, [1, NBS / bs]).round())
        for j, g in enumerate(optimizer.param_groups):
            g['lr'] = np.interp(ni, xi, [hyp['warmup_bias_lr'] if j == 0 else 0.0, g['initial_lr']])
            if 'momentum' in g:
                g['momentum'] = np.interp(ni, xi, [hyp['warmup_momentum'], hyp['momentum']])
        imgs = x_host.to(device, non_blocking=True).float() / 255
        with torch.autocast(device_type=device.type, enabled=amp):
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, t_host.to(device))
        if first is None:
            first = loss_items.tolist()
        scaler.scale(loss).backward()
        if ni - last_opt_step >= accumulate:
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad()
            ema.update(model)
            last_opt_step, steps = ni, steps + 1
    sync(device)
    seconds = time.perf_counter() - t0
    return {'img': size, 'batch': bs, 'warmup_iterations': a.train_warmup, 'iterations': a.train_iters,
            'optimizer_steps': steps, 'images_per_s': bs * a.train_iters / seconds, 'seconds': seconds,
            'first_loss_items': first, 'targets': len(targets), 'amp': amp}


def detect(a, data, state, device, cfg):
    import numpy as np
    import torch
    from utils.general import non_max_suppression

    model = build(a, state, device, cfg).fuse().eval()
    images, _ = batch_of(data, a.detect_batch)

    def once():
        im = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)[:, ::-1])).to(device).float() / 255
        pred = model(im)[0]
        return [d.cpu() for d in non_max_suppression(pred, 0.25, 0.45, None, False, max_det=300)]

    with torch.no_grad():
        counts = [len(d) for d in once()]
        for _ in range(1, a.detect_warmup):
            once()
        sync(device)
        t0 = time.perf_counter()
        for _ in range(a.detect_iters):
            once()
        sync(device)
        seconds = time.perf_counter() - t0
    return {'model': cfg, 'img': images.shape[1], 'batch': a.detect_batch, 'iterations': a.detect_iters,
            'images_per_s': a.detect_batch * a.detect_iters / seconds, 'seconds': seconds,
            'first_batch_detections': counts}


if __name__ == '__main__':
    main()
