#!/usr/bin/env python3
"""Writes src/test/resources/random/draws.json: draws of numpy's legacy RandomState and of Python's
random module for a few seeds, and torch's float32 CPU sum and mean of 1-D tensors, against which
the Java ports in sparkyolo.random and sparkyolo.anchors.TorchSum are tested. The sums' inputs are
numpy RandomState(7).random_sample(n) in float32, values under 0.1 set to 0 (as the anchor fitness
zeroes labels under its threshold); the test draws them again with its own port.
Run with Debian's python3 (numpy 1.24, torch 1.13): /usr/bin/python3 src/test/python/random_reference.py
"""
import json
import os
import random
import re

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'random', 'draws.json')
SUM_LENGTHS = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257,
               511, 512, 513, 927, 929, 1000, 2047, 2048, 2049, 4097, 10000, 32768, 40000, 100003]


def floats(a):
    return [float(x) for x in np.ravel(a)]


def numpy_draws(seed):
    rs = np.random.RandomState(seed)
    first = rs.random_sample(700)  # 1400 words: the state is regenerated twice
    ops = [dict(op='random_sample', n=700, check={'0': first[0], '1': first[1], '311': first[311],
                                                       '312': first[312], '699': first[699]})]
    ops.append(dict(op='uniform', low=0.9, high=1.1, n=5, values=floats(rs.uniform(0.9, 1.1, size=(5, 1)))))
    ops.append(dict(op='standard_normal', n=3, values=floats(rs.randn(3))))  # odd: one value kept for later
    ops.append(dict(op='random_sample', n=2, values=floats(rs.random_sample(2))))
    ops.append(dict(op='standard_normal', n=5, values=floats(rs.randn(5))))
    ops.append(dict(op='permutation', n=10, values=[int(i) for i in rs.permutation(10)]))
    ops.append(dict(op='choice', n=927, k=9, values=[int(i) for i in rs.choice(927, 9, replace=False)]))
    ops.append(dict(op='choice', n=1, k=1, values=[int(i) for i in rs.choice(1, 1, replace=False)]))
    big = rs.permutation(70000)
    ops.append(dict(op='permutation', n=70000, head=[int(i) for i in big[:10]], tail=[int(i) for i in big[-10:]]))
    ops.append(dict(op='random_sample', n=3, values=floats(rs.random_sample(3))))
    return dict(seed=seed, ops=ops)


def python_draws(seed):
    random.seed(seed)
    values = [random.random() for _ in range(700)]
    return dict(seed=seed, check={str(i): values[i] for i in (0, 1, 2, 311, 312, 699)})


def torch_sums():
    torch.set_num_threads(1)  # above 32768 elements torch splits a sum between threads
    out = []
    for n in SUM_LENGTHS:
        x = np.random.RandomState(7).random_sample(n).astype(np.float32)
        x[x < 0.1] = 0
        t = torch.from_numpy(x)
        out.append(dict(n=n, sum=float(t.sum()), mean=float(t.mean())))
    return out


def cpu_capability():
    # The vector width of torch's kernels; the float32 sum's order depends on it (AVX2: 8 lanes).
    found = re.search(r'CPU capability usage: (\S+)', torch.__config__.show())
    return found.group(1) if found else 'unknown'


def main():
    data = dict(numpy=[numpy_draws(s) for s in (0, 1, 42, 2 ** 32 - 1)],
                python=[python_draws(s) for s in (0, 1, 42, 2 ** 32 - 1, 2 ** 40 + 5, -7)],
                torch_sums=dict(torch=torch.__version__, cpu_capability=cpu_capability(), sums=torch_sums()))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(data, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
