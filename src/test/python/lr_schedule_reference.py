#!/usr/bin/env python3
"""Writes src/test/resources/schedule/lr-schedule.json: the learning rates and momentum that
the original YOLOv5 (v6.2) training loop puts into its optimizer at every iteration, computed
with PyTorch's own SGD and LambdaLR driven the way its train.py drives them (LambdaLR built with
the optimizer, last_epoch set to start_epoch - 1, per-iteration warmup interpolation, a
scheduler step at each epoch's end, resume from a saved optimizer state). Run with Debian's
python3-torch: /usr/bin/python3 src/test/python/lr_schedule_reference.py
"""
import json
import math
import os

import numpy as np
import torch
from torch.optim import SGD, lr_scheduler

HYP = dict(lr0=0.01, lrf=0.01, momentum=0.937, warmup_epochs=3.0, warmup_momentum=0.8, warmup_bias_lr=0.1)
NBS = 64  # nominal batch size


def factor(epochs, cosine):
    lrf = HYP['lrf']
    if cosine:
        return lambda x: ((1 - math.cos(x * math.pi / epochs)) / 2) * (lrf - 1) + 1
    return lambda x: (1 - x / epochs) * (1.0 - lrf) + lrf


def new_optimizer(epochs, cosine):
    # Three groups in the original's order: biases, weights (decayed), BatchNorm weights.
    groups = [torch.nn.Parameter(torch.zeros(1)) for _ in range(3)]
    opt = SGD([groups[0]], lr=HYP['lr0'], momentum=HYP['momentum'], nesterov=True)
    opt.add_param_group({'params': [groups[1]], 'weight_decay': 5e-4})
    opt.add_param_group({'params': [groups[2]], 'weight_decay': 0.0})
    lf = factor(epochs, cosine)
    return opt, lr_scheduler.LambdaLR(opt, lr_lambda=lf), lf


def run(epochs, nb, batch, cosine, start_epoch, stop_epoch, opt_state=None):
    """Iterations of epochs [start_epoch, stop_epoch); returns rows and the optimizer state after them."""
    opt, scheduler, lf = new_optimizer(epochs, cosine)
    if opt_state is not None:
        opt.load_state_dict(opt_state)
    nw = max(round(HYP['warmup_epochs'] * nb), 100)
    accumulate = max(round(NBS / batch), 1)
    scheduler.last_epoch = start_epoch - 1
    rows, logged = [], []
    for epoch in range(start_epoch, stop_epoch):
        for i in range(nb):
            ni = i + nb * epoch
            acc = accumulate
            if ni <= nw:
                xi = [0, nw]
                acc = max(1, np.interp(ni, xi, [1, NBS / batch]).round())
                for j, x in enumerate(opt.param_groups):
                    x['lr'] = np.interp(ni, xi, [HYP['warmup_bias_lr'] if j == 0 else 0.0, x['initial_lr'] * lf(epoch)])
                    if 'momentum' in x:
                        x['momentum'] = np.interp(ni, xi, [HYP['warmup_momentum'], HYP['momentum']])
            rows.append(dict(epoch=epoch, ni=ni, lr=[float(x['lr']) for x in opt.param_groups],
                             momentum=float(opt.param_groups[0]['momentum']), accumulate=int(acc)))
        logged.append(dict(epoch=epoch, lr=[float(x['lr']) for x in opt.param_groups]))
        scheduler.step()
    return rows, logged, opt.state_dict()


def case(name, epochs, nb, batch, cosine, resume_at):
    rows, logged, _ = run(epochs, nb, batch, cosine, 0, epochs)
    _, _, saved = run(epochs, nb, batch, cosine, 0, resume_at)
    resumed, resumed_logged, _ = run(epochs, nb, batch, cosine, resume_at, epochs, saved)
    return dict(name=name, epochs=epochs, batches_per_epoch=nb, batch_size=batch, cos_lr=cosine, resume_at=resume_at,
                iterations=rows, logged=logged, resumed_iterations=resumed, resumed_logged=resumed_logged)


if __name__ == '__main__':
    cases = [
        # coco128 at batch 16: 8 batches an epoch, warmup (100 iterations) ends inside epoch 12
        case('coco128-20-epochs', 20, 8, 16, False, 14),
        case('coco128-20-epochs-cos', 20, 8, 16, True, 13),
        # warmup of 3 epochs = 120 iterations ends on the first batch of epoch 3
        case('warmup-ends-at-epoch-start', 8, 40, 64, False, 4),
    ]
    out = os.path.join(os.path.dirname(__file__), '..', 'resources', 'schedule', 'lr-schedule.json')
    with open(out, 'w') as f:
        json.dump(dict(torch=torch.__version__, hyp=HYP, cases=cases), f, separators=(',', ':'))
    print('wrote', os.path.normpath(out))
