"""Imports the original YOLOv5 (v6.2) from the bundle's copy of its code.

Its modules import pkg_resources and torchvision at module level. Where this Python lacks them
(newer setuptools dropped pkg_resources; a CPU-only machine may have no working torchvision),
small stand-ins take their place: packaging's version parsing, and torchvision.ops.nms as a
greedy NMS in plain torch with torchvision's semantics (highest score first, suppress IoU > thr).
The reference numbers for a GPU come from the real torchvision there.
"""
import importlib
import sys
import types


def load(yolov5_dir):
    """Puts the original's code first on sys.path and returns the stand-ins in use (names)."""
    sys.path.insert(0, str(yolov5_dir))
    standins = []
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        sys.modules['pkg_resources'] = _pkg_resources()
        standins.append('pkg_resources')
    try:
        import torch
        import torchvision
        torchvision.ops.nms(torch.zeros((1, 4)), torch.zeros(1), 0.5)
    except Exception:  # missing, or built for another torch (its C++ ops do not load)
        for name in [m for m in sys.modules if m == 'torchvision' or m.startswith('torchvision.')]:
            del sys.modules[name]
        _install_torchvision()
        standins.append('torchvision')
    return standins


def _pkg_resources():
    from packaging.requirements import Requirement
    from packaging.version import parse
    module = types.ModuleType('pkg_resources')
    module.parse_version = parse
    module.parse_requirements = lambda lines: [Requirement(x) for x in lines if x.strip() and not x.startswith('#')]
    module.require = lambda *args: None
    return module


def _install_torchvision():
    import torch

    def nms(boxes, scores, iou_threshold):
        order = scores.argsort(descending=True)
        boxes = boxes[order]
        area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        keep = []
        suppressed = torch.zeros(len(order), dtype=torch.bool, device=boxes.device)
        for i in range(len(order)):
            if suppressed[i]:
                continue
            keep.append(i)
            lt = torch.maximum(boxes[i, :2], boxes[i + 1:, :2])
            rb = torch.minimum(boxes[i, 2:], boxes[i + 1:, 2:])
            inter = (rb - lt).clamp(min=0).prod(1)
            iou = inter / (area[i] + area[i + 1:] - inter)
            suppressed[i + 1:] |= iou > iou_threshold
        return order[torch.tensor(keep, dtype=torch.long, device=boxes.device)]

    root = types.ModuleType('torchvision')
    root.__version__ = 'stand-in'
    for name in ('ops', 'transforms', 'transforms.functional', 'datasets', 'models'):
        module = types.ModuleType('torchvision.' + name)
        sys.modules['torchvision.' + name] = module
        parent = sys.modules['torchvision.' + name.rsplit('.', 1)[0]] if '.' in name else root
        setattr(parent, name.rsplit('.', 1)[-1], module)
    root.ops.nms = nms
    root.datasets.ImageFolder = type('ImageFolder', (), {})
    sys.modules['torchvision'] = root
    importlib.invalidate_caches()
