#!/usr/bin/env bash
# Assembles what travels to a GPU machine for the device check (see gpu-check/README.md) into one
# folder of at most 64 MiB, target/gpu-bundle unless --out is given:
#
#   gpu-check/bundle.sh --djl-src DIR --yolov5-src DIR [--shared DIR] [--out DIR]
#
#   --djl-src     DJL's repository (a clone or a bare git directory) holding the tag v<DJL version>
#                 of the pytorch-engine jar the build uses (v0.36.0)
#   --yolov5-src  Ultralytics YOLOv5's repository (a clone or a bare git directory) with tag v6.2
#   --shared      the reference fixtures: parity/ and datasets/coco128 (default: ../shared)
#
# Needs the build (mvn -q package -DskipTests: target/classes, the dependency jars in the local
# Maven repository) and a JDK 17 (javac, jlink, jar). Nothing is downloaded.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
die() { echo "bundle.sh: $*" >&2; exit 1; }

DJL_SRC="" YOLOV5_SRC="" SHARED="$ROOT/../shared" OUT_DIR="$ROOT/target/gpu-bundle"
while [ $# -gt 0 ]; do
  case "$1" in
    --djl-src) DJL_SRC="$2"; shift 2 ;;
    --yolov5-src) YOLOV5_SRC="$2"; shift 2 ;;
    --shared) SHARED="$2"; shift 2 ;;
    --out) OUT_DIR="$2"; shift 2 ;;
    *) die "unknown argument '$1' (see the comment at the top)" ;;
  esac
done
[ -n "$DJL_SRC" ] || die "--djl-src DIR is required (a clone of github.com/deepjavalibrary/djl)"
[ -n "$YOLOV5_SRC" ] || die "--yolov5-src DIR is required (a clone of github.com/ultralytics/yolov5)"
[ -d "$ROOT/target/classes/sparkyolo" ] || die "target/classes is missing: build first (mvn -q package -DskipTests)"
[ -d "$SHARED/parity" ] || die "$SHARED/parity not found (--shared DIR)"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
for tool in javac jlink jar; do
  [ -x "$JAVA_HOME/bin/$tool" ] || die "$JAVA_HOME/bin/$tool not found: a JDK 17 is needed (JAVA_HOME)"
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR/lib" "$OUT_DIR/jni" "$OUT_DIR/python" "$OUT_DIR/parity" "$OUT_DIR/images" "$OUT_DIR/labels"

# Exports PATHS at TAG of a repository (clone or bare) into DEST: git archive, or a copy of a plain folder.
export_tree() { # repo tag dest paths...
  local repo="$1" tag="$2" dest="$3"
  shift 3
  mkdir -p "$dest"
  if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$repo" rev-parse --verify -q "$tag^{commit}" >/dev/null || die "$repo has no tag $tag"
    git -C "$repo" archive "$tag" "$@" | tar -x -C "$dest"
  else
    (cd "$repo" && cp -r --parents "$@" "$dest")
  fi
}

