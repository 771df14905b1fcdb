#!/usr/bin/env bash
# Submits a SparkYOLO command to Kubernetes:
#   submit/k8s.sh --master k8s://https://API_SERVER:443 [--deploy-mode client] [--executor-gpus N] \
#       [spark-submit options] -- COMMAND [command options]
# Cluster deploy mode unless --deploy-mode client: the driver runs in a pod, from the image
# (SPARKYOLO_IMAGE or --conf spark.kubernetes.container.image=…) that submit/k8s/Dockerfile builds,
# which holds the application jar and the GPU discovery script under /opt/sparkyolo. The pod
# templates in submit/k8s/ apply to the driver and the executors; GPUs are nvidia.com/gpu.
# See submit/README.md and docs/cluster.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sparkyolo_parse_args "$@"
MASTER="$(sparkyolo_spark_option --master "")"
[[ "$MASTER" == k8s://* ]] || sparkyolo_die "pass --master k8s://https://API_SERVER:PORT"
DEPLOY_MODE="$(sparkyolo_spark_option --deploy-mode cluster)"
if [ "$DEPLOY_MODE" = cluster ]; then
  SPARKYOLO_JAR="${SPARKYOLO_JAR:-local:///opt/sparkyolo/sparkyolo-app.jar}"
fi
sparkyolo_env
DEFAULTS=(--deploy-mode "$DEPLOY_MODE"
  --conf "spark.kubernetes.driver.podTemplateFile=$SPARKYOLO_DIR/submit/k8s/driver-pod.yaml"
  --conf "spark.kubernetes.executor.podTemplateFile=$SPARKYOLO_DIR/submit/k8s/executor-pod.yaml")
if [ -n "${SPARKYOLO_IMAGE:-}" ]; then
  DEFAULTS+=(--conf "spark.kubernetes.container.image=$SPARKYOLO_IMAGE")
fi
GPU_DISCOVERY=/opt/sparkyolo/gpu-discovery.sh
GPU_VENDOR=nvidia.com
sparkyolo_submit "${DEFAULTS[@]}"
