#!/usr/bin/env python3
"""Compares an ONNX file exported by SparkYOLO with the original YOLOv5's own ONNX export of the same
weights (torch.onnx.export at opset 12 as its export.py runs it: fused model, Detect in export
mode, not inplace), both run by OpenCV's DNN module, and with the original PyTorch model, on one
letterboxed image at 640. A manual check (it needs a v6.2 checkout of the original):

    git -C ORIGINAL_REPO archive v6.2 | tar -x -C /tmp/yolov5-v6.2
    bin/spark-yolo export --weights yolov5n.pt --format onnx --output /tmp/yolov5n.onnx
    /usr/bin/python3 src/test/python/original_onnx_compare.py /tmp/yolov5-v6.2 yolov5n.pt /tmp/yolov5n.onnx \
        data/coco-sample/images/train/000000000030.jpg

Debian's python3-torch has no torchvision: the original's data loaders import it, so stand-ins
are registered (nothing here uses them).
"""
import sys
import types

import cv2
import numpy as np
import torch


def stub_torchvision():
    for name in ('torchvision', 'torchvision.transforms', 'torchvision.transforms.functional', 'torchvision.ops'):
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules['torchvision'].transforms = sys.modules['torchvision.transforms']
    sys.modules['torchvision.transforms'].functional = sys.modules['torchvision.transforms.functional']
    sys.modules['torchvision'].datasets = types.SimpleNamespace(ImageFolder=object)


def letterboxed(path, size=640):
    im = cv2.imread(path)
    h, w = im.shape[:2]
    r = size / max(h, w)
    im = cv2.resize(im, (round(w * r), round(h * r)), interpolation=cv2.INTER_LINEAR)
    out = np.full((size, size, 3), 114, np.uint8)
    out[:im.shape[0], :im.shape[1]] = im
    return np.ascontiguousarray(out[:, :, ::-1].transpose(2, 0, 1)[None].astype(np.float32) / 255)


def difference(a, b):
    box = np.abs(a[..., :4] - b[..., :4])
    relative = (box / np.maximum(1, np.abs(a[..., :4]))).max()
    return f'boxes {box.max():.3g} px (relative {relative:.3g}), scores {np.abs(a[..., 4:] - b[..., 4:]).max():.3g}'


def cv2_forward(onnx, x):
    net = cv2.dnn.readNetFromONNX(onnx)
    net.setInput(x)
    return net.forward()


def main(original_repo, weights, ours, image):
    stub_torchvision()
    sys.path.insert(0, original_repo)
    from models.experimental import attempt_load
    from models.yolo import Detect
    torch.set_num_threads(1)
    model = attempt_load(weights, device=torch.device('cpu'), inplace=True, fuse=True).eval()
    for m in model.modules():
        if isinstance(m, Detect):
            m.inplace, m.onnx_dynamic, m.export = False, False, True
    im = torch.zeros(1, 3, 640, 640)
    for _ in range(2):
        model(im)
    original = '/tmp/original-export.onnx'
    torch.onnx.export(model, im, original, opset_version=12, training=torch.onnx.TrainingMode.EVAL,
                      do_constant_folding=True, input_names=['images'], output_names=['output'])
    x = letterboxed(image)
    with torch.no_grad():
        reference = model(torch.from_numpy(x))[0].numpy()
    theirs, mine = cv2_forward(original, x), cv2_forward(ours, x)
    print(f'cv2 {cv2.__version__}, torch {torch.__version__}')
    print('original PyTorch model vs the original\'s ONNX on cv2:', difference(reference, theirs))
    print('original PyTorch model vs SparkYOLO\'s ONNX on cv2:   ', difference(reference, mine))
    print('the original\'s ONNX vs SparkYOLO\'s ONNX, both on cv2:', difference(theirs, mine))


if __name__ == '__main__':
    main(*sys.argv[1:5])
