#!/usr/bin/env bash
# nginx vs rginx, side by side: the same nginx.conf, the same worker count
# (worker_processes 1 for both: the machine this was written on has 2
# cores, and the load generator and backends need the other one), the same
# backends, runs alternated within each round as nginx, rginx, nginx2 —
# where nginx2 is the same nginx binary again, so nginx2/nginx is the noise
# band of the machine, to read the rginx/nginx ratios against.
#
# Measures:
#   1. HTTP/1.1 keep-alive proxying: wrk rps, p50/p99 latency
#   2. a new connection per request (wrk -H "Connection: close"): the same
#   3. proxy CPU (utime+stime from /proc/PID/stat, every process of the
#      proxy) per request, for 1 and 2
#   4. WebSocket echo messages/s through the proxy, proxy CPU per message
#   5. proxy RSS with 1k and 5k idle WebSocket connections, per connection
#   6. (nginx2 in every round: the noise band)
#   7. a reload (HUP) every second under wrk load: failed requests; one of
#      two backends killed (SIGKILL) under load: failed GETs
#
# benches/callgrind.sh counts rginx's instructions per proxied request in
# this same configuration (keep-alive and a connection per request) under
# valgrind: one figure per scenario that moves by well under 0.1 % between
# runs, to show what a change to rginx costs or saves.
#
# Every proxy run starts a fresh proxy from the same file and stops it
# after; backends (benches/tools/bench_backend.rs, one single-threaded
# tokio process each) stay up except in the kill test. Everything binds
# 127.0.0.1 on free high ports, every process started is stopped on exit,
# and the script ends by itself (about 12 minutes with the defaults).
#
# Usage: benches/compare.sh            (builds the release binaries first)
# Environment:
#   NGINX=/usr/sbin/nginx   the nginx to compare with (rginx is run with
#                           --nginx-version set to that nginx's version)
#   RGINX=target/release/rginx   NO_BUILD=1 skips `cargo build --release`
#   ROUNDS=3  DURATION=10 (s per measured run)  WARMUP=2 (s)
#   CONNS=50 (wrk connections)  WS_CONNS=50  WS_SIZE=32 (bytes a message)
#   IDLE="1000 5000" (idle WebSocket connection counts)
#   PIN=1     proxy on CPU 1, load and backends on CPU 0 (default: unpinned)
#   OUT=target/bench-compare   where results.tsv, table.txt and logs go
#   ONLY="ka close ws idle reload kill"   a subset of the scenarios

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NGINX=${NGINX:-/usr/sbin/nginx}
RGINX=${RGINX:-$TARGET/release/rginx}
TOOLS=$TARGET/release/examples
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNS=${CONNS:-50}
WS_CONNS=${WS_CONNS:-50}
WS_SIZE=${WS_SIZE:-32}
IDLE=${IDLE:-"1000 5000"}
PIN=${PIN:-0}
OUT=${OUT:-$TARGET/bench-compare}
ONLY=${ONLY:-"ka close ws idle reload kill"}
PROXIES="nginx rginx nginx2"

die() { echo "compare.sh: $*" >&2; exit 1; }
for t in wrk curl python3 ps; do
    command -v "$t" >/dev/null || die "$t is needed"
done
[ -x "$NGINX" ] || die "no nginx at $NGINX (set NGINX=)"

