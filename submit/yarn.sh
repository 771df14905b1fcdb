#!/usr/bin/env bash
# Submits a SparkYOLO command to YARN:
#   submit/yarn.sh [--deploy-mode cluster] [--executor-gpus N] [spark-submit options] -- COMMAND [command options]
# HADOOP_CONF_DIR (or YARN_CONF_DIR) names the cluster's configuration. Every SparkYOLO job runs
# with dynamic allocation off; set --num-executors, --executor-cores and spark.task.cpus for
# training (one replica per executor). The GPU discovery script travels with the job
# (spark.yarn.dist.files, merged with --files). See submit/README.md and docs/cluster.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sparkyolo_parse_args "$@"
sparkyolo_env
[ -n "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ] || sparkyolo_die "set HADOOP_CONF_DIR to the cluster's Hadoop configuration"
DEFAULTS=(--master yarn)
if [ "$EXECUTOR_GPUS" -gt 0 ]; then
  # YARN puts the shipped file into each container's working directory.
  DEFAULTS+=(--conf "spark.yarn.dist.files=$SPARKYOLO_DIR/submit/gpu-discovery.sh")
  GPU_DISCOVERY=./gpu-discovery.sh
fi
sparkyolo_submit "${DEFAULTS[@]}"
