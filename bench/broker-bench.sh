#!/usr/bin/env bash
# Broker benchmark: Gantry standalone and Apache RocketMQ (nameserver + broker, separate JVMs), driven side by side by
# the same official-client driver (bench-official, io.gantry.bench.official.BrokerBench), in the same run.
#
#   bench/broker-bench.sh                   # 3 rounds, both systems, ASYNC_FLUSH and SYNC_FLUSH
#   ROUNDS=1 SYSTEMS=gantry FLUSHES=SYNC_FLUSH MEASURE_MS=5000 bench/broker-bench.sh
#   NAMESRV=host:9876 bench/broker-bench.sh # only drive an already running nameserver (labelled "external")
#
# Knobs (environment): ROUNDS (3), SYSTEMS ("gantry apache"), FLUSHES ("ASYNC_FLUSH SYNC_FLUSH"), WARMUP_MS (2000),
# MEASURE_MS (8000), BODIES (128,1024), THREADS (1,32), INFLIGHT (256), BACKLOG (300000, consumed under ASYNC_FLUSH
# only), HEAP (1g, for every server JVM and the driver), KEEP_DATA (unset: data dirs are deleted after each run),
# GANTRY_JAVA_OPTS (extra JVM options for Gantry, e.g. a flight recording). BODIES=none runs only the consume cell.
# System gantry-before runs another Gantry build, GANTRY_BEFORE_JAR=/path/gantry.jar, side by side (before/after).
# Output: the table on stdout; bench-official/target/broker-bench/{rows.tsv,broker-bench.md,broker-bench.json} and
# per-run server logs in bench-official/target/broker-bench/logs/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ROUNDS="${ROUNDS:-3}"
SYSTEMS="${SYSTEMS:-gantry apache}"
FLUSHES="${FLUSHES:-ASYNC_FLUSH SYNC_FLUSH}"
WARMUP_MS="${WARMUP_MS:-2000}"
MEASURE_MS="${MEASURE_MS:-8000}"
BODIES="${BODIES:-128,1024}"
THREADS="${THREADS:-1,32}"
INFLIGHT="${INFLIGHT:-256}"
BACKLOG="${BACKLOG:-300000}"
HEAP="${HEAP:-1g}"
GANTRY_NS_PORT=19876
GANTRY_BROKER_PORT=20911
APACHE_NS_PORT=29876
APACHE_BROKER_PORT=30911
READY_TIMEOUT_S=60

out="$root/bench-official/target/broker-bench"
logs="$out/logs"
work="$out/run"
rm -rf "$out"
mkdir -p "$logs" "$work"
rows="$out/rows.tsv"
loads="$out/loadavg.txt"

echo "== building the driver and resolving class paths" >&2
./mvnw -q -B -pl bench-official -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
driver_cp="$root/bench-official/target/test-classes:$(cat "$root/bench-official/target/bench-classpath.txt")"
apache_version="$(sed -n 's:.*<rocketmq-bench-apache.version>\(.*\)</rocketmq-bench-apache.version>.*:\1:p' pom.xml)"
if [[ " $SYSTEMS " == *" apache "* ]]; then
  ./mvnw -q -B -f bench/apache-rocketmq/pom.xml dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >&2
  apache_cp="$(cat "$root/bench/apache-rocketmq/target/classpath.txt")"
fi
if [[ " $SYSTEMS " == *" gantry "* ]]; then
  # The launcher rebuilds cli/target/gantry.jar when sources changed; do it now, not inside a measurement.
  ./gantry --version >&2
fi

JVM_OPTS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC)
# Apache's store unmaps files through JDK internals (its runbroker.sh opens the same ones).
APACHE_OPENS=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED)

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && stop "$pid"
  done
}
trap cleanup EXIT

# wait_for FILE PATTERN PID: until FILE holds PATTERN; fails if PID dies or the timeout passes.
wait_for() {
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ! kill -0 "$3" 2>/dev/null; then echo "process $3 died; see $1" >&2; tail -20 "$1" >&2; return 1; fi
    if ((SECONDS > deadline)); then echo "not ready after ${READY_TIMEOUT_S}s; see $1" >&2; return 1; fi
    sleep 0.1
  done
}

# stop PID: SIGTERM (clean shutdown) and wait for the process to exit.
stop() {
  kill "$1" 2>/dev/null || return 0
  local deadline=$((SECONDS + 30))
  while kill -0 "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then echo "process $1 still running 30 s after SIGTERM; killing it" >&2; kill -9 "$1" 2>/dev/null || true; fi
    sleep 0.1
  done
}

ms_now() { date +%s%3N; }

# cpu_ms PID...: user+system CPU the processes used so far, in ms (0 for a process that is gone).
cpu_ms() {
  local total=0 pid ticks
  for pid in "$@"; do
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ticks))
  done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

