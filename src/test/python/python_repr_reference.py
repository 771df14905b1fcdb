#!/usr/bin/env python3
"""Writes src/test/resources/onnx/python-repr.json: Python's str() of lists of strings, which the
original's export.py writes as the ONNX metadata `names` (str(model.names); a list in v6.2). Cases:
the COCO names of data/coco-sample/coco-sample.yaml and strings with quotes, backslashes, control
and non-ASCII characters. Run from the repository root with Debian's python3-yaml:
/usr/bin/python3 src/test/python/python_repr_reference.py
"""
import json

import yaml

with open('data/coco-sample/coco-sample.yaml') as f:
    names = yaml.safe_load(f)['names']
coco = [names[i] for i in sorted(names)] if isinstance(names, dict) else list(names)

cases = [
    coco,
    [],
    ["it's", 'say "hi"', 'both \' and "', 'back\\slash', 'tab\there', 'line\nbreak', 'bell\x07', 'caf\u00e9',
     '\u4eba', 'del\x7f'],
]
with open('src/test/resources/onnx/python-repr.json', 'w') as f:
    json.dump([{'items': c, 'str': str(c)} for c in cases], f, indent=1, ensure_ascii=False)
    f.write('\n')