if [ "${NO_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && cargo build --release --bin rginx --example bench_backend --example ws_load) \
        || die "build failed"
fi
[ -x "$RGINX" ] || die "no rginx at $RGINX"
[ -x "$TOOLS/bench_backend" ] && [ -x "$TOOLS/ws_load" ] || die "no bench tools in $TOOLS"

# Descriptors: each idle WebSocket costs the proxy two.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
NOFILE=$(ulimit -n)
WANT=()
for n in $IDLE; do
    if [ $((2 * n + 200)) -le "$NOFILE" ]; then WANT+=("$n"); else
        echo "compare.sh: skipping $n idle connections (ulimit -n is $NOFILE)" >&2
    fi
done
IDLE="${WANT[*]:-}"
WORKER_CONNECTIONS=16384

NGX_VERSION=$("$NGINX" -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')
CLK_TCK=$(getconf CLK_TCK)

WORK=$(mktemp -d /tmp/rginx-compare.XXXXXX)
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: >"$RESULTS"

source "$ROOT/benches/common.sh"

# --- ports ----------------------------------------------------------------
read -r P_PROXY P_B1 P_B2 P_WS < <(free_ports 4)
URL=http://127.0.0.1:$P_PROXY/

# --- the one configuration both proxies run -------------------------------
proxy_conf >"$WORK/nginx.conf"
for p in $PROXIES; do
    mkdir -p "$WORK/$p/logs"
    cp "$WORK/nginx.conf" "$WORK/$p/nginx.conf"
done

# --- backends -------------------------------------------------------------
declare -A BACKEND
start_backend() { # name mode port
    "${ON_LOAD[@]}" "$TOOLS/bench_backend" "$2" "127.0.0.1:$3" 2>>"$WORK/backends.log" &
    BACKEND[$1]=$!
    STARTED+=($!)
    wait_port "$3" || die "backend $1 did not start"
}

# --- proxies (started and stopped by common.sh) --------------------------
mem_kb() { # VmRSS and Pss (kB) summed over the proxy's processes
    local r=0 s=0 p v
    for p in $(tree "$1"); do
        v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null)
        r=$((r + ${v:-0}))
        v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null)
        s=$((s + ${v:-0}))
    done
    echo "$r $s"
}

run_wrk() { # output-file seconds [extra wrk args]
    local f=$1 d=$2
    shift 2
    "${ON_LOAD[@]}" wrk -t1 -c"$CONNS" -d"${d}s" --latency "$@" "$URL" >"$f" 2>&1
}

# --- 1-3: HTTP keep-alive and a connection per request --------------------
http_bench() { # ka|close
    local mode=$1 r p args=() c0 c1 req rps p50 p99 err f
    [ "$mode" = close ] && args=(-H "Connection: close")
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            start_proxy "$p"
            run_wrk "$WORK/warm.txt" "$WARMUP" "${args[@]}"
            f=$OUT/wrk-$mode-$p-$r.txt
            c0=$(cpu_ticks "$PROXY_PID")
            run_wrk "$f" "$DURATION" "${args[@]}"
            c1=$(cpu_ticks "$PROXY_PID")
            stop_proxy
            read -r req rps p50 p99 err < <(parse_wrk "$f")
            rec "$mode" rps "$p" "$r" "$rps"
            rec "$mode" p50_ms "$p" "$r" "$p50"
            rec "$mode" p99_ms "$p" "$r" "$p99"
            rec "$mode" cpu_us_per_req "$p" "$r" \
                "$(awk -v c=$((c1 - c0)) -v n="$req" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", n ? c * 1e6 / t / n : 0}')"
            rec "$mode" errors "$p" "$r" "$err"
            printf '  %-5s round %d %-6s %8s rps  p50 %6s ms  p99 %7s ms  cpu %5s ticks  errors %s\n' \
                "$mode" "$r" "$p" "$rps" "$p50" "$p99" $((c1 - c0)) "$err"
        done
    done
}

# --- 4: WebSocket echo ----------------------------------------------------
ws_bench() {
    local r p c0 c1 line msgs rate errs
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            start_proxy "$p"
            "${ON_LOAD[@]}" "$TOOLS/ws_load" echo "127.0.0.1:$P_PROXY" /ws "$WS_CONNS" "$WARMUP" "$WS_SIZE" >/dev/null
            c0=$(cpu_ticks "$PROXY_PID")
            line=$("${ON_LOAD[@]}" "$TOOLS/ws_load" echo "127.0.0.1:$P_PROXY" /ws "$WS_CONNS" "$DURATION" "$WS_SIZE")
            c1=$(cpu_ticks "$PROXY_PID")
            stop_proxy
            msgs=$(sed -n 's/.*messages=\([0-9]*\).*/\1/p' <<<"$line")
            rate=$(sed -n 's/.*rate=\([0-9]*\).*/\1/p' <<<"$line")
            errs=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$line")
            rec ws msgs_per_s "$p" "$r" "${rate:-0}"
            rec ws cpu_us_per_msg "$p" "$r" \
                "$(awk -v c=$((c1 - c0)) -v n="${msgs:-0}" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", n ? c * 1e6 / t / n : 0}')"
            rec ws errors "$p" "$r" "${errs:-0}"
            printf '  ws    round %d %-6s %s  cpu %s ticks\n' "$r" "$p" "$line" $((c1 - c0))
        done
    done
}