echo "== jars"
# The runtime jars the harness needs: DJL without natives, Jackson, the Log4j API with its simple
# logger (DJL's SLF4J logging goes there too; Log4j's core would need AWT's java.beans), no Spark,
# Hadoop or OpenCV.
NEEDED="api pytorch-engine gson jna slf4j-api jackson-core jackson-databind jackson-annotations jackson-dataformat-yaml snakeyaml log4j-api log4j-slf4j2-impl"
(cd "$ROOT" && mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$TMP/cp.txt" >/dev/null) \
  || die "mvn dependency:build-classpath failed (run the build once online)"
CP=""
for artifact in $NEEDED; do
  jar="$(tr ':' '\n' <"$TMP/cp.txt" | grep -E "/$artifact/[^/]+/$artifact-[^/]+\.jar$" | grep -v -- '-linux-' | head -1)"
  [ -n "$jar" ] || die "no $artifact jar on the build's class path"
  cp "$jar" "$OUT_DIR/lib/"
  CP="$CP:$jar"
done
(cd "$ROOT/target/classes" && "$JAVA_HOME/bin/jar" cf "$OUT_DIR/lib/sparkyolo-classes.jar" .)
mkdir -p "$TMP/gpucheck"
"$JAVA_HOME/bin/javac" --release 17 -d "$TMP/gpucheck" -cp "$ROOT/target/classes$CP" \
  $(find "$HERE/java" -name '*.java')
"$JAVA_HOME/bin/jar" cf "$OUT_DIR/lib/sparkyolo-gpucheck.jar" -C "$TMP/gpucheck" .

echo "== Java runtime"
# The JDK modules the harness uses (jdeps over whole jars also lists AWT for SparkYOLO's plots,
# scripting for Log4j's optional script support, …: 10 MB more that the harness never loads).
MODULES=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --compress=2 --strip-debug --no-header-files --no-man-pages \
  --output "$TMP/jre"
tar -czf "$OUT_DIR/jre.tgz" -C "$TMP" jre
echo "modules: $MODULES"

echo "== JNI sources"
DJL_VERSION="$(unzip -p "$OUT_DIR/lib/pytorch-engine-"*.jar pytorch-engine.properties | sed -n 's/^djl_version=//p')"
export_tree "$DJL_SRC" "v$DJL_VERSION" "$OUT_DIR/jni/djl" \
  engines/pytorch/pytorch-native/CMakeLists.txt engines/pytorch/pytorch-native/src/main/native \
  engines/pytorch/pytorch-native/src/main/patch api/src/main/native \
  engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
# The JNI header that DJL's build generates from PyTorchLibrary.java (the GPU machine has no javac).
NATIVE="$OUT_DIR/jni/djl/engines/pytorch/pytorch-native"
"$JAVA_HOME/bin/javac" -h "$NATIVE/build/include" -d "$TMP/jni-classes" \
  "$OUT_DIR/jni/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
cp -r "$JAVA_HOME/include" "$OUT_DIR/jni/jdk-include"
mkdir -p "$OUT_DIR/jni/direct"
cp "$HERE/jni/CMakeLists.txt" "$OUT_DIR/jni/direct/"
echo "djl_version=$DJL_VERSION" >"$OUT_DIR/jni/versions.properties"

echo "== YOLOv5 v6.2"
export_tree "$YOLOV5_SRC" v6.2 "$OUT_DIR/yolov5" LICENSE models utils data/hyps
rm -rf "$OUT_DIR/yolov5/utils/loggers" "$OUT_DIR/yolov5/utils/aws" "$OUT_DIR/yolov5/utils/docker" \
  "$OUT_DIR/yolov5/utils/google_app_engine" "$OUT_DIR/yolov5/models/hub" "$OUT_DIR/yolov5/models/segment"

echo "== parity and images"
for f in forward.npz loss.npz loss.json model_config.json state_dict.npz; do
  cp "$SHARED/parity/$f" "$OUT_DIR/parity/"
done
COCO="$SHARED/datasets/coco128"
for image in $(ls "$COCO/images/train2017" | sort | head -16); do
  cp "$COCO/images/train2017/$image" "$OUT_DIR/images/"
  label="$COCO/labels/train2017/${image%.jpg}.txt"
  [ ! -f "$label" ] || cp "$label" "$OUT_DIR/labels/"
done

echo "== scripts"
cp "$HERE/run.sh" "$HERE/build-jni.sh" "$OUT_DIR/"
cp "$HERE"/python/*.py "$OUT_DIR/python/"
cp "$HERE/README.md" "$OUT_DIR/"

SIZE=$(du -sb "$OUT_DIR" | cut -f1)
TRACKED=$(cd "$ROOT" && git ls-files -z 2>/dev/null | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1 || echo 0)
LIMIT=$((64 * 1024 * 1024))
awk -v b="$SIZE" -v t="${TRACKED:-0}" -v d="$OUT_DIR" \
  'BEGIN { printf "bundle: %s, %.1f MiB (checkout %.1f MiB; together at most 64 MiB travel)\n", d, b / 1048576, t / 1048576 }'
[ $((SIZE + ${TRACKED:-0})) -le $LIMIT ] || die "bundle and checkout exceed 64 MiB"
