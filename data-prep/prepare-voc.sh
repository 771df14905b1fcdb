#!/usr/bin/env bash
# Prepares a Pascal VOC dataset (Annotations/, JPEGImages/, ImageSets/Main/{train,val,test}.txt) as
# Parquet shards + dataset.yaml, which train, val and detect then take as --data / --source.
#
#   data-prep/prepare-voc.sh VOC_ROOT OUTPUT [prepare options] [--master URL] [--spark-conf K=V]
#
#   data-prep/prepare-voc.sh hdfs:///data/VOCdevkit/VOC2012 hdfs:///prepared/voc2012 --keep-difficult
#
# Class names are the object names found, sorted. Runs bin/spark-yolo prepare --format voc.
# Options: bin/spark-yolo prepare --help, data-prep/README.md.
set -euo pipefail
if [ $# -lt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/../bin/spark-yolo" prepare --format voc --source "$1" --output "$2" "${@:3}"
