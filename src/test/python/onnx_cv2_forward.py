#!/usr/bin/env python3
"""Runs an ONNX model with OpenCV's DNN module from Python, as a user of the original YOLOv5's
ONNX export does (cv2.dnn.readNetFromONNX, as its detect.py --dnn):

    /usr/bin/python3 src/test/python/onnx_cv2_forward.py MODEL.onnx INPUT.npz OUTPUT.npz

INPUT.npz holds `images` (N x 3 x H x W float32); OUTPUT.npz gets `output` (the network's first
output); OpenCV's version is printed. Used by PythonOpenCvParityTest with Debian's python3-opencv.
"""
import sys

import cv2
import numpy as np


def main(model, inputs, outputs):
    net = cv2.dnn.readNetFromONNX(model)
    net.setInput(np.load(inputs)['images'])
    out = net.forward()
    np.savez(outputs, output=out.astype(np.float32))
    print(f'cv2 {cv2.__version__}: {model} -> output {out.shape}')


if __name__ == '__main__':
    main(*sys.argv[1:4])
