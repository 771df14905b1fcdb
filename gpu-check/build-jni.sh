#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) from the bundle's DJL sources against the libtorch of
# this machine's Python torch, and puts it where DJL looks for the JNI of that libtorch:
#   WORK/djl-cache/pytorch/VERSION-FLAVOR-linux-x86_64/DJLVERSION-libdjl_torch.so
#
#   build-jni.sh BUNDLE WORK        (PYTHON: default python3; JOBS: default nproc)
#
# First with DJL's own CMakeLists (find_package(Torch) from torch.utils.cmake_prefix_path, with
# USE_CUDA for a CUDA torch); where that does not configure or compile, with jni/direct, which
# names torch's include and lib folders itself (CPU code paths of the JNI; JNI_MODE=direct-cmake
# goes there at once). A JNI built before in
# WORK is kept unless FORCE_JNI=1. Writes OUT/jni.json and OUT/jni.log (the build output; OUT
# defaults to WORK/out) and prints "jni: built …" or "jni: FAILED …".
set -uo pipefail
BUNDLE=$(cd "$1" && pwd)
WORK=$2
PY=${PYTHON:-python3}
JOBS=${JOBS:-$(nproc)}
OUTDIR=${OUT:-$WORK/out}
mkdir -p "$WORK" "$OUTDIR"
LOG=$OUTDIR/jni.log
: >"$LOG"
START=$(date +%s)

report() { # status mode [error lines]
  "$PY" - "$1" "$2" "${VERSION:-}" "${FLAVOR:-}" "$(($(date +%s) - START))" "${3:-}" >"$OUTDIR/jni.json" <<'EOF'
import json, sys
status, mode, version, flavor, seconds, errors = sys.argv[1:7]
print(json.dumps({'status': status, 'mode': mode, 'torch': version, 'flavor': flavor, 'seconds': int(seconds),
                  'errors': [l for l in errors.splitlines() if l][:20]}, indent=2))
EOF
}

if ! INFO=$("$PY" - 2>>"$LOG" <<'EOF'
import os, torch, torch.utils
cuda = torch.version.cuda
print(torch.__version__.split('+')[0], 'cu' + cuda.replace('.', '') if cuda else 'cpu',
      torch.utils.cmake_prefix_path, os.path.dirname(torch.__file__), int(torch._C._GLIBCXX_USE_CXX11_ABI))
EOF
); then
  echo "jni: FAILED: $PY cannot import torch (see $LOG)"
  report failed none "$(tail -5 "$LOG")"
  exit 1
fi
read -r VERSION FLAVOR PREFIX TORCH ABI <<<"$INFO"
DJL_VERSION=$(sed -n 's/^djl_version=//p' "$BUNDLE/jni/versions.properties")
SRC=$BUNDLE/jni/djl/engines/pytorch/pytorch-native
JAVA_INC=$BUNDLE/jni/jdk-include
TARGET=$WORK/djl-cache/pytorch/$VERSION-$FLAVOR-linux-x86_64/$DJL_VERSION-libdjl_torch.so
echo "jni: DJL $DJL_VERSION against torch $VERSION ($FLAVOR, C++11 ABI $ABI) at $TORCH, $JOBS jobs"
GENERATOR=()
command -v ninja >/dev/null && GENERATOR=(-G Ninja)
# FindJNI wants these set; the JNI links no JVM library.
JNI_ARGS=(-DJAVA_INCLUDE_PATH="$JAVA_INC" -DJAVA_INCLUDE_PATH2="$JAVA_INC/linux" -DJAVA_AWT_INCLUDE_PATH=NotNeeded
  -DJAVA_JVM_LIBRARY="$JAVA_INC/NotNeeded" -DJAVA_AWT_LIBRARY=NotNeeded)

# Whether the JNI's libtorch and c10 dependencies are this torch's (another libtorch on the
# system, e.g. a distribution's, can satisfy CMake's searches and crash at run time).
linked_to_this_torch() {
  command -v readelf >/dev/null || return 0
  local lib
  for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(lib\(torch\|c10\)[^]]*\)\].*/\1/p'); do
    [ -e "$TORCH/lib/$lib" ] || { echo "error: the JNI needs $lib, which is not in $TORCH/lib"; return 1; }
  done
}

build() { # mode build-dir cmake-args...
  local mode=$1 dir=$2 log=$WORK/jni-$1.log
  shift 2
  rm -rf "$dir"
  cmake "${GENERATOR[@]}" -S "$@" -B "$dir" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1 \
    && cmake --build "$dir" -j "$JOBS" >>"$log" 2>&1
  { echo "== $mode"; cat "$log"; } >>"$LOG"
  if [ -f "$dir/libdjl_torch.so" ] && linked_to_this_torch "$dir/libdjl_torch.so" >>"$log"; then
    mkdir -p "$(dirname "$TARGET")"
    cp "$dir/libdjl_torch.so" "$TARGET"
    echo "$mode" >"$TARGET.mode"
    echo "jni: built ($mode) in $(($(date +%s) - START)) s: $TARGET"
    report built "$mode"
    return 0
  fi
  echo "jni: $mode failed; first errors:"
  grep -E "error|Error" "$log" | grep -v "^-- " | head -15 | sed 's/^/    /'
  return 1
}

if [ -f "$TARGET" ] && [ -z "${FORCE_JNI:-}" ]; then
  echo "jni: built before, kept (FORCE_JNI=1 builds again): $TARGET"
  report built "$(cat "$TARGET.mode" 2>/dev/null || echo earlier)"
  exit 0
fi
CUDA_ARGS=()
[[ $FLAVOR == cu* ]] && CUDA_ARGS=(-DUSE_CUDA=1)
# CMAKE_LIBRARY_PATH: libtorch's own find_library calls look in system folders before its own.
if [ "${JNI_MODE:-djl-cmake}" = djl-cmake ] && build djl-cmake "$WORK/jni-djl" "$SRC" -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_LIBRARY_PATH="$TORCH/lib" "${JNI_ARGS[@]}" ${CUDA_ARGS[@]+"${CUDA_ARGS[@]}"}; then
  exit 0
fi
build direct-cmake "$WORK/jni-direct" "$BUNDLE/jni/direct" -DDJL_PYTORCH_NATIVE="$SRC" \
  -DDJL_API_NATIVE="$BUNDLE/jni/djl/api/src/main/native" -DTORCH_DIR="$TORCH" -DTORCH_CXX11_ABI="$ABI" \
  -DJNI_INCLUDE="$JAVA_INC" && exit 0
echo "jni: FAILED: DJL $DJL_VERSION's JNI does not build against torch $VERSION (log: $LOG)"
report failed none "$(grep -E "error|Error" "$LOG" | grep -v "^-- " | head -20)"
exit 1
