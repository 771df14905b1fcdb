#!/usr/bin/env bash
# Runs a SparkYOLO command on this machine:
#   submit/local.sh [--executor-gpus N] [spark-submit options] -- COMMAND [command options]
#   submit/local.sh COMMAND [command options]
# Master local[*] unless --master is given (local[N], or local-cluster[N,CORES,MB] for N executor
# JVMs, e.g. to train with --replicas N). The driver runs the tasks in local mode, so it gets
# SPARKYOLO_DRIVER_MEMORY (default 4g). See submit/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sparkyolo_parse_args "$@"
sparkyolo_env
if [[ "$(sparkyolo_spark_option --master local)" == local* ]]; then
  # Spark would advertise this machine's external address; everything here stays on loopback.
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
fi
GPU_DISCOVERY="$SPARKYOLO_DIR/submit/gpu-discovery.sh"
sparkyolo_submit --master 'local[*]' --driver-memory "${SPARKYOLO_DRIVER_MEMORY:-4g}"