# --- 5: idle WebSocket connections ----------------------------------------
idle_bench() {
    local n p r base rss pss f client i ready
    for n in $IDLE; do
        for p in $PROXIES; do
            start_proxy "$p"
            read -r base _ < <(mem_kb "$PROXY_PID")
            f=$WORK/idle-$p-$n.txt
            "${ON_LOAD[@]}" "$TOOLS/ws_load" idle "127.0.0.1:$P_PROXY" /ws "$n" 600 >"$f" 2>&1 &
            client=$!
            STARTED+=("$client")
            ready=
            for i in $(seq 1200); do
                ready=$(sed -n 's/^ready=\([0-9]*\).*/\1/p' "$f")
                [ -n "$ready" ] && break
                kill -0 "$client" 2>/dev/null || break
                sleep 0.1
            done
            sleep 1
            read -r rss pss < <(mem_kb "$PROXY_PID")
            stop_tree "$client"
            stop_proxy
            rec idle$n rss_base_kb "$p" 1 "$base"
            rec idle$n rss_kb "$p" 1 "$rss"
            rec idle$n pss_kb "$p" 1 "$pss"
            rec idle$n open "$p" 1 "${ready:-0}"
            rec idle$n kb_per_conn "$p" 1 \
                "$(awk -v a="$rss" -v b="$base" -v n="${ready:-0}" 'BEGIN{printf "%.2f", n ? (a - b) / n : 0}')"
            printf '  idle  %5d %-6s open %s  RSS %s kB (base %s kB)  PSS %s kB\n' \
                "$n" "$p" "${ready:-0}" "$rss" "$base" "$pss"
        done
    done
}

# --- 7a: reload every second under load -----------------------------------
reload_bench() {
    local r p w i req rps p50 p99 err f h0 h1
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            start_proxy "$p"
            f=$OUT/wrk-reload-$p-$r.txt
            h0=$(grep -c "SIGHUP) received" "$WORK/$p/logs/error.log")
            run_wrk "$f" "$DURATION" &
            w=$!
            STARTED+=("$w")
            for i in $(seq $((DURATION - 1))); do
                sleep 1
                kill -HUP "$PROXY_PID"
            done
            wait "$w"
            h1=$(grep -c "SIGHUP) received" "$WORK/$p/logs/error.log")
            stop_proxy
            read -r req rps p50 p99 err < <(parse_wrk "$f")
            rec reload failed "$p" "$r" "$err"
            rec reload requests "$p" "$r" "$req"
            rec reload reloads_logged "$p" "$r" $((h1 - h0))
            printf '  reload round %d %-6s %s requests, %s failed; %s HUPs sent, %s reloads logged; %s\n' \
                "$r" "$p" "$req" "$err" $((DURATION - 1)) $((h1 - h0)) \
                "$(grep -h -e 'Socket errors' -e 'Non-2xx' "$f" | sed 's/^ *//' | tr '\n' ' ')"
        done
    done
}

# --- 7b: a backend killed under load --------------------------------------
kill_bench() {
    local r p w req rps p50 p99 err f
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            stop_tree "${BACKEND[b2]}"
            start_backend b2 http "$P_B2"
            start_proxy "$p"
            f=$OUT/wrk-kill-$p-$r.txt
            run_wrk "$f" "$DURATION" &
            w=$!
            STARTED+=("$w")
            sleep $((DURATION / 2))
            kill -KILL "${BACKEND[b2]}"
            wait "${BACKEND[b2]}" 2>/dev/null
            wait "$w"
            stop_proxy
            read -r req rps p50 p99 err < <(parse_wrk "$f")
            rec kill failed "$p" "$r" "$err"
            rec kill requests "$p" "$r" "$req"
            printf '  kill  round %d %-6s %s requests, %s failed; %s\n' "$r" "$p" "$req" "$err" \
                "$(grep -h -e 'Socket errors' -e 'Non-2xx' "$f" | sed 's/^ *//' | tr '\n' ' ')"
        done
    done
    stop_tree "${BACKEND[b2]}"
    start_backend b2 http "$P_B2"
}

