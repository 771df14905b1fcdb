#!/usr/bin/env bash
# Prepares an Ultralytics (YOLO txt labels) dataset as Parquet shards + dataset.yaml, which
# train, val and detect then take as --data / --source.
#
#   data-prep/prepare-yolo.sh DATA.yaml OUTPUT [prepare options] [--master URL] [--spark-conf K=V]
#
#   data-prep/prepare-yolo.sh ../datasets/coco128/coco128.yaml /data/prepared/coco128
#   data-prep/prepare-yolo.sh hdfs:///data/signs/data.yaml hdfs:///prepared/signs --max-side 1280 \
#       --master yarn --spark-conf spark.executor.instances=8
#
# Runs bin/spark-yolo prepare --format yolo (spark-submit of the app jar; $SPARK_HOME's Spark when
# set, else the one the build assembles). Options: bin/spark-yolo prepare --help, data-prep/README.md.
set -euo pipefail
if [ $# -lt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/../bin/spark-yolo" prepare --format yolo --source "$1" --output "$2" "${@:3}"
