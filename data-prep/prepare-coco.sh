#!/usr/bin/env bash
# Prepares a COCO detection dataset (an instances JSON and its image folder) as Parquet shards +
# dataset.yaml, which train, val and detect then take as --data / --source.
#
#   data-prep/prepare-coco.sh INSTANCES.json IMAGES_DIR OUTPUT [prepare options] [--master URL] [--spark-conf K=V]
#
#   data-prep/prepare-coco.sh s3a://b/coco/annotations/instances_train2017.json s3a://b/coco/train2017 \
#       s3a://b/prepared/coco-train
#   data-prep/prepare-coco.sh s3a://b/coco/annotations/instances_val2017.json s3a://b/coco/val2017 \
#       s3a://b/prepared/coco-val --coco-split val
#
# The JSON's images go to the train split unless --coco-split names another, or --split re-splits
# them by ratios. Runs bin/spark-yolo prepare --format coco. Options: bin/spark-yolo prepare --help,
# data-prep/README.md (also: one dataset YAML over a train and a val preparation).
set -euo pipefail
if [ $# -lt 3 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/../bin/spark-yolo" prepare --format coco --source "$1" --images "$2" \
  --output "$3" "${@:4}"
