"""Prints the device check's summary (markdown) and writes it as JSON.

    python summary.py --ours ours.json --pytorch pytorch.json --jni jni.json --out summary.json

Acceptance: parity within 1e-3 relative (outputs, loss, gradients; against the original's
references and, on a GPU, against the CPU); SparkYOLO's train and detect images/s (YOLOv5s) at
least 0.9 of PyTorch's fp32 figures on the same device. Reported beside them: the first batch's
loss items of both sides, and with YOLOv5n's COCO weights the detections per image of both.
"""
import argparse
import json
import pathlib

MIN_RATIO = 0.9


def read(path):
    p = pathlib.Path(path)
    return json.loads(p.read_text()) if p.exists() else {'error': f'{path} not written'}


def ratio(ours, theirs):
    try:
        return ours['images_per_s'] / theirs['images_per_s']
    except (KeyError, TypeError, ZeroDivisionError):
        return None


def rel(a, b):
    if not a or not b:
        return None
    return max(abs(x - y) / max(abs(y), 1e-12) for x, y in zip(a, b))


def detect_row(ours, theirs):
    counts = ours.get('first_batch_detections')
    return {'ours_images_per_s': ours.get('images_per_s'), 'pytorch_images_per_s': theirs.get('images_per_s'),
            'ratio': ratio(ours, theirs), 'error': ours.get('error') or theirs.get('error'),
            'detections_ours': sum(counts) if counts else counts,
            'same_detection_counts': counts == theirs.get('first_batch_detections') if counts is not None else None,
            'split_s': {k: ours.get(k) for k in ('to_model_layout_s', 'to_device_inference_to_host_s', 'nms_s', 'seconds')}}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ours', required=True)
    p.add_argument('--pytorch', required=True)
    p.add_argument('--jni', required=True)
    p.add_argument('--out', required=True)
    a = p.parse_args()
    ours, torch_, jni = read(a.ours), read(a.pytorch), read(a.jni)
    parity = ours.get('parity', {})
    train, detect, dcoco = ours.get('train', {}), ours.get('detect', {}), ours.get('detect_coco', {})
    t32, tamp = torch_.get('train_fp32', {}), torch_.get('train_amp')
    tdet, tcoco = torch_.get('detect', {}), torch_.get('detect_coco', {})
    s = {
        'jni': jni,
        'libtorch': ours.get('libtorch', ours.get('error')),
        'device': ours.get('device'),
        'pytorch': {k: torch_.get(k) for k in ('torch', 'cuda', 'device', 'device_name', 'standins', 'error')},
        'parity': {k: parity.get(k) for k in ('device', 'pass', 'worst_relative_error', 'tolerance', 'error')},
        'train': {'ours_images_per_s': train.get('images_per_s'), 'pytorch_fp32_images_per_s': t32.get('images_per_s'),
                  'ratio': ratio(train, t32), 'pytorch_amp_images_per_s': (tamp or {}).get('images_per_s'),
                  'ratio_to_amp': ratio(train, tamp or {}), 'error': train.get('error') or t32.get('error'),
                  'first_loss_items_ours': train.get('first_loss_items'),
                  'first_loss_items_pytorch': t32.get('first_loss_items'),
                  'first_loss_max_relative_difference': rel(train.get('first_loss_items'), t32.get('first_loss_items'))},
        'detect': detect_row(detect, tdet),
        'detect_coco': detect_row(dcoco, tcoco),
    }
    s['accepted'] = bool(parity.get('pass')) and all(
        (s[k]['ratio'] or 0) >= MIN_RATIO for k in ('train', 'detect'))
    pathlib.Path(a.out).write_text(json.dumps(s, indent=2))

    def fmt(v, spec='.4g'):
        return 'n/a' if v is None else format(v, spec) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    tr, de, dc = s['train'], s['detect'], s['detect_coco']
    print('## Device check')
    print(f"- JNI: {fmt(jni.get('status'))} ({fmt(jni.get('mode'))}) against torch {fmt(jni.get('torch'))}")
    print(f"- SparkYOLO: {fmt(s['libtorch'])}; device {fmt(s['device'])}")
    print(f"- PyTorch: {fmt(torch_.get('torch'))} on {fmt(torch_.get('device_name'))}; stand-ins {fmt(torch_.get('standins'))}")
    print()
    print('| check | SparkYOLO | PyTorch | ratio / error | criterion | ok |')
    print('|---|---|---|---|---|---|')
    par = s['parity']
    print(f"| (a) parity on {fmt(par['device'])}: worst relative error (reference{', CPU' if 'gpu' in str(par['device']) else ''}) "
          f"| {fmt(par['worst_relative_error'])} | | {fmt(par.get('error'))} | <= 1e-3 | {fmt(par['pass'])} |")
    print(f"| (b) train images/s, YOLOv5s {fmt(train.get('img'))}, batch {fmt(train.get('batch'))} (fp32) "
          f"| {fmt(tr['ours_images_per_s'])} | {fmt(tr['pytorch_fp32_images_per_s'])} | {fmt(tr['ratio'], '.3f')} "
          f"| >= {MIN_RATIO} | {fmt(tr['ratio'] is not None and tr['ratio'] >= MIN_RATIO)} |")
    if tamp:
        print(f"| (b') PyTorch with AMP (train.py's default on CUDA) | | {fmt(tr['pytorch_amp_images_per_s'])} "
              f"| {fmt(tr['ratio_to_amp'], '.3f')} | info | |")
    print(f"| (b) first batch loss items, max relative difference | {fmt(tr['first_loss_items_ours'])} "
          f"| {fmt(tr['first_loss_items_pytorch'])} | {fmt(tr['first_loss_max_relative_difference'])} | info | |")
    print(f"| (c) detect images/s, {fmt(detect.get('img'))}, batch {fmt(detect.get('batch'))} "
          f"| {fmt(de['ours_images_per_s'])} | {fmt(de['pytorch_images_per_s'])} | {fmt(de['ratio'], '.3f')} "
          f"| >= {MIN_RATIO} | {fmt(de['ratio'] is not None and de['ratio'] >= MIN_RATIO)} |")
    print(f"| (c') detect images/s, YOLOv5n with COCO weights | {fmt(dc['ours_images_per_s'])} "
          f"| {fmt(dc['pytorch_images_per_s'])} | {fmt(dc['ratio'], '.3f')} | info | |")
    print(f"| (c') same detections per image in the first batch ({fmt(dc['detections_ours'])} in all) | | "
          f"| {fmt(dc['same_detection_counts'])} | info | |")
    print(f"\nSparkYOLO's detect split (s): YOLOv5s {de['split_s']}, YOLOv5n {dc['split_s']}")
    print(f"SparkYOLO's train split (s): forward+backward {fmt(train.get('forward_backward_s'))}, "
          f"gradient/weight copies {fmt(train.get('gradient_and_weight_copies_s'))}, update {fmt(train.get('update_s'))}, "
          f"total {fmt(train.get('seconds'))}")
    for name in ('train', 'detect', 'detect_coco'):
        if s[name]['error']:
            print(f"\n{name}: error: {s[name]['error']}")
    print(f"\naccepted: {s['accepted']}  (summary: {a.out})")


if __name__ == '__main__':
    main()
