# Shared by the launchers in submit/ and by bin/spark-yolo (sourced, not run): the Spark home,
# the configuration directory, the JVM options, the application jar, the "--" convention and the
# spark-submit call. Each launcher adds only what its cluster manager needs.

SPARKYOLO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The launchers' libtorch settings (--torch-lib …), by DJL's names: PYTORCH_LIBRARY_PATH, …
declare -A TORCH_SETTINGS=()

sparkyolo_die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The JVM options of every driver and executor, from conf/jvm-options.properties (the Maven build
# reads the same file for the test JVMs): Java 17 module opens, DJL offline, headless AWT; with
# --torch-lib also the libtorch settings as system properties (DJL reads them there too).
sparkyolo_java_opts() {
  local file="$SPARKYOLO_DIR/conf/jvm-options.properties" name
  echo -n "$(sed -n 's/^java17\.opens=//p' "$file") $(sed -n 's/^sparkyolo\.jvm=//p' "$file")"
  for name in PYTORCH_LIBRARY_PATH PYTORCH_VERSION PYTORCH_FLAVOR; do
    [ -z "${TORCH_SETTINGS[$name]:-}" ] || echo -n " -D$name=${TORCH_SETTINGS[$name]}"
  done
  echo
}

# Splits the launcher's arguments at the first "--": spark-submit options before it (SPARK_ARGS),
# the SparkYOLO command after it (COMMAND_ARGS); without "--" every argument belongs to the
# command. --executor-gpus N, the launchers' own option, is taken out into EXECUTOR_GPUS.
sparkyolo_parse_args() {
  SPARK_ARGS=()
  COMMAND_ARGS=()
  EXECUTOR_GPUS=0
  local before=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    before+=("$1")
    shift
  done
  if [ $# -eq 0 ]; then
    COMMAND_ARGS=(${before[@]+"${before[@]}"})
    return
  fi
  shift
  COMMAND_ARGS=("$@")
  set -- ${before[@]+"${before[@]}"}
  while [ $# -gt 0 ]; do
    case "$1" in
      --executor-gpus) [ $# -ge 2 ] || sparkyolo_die "--executor-gpus needs a number"; EXECUTOR_GPUS="$2"; shift 2 ;;
      --executor-gpus=*) EXECUTOR_GPUS="${1#*=}"; shift ;;
      --torch-lib|--torch-version|--torch-flavor)
        [ $# -ge 2 ] || sparkyolo_die "$1 needs a value"; sparkyolo_torch_option "$1" "$2"; shift 2 ;;
      --torch-lib=*|--torch-version=*|--torch-flavor=*) sparkyolo_torch_option "${1%%=*}" "${1#*=}"; shift ;;
      *) SPARK_ARGS+=("$1"); shift ;;
    esac
  done
  [[ "$EXECUTOR_GPUS" =~ ^[0-9]+$ ]] || sparkyolo_die "--executor-gpus needs a number, got '$EXECUTOR_GPUS'"
  sparkyolo_check_torch_lib
}

# --torch-lib DIR: the lib folder of the libtorch that drivers and executors load instead of the
# bundled CPU build (e.g. a pip install's site-packages/torch/lib, the same path on every node);
# --torch-version and --torch-flavor where the folder does not tell (see docs/cluster.md, GPUs).
sparkyolo_torch_option() {
  case "$1" in
    --torch-lib) TORCH_SETTINGS[PYTORCH_LIBRARY_PATH]="$2" ;;
    --torch-version) TORCH_SETTINGS[PYTORCH_VERSION]="$2" ;;
    --torch-flavor) TORCH_SETTINGS[PYTORCH_FLAVOR]="$2" ;;
  esac
}