run_driver() { # system flush round namesrv [server pids...]: also logs the servers' CPU time during the run
  local backlog=0 cpu0 t0
  cpu0=$(cpu_ms "${@:5}")
  t0=$(ms_now)
  local server_pids="none"
  [ $# -gt 4 ] && server_pids="$(IFS=,; echo "${*:5}")"
  [ "$2" = ASYNC_FLUSH ] && backlog="$BACKLOG"
  echo "$(date -u +%H:%M:%S) $1 $2 round $3 load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$loads" >&2
  java -Xms"$HEAP" -Xmx"$HEAP" -Drocketmq.client.logUseSlf4j=true \
    -Dlogback.configurationFile="$root/bench/logback-bench.xml" -Duser.home="$work/client-home" \
    -cp "$driver_cp" io.gantry.bench.official.BrokerBench --namesrv "$4" --system "$1" --flush "$2" --round "$3" \
    --bodies "$BODIES" --threads "$THREADS" --inflight "$INFLIGHT" --warmup-ms "$WARMUP_MS" \
    --measure-ms "$MEASURE_MS" --backlog "$backlog" --out "$rows" --server-pids "$server_pids" \
    2>>"$logs/driver.log" \
    || echo "driver failed for $1 $2 round $3; see $logs/driver.log" >&2
  [ $# -gt 4 ] && echo "$1 $2 round $3: server CPU $(($(cpu_ms "${@:5}") - cpu0)) ms in $(($(ms_now) - t0)) ms" \
    | tee -a "$loads" >&2
  return 0
}

run_gantry() { # flush round [label jar]: label and jar name another build to compare (system gantry-before)
  local label="${3:-gantry}"
  local data="$work/$label-$1-$2" log="$logs/$label-$1-$2.log"
  mkdir -p "$data"
  printf 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\nbrokerRole=ASYNC_MASTER\nflushDiskType=%s\nautoCreateTopicEnable=true\n' \
    "$1" >"$data/broker.conf"
  local t0; t0=$(ms_now)
  if [ -n "${4:-}" ]; then
    java "${JVM_OPTS[@]}" ${GANTRY_JAVA_OPTS:-} -jar "$4" standalone -c "$data/broker.conf" -d "$data" \
      --namesrv-port "$GANTRY_NS_PORT" --broker-port "$GANTRY_BROKER_PORT" >"$log" 2>&1 &
  else
    GANTRY_JAVA_OPTS="${JVM_OPTS[*]} ${GANTRY_JAVA_OPTS:-}" ./gantry standalone -c "$data/broker.conf" -d "$data" \
      --namesrv-port "$GANTRY_NS_PORT" --broker-port "$GANTRY_BROKER_PORT" >"$log" 2>&1 &
  fi
  local pid=$!
  pids+=("$pid")
  wait_for "$log" "gantry standalone: nameserver" "$pid"
  echo "$label $1 round $2: ready in $(($(ms_now) - t0)) ms (nameserver and broker, one JVM)" | tee -a "$loads" >&2
  run_driver "$label" "$1" "$2" "127.0.0.1:$GANTRY_NS_PORT" "$pid"
  stop "$pid"
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$data"
}

run_apache() { # flush round
  local data="$work/apache-$1-$2" nslog="$logs/apache-namesrv-$1-$2.log" blog="$logs/apache-broker-$1-$2.log"
  mkdir -p "$data/home" "$data/store"
  printf 'listenPort=%s\n' "$APACHE_NS_PORT" >"$data/namesrv.conf"
  cat >"$data/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerId=0
deleteWhen=04
fileReservedTime=48
brokerRole=ASYNC_MASTER
flushDiskType=$1
listenPort=$APACHE_BROKER_PORT
brokerIP1=127.0.0.1
namesrvAddr=127.0.0.1:$APACHE_NS_PORT
autoCreateTopicEnable=true
storePathRootDir=$data/store
storePathCommitLog=$data/store/commitlog
CONF
  # ROCKETMQ_HOME is required by both start-up classes; user.home is where their logback writes its files.
  local common=("${JVM_OPTS[@]}" "${APACHE_OPENS[@]}" -Drocketmq.home.dir="$data/home" -Duser.home="$data/home"
    -cp "$apache_cp")
  local t0; t0=$(ms_now)
  ROCKETMQ_HOME="$data/home" java "${common[@]}" org.apache.rocketmq.namesrv.NamesrvStartup -c "$data/namesrv.conf" \
    >"$nslog" 2>&1 &
  local nspid=$!
  pids+=("$nspid")
  wait_for "$nslog" "boot success" "$nspid"
  local t1; t1=$(ms_now)
  ROCKETMQ_HOME="$data/home" java "${common[@]}" org.apache.rocketmq.broker.BrokerStartup -c "$data/broker.conf" \
    -n "127.0.0.1:$APACHE_NS_PORT" >"$blog" 2>&1 &
  local bpid=$!
  pids+=("$bpid")
  wait_for "$blog" "boot success" "$bpid"
  echo "apache $1 round $2: nameserver ready in $((t1 - t0)) ms, broker in $(($(ms_now) - t1)) ms" | tee -a "$loads" >&2
  run_driver "apache-$apache_version" "$1" "$2" "127.0.0.1:$APACHE_NS_PORT" "$bpid" "$nspid"
  stop "$bpid"
  stop "$nspid"
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$data"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)" \
  | tee "$loads" >&2
if [ -n "${NAMESRV:-}" ]; then
  for round in $(seq 1 "$ROUNDS"); do
    for flush in $FLUSHES; do run_driver external "$flush" "$round" "$NAMESRV"; done
  done
else
  for round in $(seq 1 "$ROUNDS"); do
    for flush in $FLUSHES; do
      for system in $SYSTEMS; do
        case "$system" in
          gantry) run_gantry "$flush" "$round" ;;
          gantry-before) run_gantry "$flush" "$round" gantry-before "${GANTRY_BEFORE_JAR:?gantry-before needs GANTRY_BEFORE_JAR}" ;;
          apache) run_apache "$flush" "$round" ;;
          *) echo "unknown system $system (gantry or apache)" >&2; exit 2 ;;
        esac
      done
    done
  done
fi

note="$(head -1 "$loads"); load average (1 min) at the start of each driver run: $(grep -o 'load [0-9.]*' "$loads" \
  | awk '{print $2}' | sort -n | sed -n '1p;$p' | paste -sd- -); $ROUNDS round(s), warm-up ${WARMUP_MS} ms, measured ${MEASURE_MS} ms per cell"
java -cp "$driver_cp" io.gantry.bench.official.BenchReport "$rows" "$out" "$note"
