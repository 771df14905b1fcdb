#!/usr/bin/env python3
"""PyTorch's gloo all-reduce (what DistributedDataParallel uses on CPU) timed the way
`spark-yolo benchmark allreduce` times ours: WORLD processes on loopback, one compute thread
each, a barrier before every timed all_reduce, warm-up rounds first, the median of each rank,
then the slower rank. Prints one JSON object: {"torch": version, "results": [{"size", "ms"}]}.

    python3 gloo_allreduce.py --sizes 1000,1872157,7235389 --rounds 40 --warmup 10 [--world 2]
"""
import argparse
import json
import os
import socket
import statistics
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def rank_main(rank, world, port, sizes, rounds, warmup, queue):
    torch.set_num_threads(1)
    os.environ['MASTER_ADDR'] = '127.0.0.1'
    os.environ['MASTER_PORT'] = str(port)
    dist.init_process_group('gloo', rank=rank, world_size=world)
    medians = []
    for size in sizes:
        g = torch.Generator().manual_seed(rank)
        t = torch.randn(size, generator=g) * 1e-3
        times = []
        for r in range(warmup + rounds):
            dist.barrier()
            t0 = time.perf_counter()
            dist.all_reduce(t)
            elapsed = (time.perf_counter() - t0) * 1e3
            if r >= warmup:
                times.append(elapsed)
        medians.append(statistics.median(times))
    dist.barrier()
    dist.destroy_process_group()
    queue.put((rank, medians))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--sizes', default='1000,1872157,7235389')
    p.add_argument('--rounds', type=int, default=40)
    p.add_argument('--warmup', type=int, default=10)
    p.add_argument('--world', type=int, default=2)
    a = p.parse_args()
    sizes = [int(s) for s in a.sizes.split(',')]
    ctx = mp.get_context('spawn')
    queue = ctx.Queue()
    port = free_port()
    procs = [ctx.Process(target=rank_main, args=(r, a.world, port, sizes, a.rounds, a.warmup, queue))
             for r in range(a.world)]
    for proc in procs:
        proc.start()
    by_rank = dict(queue.get() for _ in procs)
    for proc in procs:
        proc.join()
    slowest = [max(by_rank[r][i] for r in by_rank) for i in range(len(sizes))]
    print(json.dumps({'torch': torch.__version__,
                      'results': [{'size': s, 'ms': ms} for s, ms in zip(sizes, slowest)]}))


if __name__ == '__main__':
    main()