# What can be checked here: the JVM option lists are split at spaces, and a folder that exists on
# this host must hold libtorch.so. Each JVM checks the rest where it runs (sparkyolo.engine.TorchLibrary).
sparkyolo_check_torch_lib() {
  local dir="${TORCH_SETTINGS[PYTORCH_LIBRARY_PATH]:-}" value
  if [ -z "$dir" ]; then
    [ ${#TORCH_SETTINGS[@]} -eq 0 ] || sparkyolo_die "--torch-version and --torch-flavor need --torch-lib DIR"
    return
  fi
  for value in "${TORCH_SETTINGS[@]}"; do
    [[ "$value" =~ ^[^[:space:]]+$ ]] || sparkyolo_die "--torch-lib/--torch-version/--torch-flavor: no spaces allowed, got '$value'"
  done
  [[ "$dir" == /* ]] || sparkyolo_die "--torch-lib needs an absolute path (the same on every node), got '$dir'"
  if [ -e "$dir" ] && [ ! -f "$dir/libtorch.so" ]; then
    sparkyolo_die "--torch-lib $dir: no libtorch.so in that folder (name the lib folder of a libtorch, e.g. site-packages/torch/lib)"
  fi
}

# --conf settings that give every driver and executor the environment variable NAME=VALUE:
# executors, the YARN application master (cluster-mode driver) and the Kubernetes driver pod.
sparkyolo_env_conf() {
  echo "spark.executorEnv.$1=$2"
  echo "spark.yarn.appMasterEnv.$1=$2"
  echo "spark.kubernetes.driverEnv.$1=$2"
}

# The libtorch settings as environment variables too. Client-mode and standalone drivers get
# them as system properties.
sparkyolo_torch_conf() {
  local name
  for name in "${!TORCH_SETTINGS[@]}"; do
    sparkyolo_env_conf "$name" "${TORCH_SETTINGS[$name]}"
  done
}

# The malloc.* settings of conf/jvm-options.properties (why: see there) as NAME=VALUE lines. A
# variable already set in the launcher's environment keeps its value; SPARKYOLO_MALLOC=default
# leaves glibc's defaults.
sparkyolo_malloc_settings() {
  [ "${SPARKYOLO_MALLOC:-}" != default ] || return 0
  local name value
  while IFS='=' read -r name value; do
    echo "$name=${!name:-$value}"
  done < <(sed -n 's/^malloc\.//p' "$SPARKYOLO_DIR/conf/jvm-options.properties")
}

# The value of the last spark-submit option NAME (--NAME VALUE or --NAME=VALUE) in SPARK_ARGS,
# else DEFAULT.
sparkyolo_spark_option() {
  local name="$1" value="$2" i
  for ((i = 0; i < ${#SPARK_ARGS[@]}; i++)); do
    case "${SPARK_ARGS[$i]}" in
      "$name") value="${SPARK_ARGS[$((i + 1))]:-}" ;;
      "$name"=*) value="${SPARK_ARGS[$i]#*=}" ;;
    esac
  done
  echo "$value"
}

# SPARK_HOME (else the Spark home that the build assembles), JAVA_HOME, SPARK_CONF_DIR (else
# conf/: spark-defaults.conf and log4j2.properties) and APP_JAR (SPARKYOLO_JAR, else the build's
# jar; a URL such as hdfs://… or local:/… is passed on as it is).
sparkyolo_env() {
  if [ -z "${SPARK_HOME:-}" ]; then
    SPARK_HOME="$SPARKYOLO_DIR/target/spark-home"
    [ -x "$SPARK_HOME/bin/spark-submit" ] || sparkyolo_die "$SPARK_HOME is incomplete; build it: mvn -q package -DskipTests"
  fi
  export SPARK_HOME
  export SPARK_CONF_DIR="${SPARK_CONF_DIR:-$SPARKYOLO_DIR/conf}"
  if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    export JAVA_HOME
  fi
  APP_JAR="${SPARKYOLO_JAR:-$SPARKYOLO_DIR/target/sparkyolo-app.jar}"
  case "$APP_JAR" in
    *:/*) ;;
    *) [ -f "$APP_JAR" ] || sparkyolo_die "$APP_JAR not found; build it first: mvn -q package -DskipTests" ;;
  esac
}

# Runs spark-submit: the given defaults, the settings every SparkYOLO job needs, the GPU settings
# for --executor-gpus, then the user's SPARK_ARGS (later options win), the jar and the command.
# GPU_DISCOVERY (the discovery script's path where executors run) and GPU_VENDOR (Kubernetes)
# come from the launcher.
sparkyolo_submit() {
  local java_opts
  java_opts="$(sparkyolo_java_opts)"
  local conf=(
    # Spark prepends these to spark.{driver,executor}.extraJavaOptions, which stay the user's.
    --conf "spark.driver.defaultJavaOptions=$java_opts"
    --conf "spark.executor.defaultJavaOptions=$java_opts"
    # Barrier stages (train --replicas) refuse dynamic allocation.
    --conf spark.dynamicAllocation.enabled=false
    --conf spark.ui.showConsoleProgress=false
  )
  local setting name value
  while IFS='=' read -r name value; do
    export "$name=$value"  # for a driver started here
    while read -r setting; do
      conf+=(--conf "$setting")
    done < <(sparkyolo_env_conf "$name" "$value")
  done < <(sparkyolo_malloc_settings)
  while read -r setting; do
    [ -z "$setting" ] || conf+=(--conf "$setting")
  done < <(sparkyolo_torch_conf)
  if [ "$EXECUTOR_GPUS" -gt 0 ]; then
    conf+=(--conf "spark.executor.resource.gpu.amount=$EXECUTOR_GPUS"
      --conf "spark.executor.resource.gpu.discoveryScript=${SPARKYOLO_GPU_DISCOVERY:-$GPU_DISCOVERY}")
    if [ -n "${GPU_VENDOR:-}" ]; then
      conf+=(--conf "spark.executor.resource.gpu.vendor=$GPU_VENDOR")
    fi
  fi
  exec "$SPARK_HOME/bin/spark-submit" --class sparkyolo.cli.Main "$@" "${conf[@]}" \
    ${SPARK_ARGS[@]+"${SPARK_ARGS[@]}"} "$APP_JAR" ${COMMAND_ARGS[@]+"${COMMAND_ARGS[@]}"}
}
