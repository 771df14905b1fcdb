#!/usr/bin/env bash
# Submits a SparkYOLO command to a Spark standalone cluster:
#   submit/standalone.sh --master spark://HOST:7077 [--deploy-mode cluster] [--executor-gpus N] \
#       [spark-submit options] -- COMMAND [command options]
# In cluster mode a Worker starts the driver, so the application jar, the discovery script and
# local dataset paths must exist at the same path on every host (or be hdfs:// / s3a:// URLs).
# A Worker gives such a driver only spark.driver.extraJavaOptions (not the defaultJavaOptions the
# other launchers use), so this launcher sets it: a --driver-java-options of yours replaces it and
# must then include $(source submit/common.sh; sparkyolo_java_opts).
# Workers that offer GPUs need spark.worker.resource.gpu.{amount,discoveryScript} in their own
# configuration. See submit/README.md and docs/cluster.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sparkyolo_parse_args "$@"
sparkyolo_env
[[ "$(sparkyolo_spark_option --master "")" == spark://* ]] || sparkyolo_die "pass --master spark://HOST:7077"
DEFAULTS=()
if [ "$(sparkyolo_spark_option --deploy-mode client)" = cluster ]; then
  DEFAULTS+=(--conf "spark.driver.extraJavaOptions=$(sparkyolo_java_opts)")
fi
GPU_DISCOVERY="$SPARKYOLO_DIR/submit/gpu-discovery.sh"
sparkyolo_submit ${DEFAULTS[@]+"${DEFAULTS[@]}"}
