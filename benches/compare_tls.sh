#!/usr/bin/env bash
# nginx vs rginx over TLS, side by side, in the manner of benches/compare.sh:
# the same nginx.conf, worker_processes 1 for both, the same fast backends
# (benches/tools/bench_backend.rs), fresh proxy processes for every run, runs
# alternated within each round as nginx, rginx, nginx2 — nginx2 being the
# same nginx binary again, so nginx2/nginx is the noise band to read the
# rginx/nginx ratios against.
#
# Measures:
#   h2  HTTP/2 over TLS through the proxy to the backends:
#       h2load -t1 -c50 -m10 -D DURATION (after a WARMUP run), requests/s,
#       p50/p99 from h2load's --log-file (time until the end of each
#       response), proxy CPU (utime+stime of every process of the proxy,
#       /proc/PID/stat) per request
#   hs  a new TLS connection per request, so a full handshake each:
#       wrk -t1 -c50 -H "Connection: close" https://... (wrk sends no ALPN,
#       so HTTP/1.1; it makes a fresh SSL object per connection and never
#       offers a session, and the server has ssl_session_tickets off and no
#       session cache, so no resumption either way), handshakes/s = rps,
#       p50/p99, proxy CPU per handshake
#
# The certificate is a self-signed RSA 2048 one made with `openssl req` in
# the temp dir. The server is `listen ... ssl http2;`: the spelling nginx
# 1.22 knows (its `http2 on;` directive came in 1.25.1) and which rginx
# accepts too (as well as `http2 on;`). `ssl_protocols TLSv1.2 TLSv1.3`
# is set because nginx 1.22's default leaves TLSv1.3 out (it came in with
# 1.23.4), so both clients negotiate TLSv1.3; `keepalive_requests 1000000`
# because otherwise nginx ends every HTTP/2 connection after 1000 requests
# (GOAWAY), and h2load counts the streams caught in flight as failed.
#
# Everything binds 127.0.0.1 on free high ports, every process started is
# stopped on exit, and the script ends by itself (ROUNDS x 3 x 2 runs of
# WARMUP+DURATION seconds: about 3 minutes with the defaults).
#
# Usage: benches/compare_tls.sh          (builds the release binaries first)
# Environment:
#   NGINX=/usr/sbin/nginx  RGINX=target/release/rginx  NO_BUILD=1
#   ROUNDS=2  DURATION=6 (s per measured run)  WARMUP=2 (s)
#   CONNS=50 (connections, both scenarios)  STREAMS=10 (h2load -m)
#   PIN=1     proxy on CPU 1, load and backends on CPU 0 (default: unpinned)
#   OUT=target/bench-compare-tls   where results.tsv, table.txt and logs go
#   ONLY="h2 hs"   a subset of the scenarios

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NGINX=${NGINX:-/usr/sbin/nginx}
RGINX=${RGINX:-$TARGET/release/rginx}
TOOLS=$TARGET/release/examples
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-2}
CONNS=${CONNS:-50}
STREAMS=${STREAMS:-10}
PIN=${PIN:-0}
OUT=${OUT:-$TARGET/bench-compare-tls}
ONLY=${ONLY:-"h2 hs"}
PROXIES="nginx rginx nginx2"

die() { echo "compare_tls.sh: $*" >&2; exit 1; }
for t in wrk h2load openssl curl python3 ps; do
    command -v "$t" >/dev/null || die "$t is needed (h2load: apt-get install nghttp2-client)"
done
[ -x "$NGINX" ] || die "no nginx at $NGINX (set NGINX=)"

if [ "${NO_BUILD:-0}" != 1 ]; then
    (cd "$ROOT" && cargo build --release --bin rginx --example bench_backend) \
        || die "build failed"
fi
[ -x "$RGINX" ] || die "no rginx at $RGINX"
[ -x "$TOOLS/bench_backend" ] || die "no bench_backend in $TOOLS"

