#!/usr/bin/env bash
# The device check, run from the bundle that bundle.sh assembles, on a machine with Python torch,
# CMake and a C++ compiler (no JVM, Maven or network needed):
#
#   bash run.sh [--quick]
#
#   1. unpacks the bundle's Java runtime
#   2. builds DJL's JNI against this machine's torch (build-jni.sh)
#   3. letterboxes the bundle's images with the original's code (python/prepare_inputs.py)
#   4. SparkYOLO's harness (sparkyolo.gpucheck.GpuCheck): parity, train and detect on the first GPU
#      that DJL sees, else the CPU -> OUT/ours.json
#   5. the original YOLOv5 in PyTorch on the same device, inputs and weights -> OUT/pytorch.json
#   6. the summary with the ratios -> OUT/summary.md, OUT/summary.json
#
# WORK (default /tmp/sparkyolo-gpu-check) holds what is built; OUT (default WORK/out) the results.
# PYTHON (default python3) is the Python whose torch is used. LIBTORCH=DIR uses the libtorch lib
# folder DIR, which already holds DJL's JNI for it, instead of building one (step 2). --quick:
# sizes for a CPU (img 320, train batch 4 with 1 + 1 iterations, detect batch 8 with 1 + 1).
set -uo pipefail
BUNDLE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mkdir -p "${WORK:-/tmp/sparkyolo-gpu-check}" && cd "${WORK:-/tmp/sparkyolo-gpu-check}" && pwd)
export OUT=${OUT:-$WORK/out}
PY=${PYTHON:-python3}
mkdir -p "$OUT"

IMG=640
SIZES=(--train-batch 16 --train-warmup 3 --train-iters 10 --detect-batch 32 --detect-warmup 2 --detect-iters 5)
if [ "${1:-}" = --quick ]; then
  IMG=320
  SIZES=(--train-batch 4 --train-warmup 1 --train-iters 1 --detect-batch 8 --detect-warmup 1 --detect-iters 1)
fi
step() { echo "== $* ($(date +%T))"; }

step "Java runtime"
if [ ! -x "$WORK/jre/bin/java" ]; then
  mkdir -p "$WORK/jre" && tar -xzf "$BUNDLE/jre.tgz" -C "$WORK/jre" --strip-components=1
fi
"$WORK/jre/bin/java" -version 2>&1 | head -1

step "JNI"
if [ -n "${LIBTORCH:-}" ]; then
  TORCH_LIB=$LIBTORCH
  JNI_OK=0
  echo "{\"status\": \"given\", \"mode\": \"LIBTORCH=$LIBTORCH\"}" >"$OUT/jni.json"
  echo "jni: in LIBTORCH=$LIBTORCH"
else
  bash "$BUNDLE/build-jni.sh" "$BUNDLE" "$WORK"
  JNI_OK=$?
  TORCH_LIB=$("$PY" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
fi

step "inputs"
"$PY" "$BUNDLE/python/prepare_inputs.py" --yolov5 "$BUNDLE/yolov5" --images "$BUNDLE/images" \
  --labels "$BUNDLE/labels" --size "$IMG" --out "$WORK/inputs.npz"

rm -f "$WORK/yolov5s-init.npz"
if [ "$JNI_OK" -eq 0 ]; then
  step "SparkYOLO"
  "$WORK/jre/bin/java" -Xmx24g -cp "$BUNDLE/lib/*" \
    -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -Dorg.apache.logging.log4j.simplelog.level=INFO -Dorg.apache.logging.log4j.simplelog.logFile=system.out \
    -DDJL_CACHE_DIR="$WORK/djl-cache" -Dai.djl.offline=true -DPYTORCH_LIBRARY_PATH="$TORCH_LIB" \
    sparkyolo.gpucheck.GpuCheck --parity "$BUNDLE/parity" --inputs "$WORK/inputs.npz" \
    --weights-out "$WORK/yolov5s-init.npz" --out "$OUT/ours.json" --img "$IMG" "${SIZES[@]}" 2>&1 | tee "$OUT/ours.log"
fi

step "PyTorch"
"$PY" "$BUNDLE/python/reference.py" --yolov5 "$BUNDLE/yolov5" --inputs "$WORK/inputs.npz" \
  --weights "$WORK/yolov5s-init.npz" --coco-weights "$BUNDLE/parity/state_dict.npz" --out "$OUT/pytorch.json" \
  "${SIZES[@]}" 2>&1 | tee "$OUT/pytorch.log"

step "summary"
"$PY" "$BUNDLE/python/summary.py" --ours "$OUT/ours.json" --pytorch "$OUT/pytorch.json" --jni "$OUT/jni.json" \
  --out "$OUT/summary.json" | tee "$OUT/summary.md"