# --- run -------------------------------------------------------------------
{
    echo "rginx vs nginx — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nginx: $NGINX ($("$NGINX" -v 2>&1 | sed 's/.*: //'))"
    echo "rginx: $RGINX ($("$RGINX" -v 2>&1 | sed 's/.*: //'); git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)), --nginx-version $NGX_VERSION"
    echo "machine: $(nproc) cores; worker_processes 1 both (nginx: master + 1 worker; rginx: 1 thread, a current-thread tokio runtime); worker_connections $WORKER_CONNECTIONS; pin=$PIN"
    echo "load: wrk -t1 -c$CONNS -d${DURATION}s --latency (after ${WARMUP}s warm-up); ws_load $WS_CONNS connections, ${WS_SIZE}-byte messages, ping-pong"
    echo "rounds: $ROUNDS, each nginx, rginx, nginx2 (nginx2 = the same nginx again: the noise band)"
} | tee "$OUT/header.txt"
echo "config: $OUT/nginx.conf; raw results: $RESULTS"
cp "$WORK/nginx.conf" "$OUT/nginx.conf"

start_backend b1 http "$P_B1"
start_backend b2 http "$P_B2"
start_backend ws ws "$P_WS"

for s in $ONLY; do
    case $s in
    ka) echo "== HTTP/1.1 keep-alive"; http_bench ka ;;
    close) echo "== a new connection per request"; http_bench close ;;
    ws) echo "== WebSocket echo"; ws_bench ;;
    idle) [ -n "$IDLE" ] && { echo "== idle WebSocket connections"; idle_bench; } ;;
    reload) echo "== reload (HUP) every second under load"; reload_bench ;;
    kill) echo "== one of two backends killed under load"; kill_bench ;;
    *) die "unknown scenario $s" ;;
    esac
done

python3 - "$RESULTS" <<'EOF' | tee "$OUT/table.txt"
import collections, statistics, sys
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    scen, metric, proxy, rnd, val = line.rstrip("\n").split("\t")
    rows.setdefault((scen, metric), collections.defaultdict(list))[proxy].append(float(val))
better = {"rps": "higher", "msgs_per_s": "higher", "open": "higher", "requests": "higher"}
names = {
    "ka": "keep-alive", "close": "conn/request", "ws": "websocket",
    "reload": "reload/1s", "kill": "backend killed",
}
def fmt(v):
    if v is None: return "-"
    if abs(v) >= 1000 or v == int(v): return f"{v:,.0f}"
    return f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"
def med(xs): return statistics.median(xs) if xs else None
print()
print(f"{'scenario':<15} {'metric':<15} {'nginx':>10} {'rginx':>10} {'nginx2':>10} {'rginx/nginx':>11} {'nginx2/nginx':>12}  runs (nginx | rginx | nginx2)")
for (scen, metric), by in rows.items():
    n, r, n2 = (med(by.get(p, [])) for p in ("nginx", "rginx", "nginx2"))
    sums = metric in ("failed", "errors", "requests", "reloads_logged")
    if sums:
        n, r, n2 = (sum(by.get(p, [])) for p in ("nginx", "rginx", "nginx2"))
    ratio = lambda a, b: f"{a / b:.2f}" if a is not None and b else "-"
    runs = " | ".join(",".join(fmt(x) for x in by.get(p, [])) for p in ("nginx", "rginx", "nginx2"))
    label = names.get(scen, scen.replace("idle", "idle WS "))
    print(f"{label:<15} {metric + (' (sum)' if sums else ''):<15} {fmt(n):>10} {fmt(r):>10} {fmt(n2):>10} {ratio(r, n):>11} {ratio(n2, n):>12}  {runs}")
# Failures a plain keep-alive run already has (same wrk load, no reload and
# no kill) are not the reload's or the kill's doing: show what is left.
base = rows.get(("ka", "errors"), {})
for scen in ("reload", "kill"):
    by = rows.get((scen, "failed"))
    if not by:
        continue
    out = []
    for p in ("nginx", "rginx", "nginx2"):
        runs = by.get(p, [])
        b = med(base.get(p, [])) or 0
        out.append(sum(max(0, x - b) for x in runs) if runs else None)
    label = names[scen]
    print(f"{label:<15} {'failed-ka_base':<15} {fmt(out[0]):>10} {fmt(out[1]):>10} {fmt(out[2]):>10}"
          f"  (failed minus the median errors of a keep-alive run of the same proxy)")
print()
print("Figures are medians over the rounds (sums for errors/failed/requests).")
print("rps, msgs_per_s: higher is better; latency, cpu_us_*, kB: lower is better.")
EOF