ulimit -n "$(ulimit -Hn)" 2>/dev/null
NGX_VERSION=$("$NGINX" -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')
CLK_TCK=$(getconf CLK_TCK)

WORK=$(mktemp -d /tmp/rginx-compare-tls.XXXXXX)
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: >"$RESULTS"

source "$ROOT/benches/common.sh"

# --- ports ----------------------------------------------------------------
read -r P_PROXY P_B1 P_B2 < <(free_ports 3)
URL=https://127.0.0.1:$P_PROXY/

# --- certificate and the one configuration both proxies run ---------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>"$WORK/openssl.log" \
    || die "openssl req failed: $(cat "$WORK/openssl.log")"

cat >"$WORK/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log notice;

events {
    worker_connections 4096;
}

http {
    access_log off;

    upstream http_backend {
        server 127.0.0.1:$P_B1;
        server 127.0.0.1:$P_B2;
        keepalive 32;
    }

    server {
        listen 127.0.0.1:$P_PROXY ssl http2;
        ssl_certificate $WORK/cert.pem;
        ssl_certificate_key $WORK/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_tickets off;
        keepalive_requests 1000000;

        location / {
            proxy_pass http://http_backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
CONF
for p in $PROXIES; do
    mkdir -p "$WORK/$p/logs"
    cp "$WORK/nginx.conf" "$WORK/$p/nginx.conf"
done

# --- backends -------------------------------------------------------------
start_backend() { # mode port
    "${ON_LOAD[@]}" "$TOOLS/bench_backend" "$1" "127.0.0.1:$2" 2>>"$WORK/backends.log" &
    STARTED+=($!)
    wait_port "$2" || die "backend on $2 did not start"
}

# --- proxies (started and stopped by common.sh) --------------------------
per() { awk -v c="$1" -v n="$2" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", n ? c * 1e6 / t / n : 0}'; }

# --- h2: HTTP/2 over TLS ---------------------------------------------------
# h2load's summary: requests done, req/s, errors (failed + errored + timeout
# + non-2xx); latencies from the per-request log (3rd column, µs).
parse_h2load() { # summary-file log-file
    local req rps err p50 p99
    read -r req rps err < <(awk '
        /^finished in/ { rps = $4 }
        /^requests:/ { ok = $8; bad = $10 }  # failed: errored and timed out included
        /^status codes:/ { non2xx = $5 + $7 + $9 }
        END { printf "%d %.0f %d\n", ok, rps, bad + non2xx }' "$1")
    read -r p50 p99 < <(sort -n -k3,3 "$2" | awk '{ v[NR] = $3 }
        END {
            if (!NR) { print "0 0"; exit }
            a = int(NR * 0.5); if (a < 1) a = 1
            b = int(NR * 0.99); if (b < 1) b = 1
            printf "%.3f %.3f\n", v[a] / 1000, v[b] / 1000
        }')
    echo "$req $rps $p50 $p99 $err"
}
run_h2load() { # summary-file log-file seconds
    "${ON_LOAD[@]}" h2load -t1 -c"$CONNS" -m"$STREAMS" -D "$3" --log-file="$2" "$URL" >"$1" 2>&1
}
h2_bench() {
    local r p c0 c1 req rps p50 p99 err f
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            start_proxy "$p"
            run_h2load "$WORK/warm.txt" "$WORK/warm.log" "$WARMUP"
            f=$OUT/h2load-$p-$r
            c0=$(cpu_ticks "$PROXY_PID")
            run_h2load "$f.txt" "$WORK/h2.log" "$DURATION"
            c1=$(cpu_ticks "$PROXY_PID")
            stop_proxy
            read -r req rps p50 p99 err < <(parse_h2load "$f.txt" "$WORK/h2.log")
            rec h2 rps "$p" "$r" "$rps"
            rec h2 p50_ms "$p" "$r" "$p50"
            rec h2 p99_ms "$p" "$r" "$p99"
            rec h2 cpu_us_per_req "$p" "$r" "$(per $((c1 - c0)) "$req")"
            rec h2 errors "$p" "$r" "$err"
            printf '  h2    round %d %-6s %8s rps  p50 %6s ms  p99 %7s ms  cpu %5s ticks  errors %s  (%s)\n' \
                "$r" "$p" "$rps" "$p50" "$p99" $((c1 - c0)) "$err" \
                "$(grep -h -o -e 'TLS Protocol: .*' -e 'Application protocol: .*' "$f.txt" | tr '\n' ' ')"
        done
    done
}

# --- hs: a full TLS handshake per request ----------------------------------
run_wrk() { # output-file seconds
    "${ON_LOAD[@]}" wrk -t1 -c"$CONNS" -d"${2}s" --latency -H "Connection: close" "$URL" >"$1" 2>&1
}
hs_bench() {
    local r p c0 c1 req rps p50 p99 err f
    for r in $(seq "$ROUNDS"); do
        for p in $PROXIES; do
            start_proxy "$p"
            run_wrk "$WORK/warm.txt" "$WARMUP"
            f=$OUT/wrk-hs-$p-$r.txt
            c0=$(cpu_ticks "$PROXY_PID")
            run_wrk "$f" "$DURATION"
            c1=$(cpu_ticks "$PROXY_PID")
            stop_proxy
            read -r req rps p50 p99 err < <(parse_wrk "$f")
            rec hs hs_per_s "$p" "$r" "$rps"
            rec hs p50_ms "$p" "$r" "$p50"
            rec hs p99_ms "$p" "$r" "$p99"
            rec hs cpu_us_per_hs "$p" "$r" "$(per $((c1 - c0)) "$req")"
            rec hs errors "$p" "$r" "$err"
            printf '  hs    round %d %-6s %8s hs/s  p50 %6s ms  p99 %7s ms  cpu %5s ticks  errors %s\n' \
                "$r" "$p" "$rps" "$p50" "$p99" $((c1 - c0)) "$err"
        done
    done
}

# --- run -------------------------------------------------------------------
{
    echo "rginx vs nginx over TLS — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nginx: $NGINX ($("$NGINX" -v 2>&1 | sed 's/.*: //'); $("$NGINX" -V 2>&1 | grep -o 'built with OpenSSL [0-9.a-z]*'))"
    echo "rginx: $RGINX ($("$RGINX" -v 2>&1 | sed 's/.*: //'); git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)), --nginx-version $NGX_VERSION"
    echo "machine: $(nproc) cores; worker_processes 1 both; pin=$PIN; certificate: self-signed RSA 2048"
    echo "load: h2: h2load -t1 -c$CONNS -m$STREAMS -D $DURATION; hs: wrk -t1 -c$CONNS -d${DURATION}s --latency -H 'Connection: close' (each after a ${WARMUP}s warm-up run)"
    echo "rounds: $ROUNDS, each nginx, rginx, nginx2 (nginx2 = the same nginx again: the noise band)"
} | tee "$OUT/header.txt"
echo "config: $OUT/nginx.conf; raw results: $RESULTS"
cp "$WORK/nginx.conf" "$OUT/nginx.conf"

start_backend http "$P_B1"
start_backend http "$P_B2"

for s in $ONLY; do
    case $s in
    h2) echo "== HTTP/2 over TLS"; h2_bench ;;
    hs) echo "== a full TLS handshake per request"; hs_bench ;;
    *) die "unknown scenario $s" ;;
    esac
done

python3 - "$RESULTS" <<'EOF' | tee "$OUT/table.txt"
import collections, statistics, sys
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    scen, metric, proxy, rnd, val = line.rstrip("\n").split("\t")
    rows.setdefault((scen, metric), collections.defaultdict(list))[proxy].append(float(val))
better = {"rps": "higher", "msgs_per_s": "higher", "open": "higher", "requests": "higher", "hs_per_s": "higher"}
names = {"h2": "h2 over TLS", "hs": "TLS handshake"}
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
print()
print("Figures are medians over the rounds (sums for errors/failed/requests).")
print("rps, msgs_per_s: higher is better; latency, cpu_us_*, kB: lower is better.")
EOF
