#!/usr/bin/env bash
# Instructions per proxied request: rginx under valgrind's callgrind, with
# compare.sh's configuration (the same nginx.conf: worker_processes 1, two
# upstream servers, keepalive 32), behind it a backend that is not under
# valgrind.
#
# A client sends a fixed number of requests, one at a time; rginx is then
# stopped (SIGTERM) and callgrind's total instruction count (Ir) read. Two
# runs, N1 and N2 requests, a fresh rginx each, give
#
#     (Ir(N2) - Ir(N1)) / (N2 - N1)   instructions per proxied request
#
# with start-up, configuration loading and shutdown cancelled out. Only
# instructions run in user space count (not the kernel's side of system
# calls); valgrind's instruction set is the machine's, so compare figures
# from one machine and one valgrind.
#
# Lock-step, so the figure does not depend on timing: the client sends a
# request (or opens a connection) and the backend answers one only once
# rginx's thread is parked in epoll_wait (read from /proc/PID/task/PID/
# syscall). Without that, how often rginx's event loop parks and wakes per
# request depends on whether the next event has already arrived (rginx
# under valgrind is some 50 times slower than the others), and the figure
# moved by 1-2 % between runs. The backend is a small Python server giving
# the same response bytes as compare.sh's bench_backend (200, "ok", keeps
# the connection); the client checks every response.
#
# rginx's worker is a thread of its one process (no fork, no exec), so
# callgrind needs no --trace-children; threads are summed (no
# --separate-threads).
#
# Scenarios:
#   ka      HTTP/1.1 keep-alive: one client connection at a time, reopened
#           when rginx closes it (keepalive_requests, 1000 by default)
#   close   a new connection per request ("Connection: close", as
#           compare.sh's wrk -H "Connection: close"); the client reads
#           rginx's close before it closes and connects again
# Each scenario's pair of runs is repeated REPEAT times; the line printed
# for it gives the median and the spread ((max - min) / median).
#
# Usage: benches/callgrind.sh [--annotate DIR]      (about 3 minutes)
#   --annotate DIR   also keep every run's callgrind output in DIR
#                    (callgrind.out.SCENARIO-N-REPEAT), callgrind_annotate's
#                    listings of the last N2 run (SCENARIO-N2-inclusive.txt,
#                    SCENARIO-N2-exclusive.txt), and the functions'
#                    inclusive and exclusive instructions per request (the
#                    last N2 run minus the last N1 run, over N2 - N1; per
#                    function name and object, inlined files merged):
#                    SCENARIO-per-request.txt
# Environment:
#   RGINX=target/release/rginx   the binary measured (not built here)
#   NGINX=/usr/sbin/nginx        only for its version (--nginx-version)
#   N1=2000 N2=6000   requests in the two runs   REPEAT=3
#   ONLY="ka close"   OUT=target/bench-callgrind (summary.txt, results.tsv, logs)
#   VALGRIND=valgrind

set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NGINX=${NGINX:-/usr/sbin/nginx}
RGINX=${RGINX:-$TARGET/release/rginx}
VALGRIND=${VALGRIND:-valgrind}
N1=${N1:-2000}
N2=${N2:-6000}
REPEAT=${REPEAT:-3}
ONLY=${ONLY:-"ka close"}
OUT=${OUT:-$TARGET/bench-callgrind}
ANNOTATE=
# shellcheck disable=SC2034 # common.sh's cleanup copies these proxies' logs
PROXIES=rginx

die() { echo "callgrind.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case $1 in
    --annotate) [ $# -ge 2 ] || die "--annotate needs a directory"; ANNOTATE=$2; shift 2 ;;
    --annotate=*) ANNOTATE=${1#--annotate=}; shift ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
done
for t in "$VALGRIND" python3 ps; do
    command -v "$t" >/dev/null || die "$t is needed"
done
[ -z "$ANNOTATE" ] || command -v callgrind_annotate >/dev/null || die "callgrind_annotate is needed"
[ -x "$NGINX" ] || die "no nginx at $NGINX (set NGINX=)"
[ -x "$RGINX" ] || die "no rginx at $RGINX (set RGINX=)"
[ "$N2" -gt "$N1" ] 2>/dev/null || die "N2 must be greater than N1"
RGINX=$(cd "$(dirname "$RGINX")" && pwd)/$(basename "$RGINX")

NGX_VERSION=$("$NGINX" -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')
WORKER_CONNECTIONS=16384

WORK=$(mktemp -d /tmp/rginx-callgrind.XXXXXX)
mkdir -p "$OUT" "$WORK/rginx/logs"
if [ -n "$ANNOTATE" ]; then
    mkdir -p "$ANNOTATE" || die "cannot create $ANNOTATE"
    ANNOTATE=$(cd "$ANNOTATE" && pwd)
fi
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.tsv
: >"$RESULTS"
: >"$OUT/summary.txt"

# shellcheck source=benches/common.sh
source "$ROOT/benches/common.sh"

read -r P_PROXY P_B1 P_B2 P_WS < <(free_ports 4)

# --- compare.sh's configuration (common.sh) --------------------------------
proxy_conf >"$WORK/rginx/nginx.conf"

# --- client and backend, in lock-step with rginx ---------------------------
cat >"$WORK/lockstep.py" <<'PY'
import os, selectors, socket, sys, time

EPOLL_WAIT = {"232", "281", "441"}  # x86-64 epoll_wait, epoll_pwait, epoll_pwait2

def alive(pid):
    if not os.path.exists(f"/proc/{pid}"):
        sys.exit(f"lockstep: rginx (pid {pid}) has exited")

def parked(pid):
    # rginx's one thread blocked in epoll_wait with a timeout other than 0.
    try:
        with open(f"/proc/{pid}/task/{pid}/syscall") as f:
            a = f.read().split()
    except OSError:
        return False
    return len(a) > 4 and a[0] in EPOLL_WAIT and int(a[4], 16) != 0

def wait_idle(pid):
    deadline = time.monotonic() + 60
    seen = 0
    while seen < 2:  # twice in a row, 0.2 ms apart
        if time.monotonic() > deadline:
            sys.exit("lockstep: rginx never went idle")
        alive(pid)
        seen = seen + 1 if parked(pid) else 0
        time.sleep(0.0002)

def header(lines, name):
    for l in lines[1:]:
        k, _, v = l.partition(b":")
        if k.strip().lower() == name:
            return v.strip().lower()
    return None

def client(port, n, mode, pid):
    req = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    req += b"Connection: close\r\n\r\n" if mode == "close" else b"\r\n"
    s, buf, conns, done = None, b"", 0, 0
    while done < n:
        if s is None:
            deadline = time.monotonic() + (300 if conns == 0 else 10)
            while True:
                if conns:
                    wait_idle(pid)
                s = socket.socket()
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                try:
                    s.connect(("127.0.0.1", port))
                    break
                except ConnectionRefusedError:
                    # rginx under valgrind takes seconds to start; a refused
                    # connection never reaches it.
                    s.close()
                    alive(pid)
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            buf = b""
            conns += 1
        wait_idle(pid)
        s.sendall(req)
        while b"\r\n\r\n" not in buf:
            d = s.recv(65536)
            if not d:
                sys.exit(f"lockstep: connection closed before a response (request {done + 1})")
            buf += d
        head, buf = buf.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        if not lines[0].startswith(b"HTTP/1.1 200 "):
            sys.exit(f"lockstep: request {done + 1}: {lines[0]!r}")
        length = header(lines, b"content-length")
        if length is None:
            sys.exit(f"lockstep: request {done + 1}: no Content-Length")
        while len(buf) < int(length):
            d = s.recv(65536)
            if not d:
                sys.exit(f"lockstep: connection closed in a body (request {done + 1})")
            buf += d
        if buf[:int(length)] != b"ok":
            sys.exit(f"lockstep: request {done + 1}: body {buf[:int(length)]!r}")
        buf = buf[int(length):]
        done += 1
        if mode == "close" or header(lines, b"connection") == b"close":
            while s.recv(65536):  # rginx's close first: no overlap
                pass
            s.close()
            s = None
    if s is not None:
        s.close()
    wait_idle(pid)
    print(done, conns)

RESPONSE = (b"HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/plain\r\n"
            b"Content-Length: 2\r\n\r\nok")

def backend(pidfile, ports):
    # Every request head gets RESPONSE, sent once rginx is parked waiting
    # for it; connections stay open until the peer closes them.
    sel = selectors.DefaultSelector()
    for p in ports:
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("127.0.0.1", p))
        ls.listen(128)
        sel.register(ls, selectors.EVENT_READ, None)
    while True:
        for key, _ in sel.select():
            if key.data is None:
                c, _ = key.fileobj.accept()
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sel.register(c, selectors.EVENT_READ, [b""])
                continue
            c, st = key.fileobj, key.data
            try:
                d = c.recv(65536)
            except OSError:
                d = b""
            if not d:
                sel.unregister(c)
                c.close()
                continue
            st[0] += d
            while b"\r\n\r\n" in st[0]:
                _, st[0] = st[0].split(b"\r\n\r\n", 1)
                try:
                    with open(pidfile) as f:
                        wait_idle(int(f.read()))
                except (OSError, ValueError):
                    pass
                c.sendall(RESPONSE)

if sys.argv[1] == "client":
    client(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
else:
    backend(sys.argv[2], [int(p) for p in sys.argv[3:]])
PY

python3 "$WORK/lockstep.py" backend "$WORK/rginx.pid" "$P_B1" "$P_B2" 2>>"$WORK/backend.log" &
STARTED+=($!)
{ wait_port "$P_B1" && wait_port "$P_B2"; } || die "the backend did not start"

# --- one run: a fresh rginx under callgrind, n requests, its Ir ------------
RUN_IR=
RUN_CONNS=
cg_run() { # scenario n callgrind-output
    local mode=$1 n=$2 cgout=$3 pid line _
    rm -f "$cgout" "$WORK/rginx/logs/nginx.pid"
    "$VALGRIND" --tool=callgrind --trace-children=no --callgrind-out-file="$cgout" \
        --log-file="$WORK/rginx/logs/valgrind.log" \
        "$RGINX" --nginx-version "$NGX_VERSION" -p "$WORK/rginx/" -c nginx.conf \
        -e "$WORK/rginx/logs/error.log" >>"$WORK/rginx/logs/stdout.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    echo "$pid" >"$WORK/rginx.pid"
    line=$(python3 "$WORK/lockstep.py" client "$P_PROXY" "$n" "$mode" "$pid") || {
        stop_tree "$pid"
        tail -n 20 "$WORK/rginx/logs/valgrind.log" "$WORK/rginx/logs/error.log" "$WORK/backend.log" >&2
        die "$mode: the client failed"
    }
    RUN_CONNS=${line#* }
    # SIGTERM: rginx exits at once, then callgrind writes its output; that
    # may take longer than stop_tree's 5 s.
    kill -TERM "$pid"
    for _ in $(seq 1200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && { stop_tree "$pid"; die "rginx did not exit after SIGTERM"; }
    wait "$pid" 2>/dev/null
    rm -f "$WORK/rginx.pid"
    RUN_IR=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$cgout")
    [ -n "$RUN_IR" ] || die "no summary in $cgout (see $OUT/logs-rginx/valgrind.log)"
}

annotate() { # scenario cg-n1 cg-n2
    local mode=$1 a=$ANNOTATE
    callgrind_annotate --inclusive=yes "$3" >"$a/$mode-$N2-inclusive.txt" 2>&1
    callgrind_annotate "$3" >"$a/$mode-$N2-exclusive.txt" 2>&1
    python3 - "$2" "$3" $((N2 - N1)) "$mode" "$N1" "$N2" >"$a/$mode-per-request.txt" <<'PY'
import collections, re, sys

def load(path):
    """Exclusive and inclusive Ir per function (name [object]) from a
    callgrind output file, with its name compression ("fn=(id) name" the
    first time, "fn=(id)" after)."""
    ids, excl, incl = {}, collections.Counter(), collections.Counter()
    ob = cob = fn = cfn = call = None
    def name(kind, rest):
        m = re.match(r"\((\d+)\)(?: (.*))?$", rest.rstrip("\n"))
        if not m:
            return rest.rstrip("\n")
        if m.group(2) is not None:
            ids[kind, m.group(1)] = m.group(2)
        return ids[kind, m.group(1)]
    for line in open(path, errors="replace"):
        c = line[:1]
        if c.isdigit() or c in "+-*":
            f = line.split()
            v = int(f[1]) if len(f) > 1 else 0
            if call is not None:
                # The cost line after calls=: the callee's inclusive cost.
                # A call to the same function (recursion, or one closure
                # name for several) would count twice: left out.
                if call != fn:
                    incl[fn] += v
                call = None
            else:
                excl[fn] += v
                incl[fn] += v
        elif line.startswith("ob="):
            ob = name("ob", line[3:]).rsplit("/", 1)[-1]
        elif line.startswith("fn="):
            fn = f"{name('fn', line[3:])}  [{ob}]"
        elif line.startswith("cob="):
            cob = name("ob", line[4:]).rsplit("/", 1)[-1]
        elif line.startswith("cfn="):
            cfn = name("fn", line[4:])
        elif line.startswith("calls="):
            call = f"{cfn}  [{cob or ob}]"
            cob = None
    return excl, incl

(e1, i1), (e2, i2) = load(sys.argv[1]), load(sys.argv[2])
d, mode, n1, n2 = int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
for what, a, b in (("inclusive", i1, i2), ("exclusive", e1, e2)):
    rows = sorted(((b[f] - a[f]) / d, f) for f in set(a) | set(b))
    rows.reverse()
    print(f"{mode}: {what} instructions per request, (Ir({n2} requests) - Ir({n1})) / {d}")
    for v, f in rows[:60]:
        print(f"{v:10,.0f}  {f}")
    print()
PY
}

# --- run -------------------------------------------------------------------
{
    echo "rginx instructions per proxied request (callgrind) — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "rginx: $RGINX ($("$RGINX" -v 2>&1 | sed 's/.*: //')), --nginx-version $NGX_VERSION; this script at git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "$("$VALGRIND" --version) --tool=callgrind; backend: lock-step Python server, not under valgrind"
    echo "requests: N1=$N1, N2=$N2, one at a time, each sent once rginx is idle; $REPEAT repeats"
} | tee "$OUT/header.txt"
cp "$WORK/rginx/nginx.conf" "$OUT/nginx.conf"

# Not a pipeline: the runs must start from this shell (cleanup stops them).
for mode in $ONLY; do
    case $mode in
    ka) label=keep-alive ;;
    close) label=conn/request ;;
    *) die "unknown scenario $mode" ;;
    esac
    per=()
    for r in $(seq "$REPEAT"); do
        cg_run "$mode" "$N1" "$WORK/cg.$mode.1"
        ir1=$RUN_IR c1=$RUN_CONNS
        [ -z "$ANNOTATE" ] || cp "$WORK/cg.$mode.1" "$ANNOTATE/callgrind.out.$mode-$N1-$r"
        cg_run "$mode" "$N2" "$WORK/cg.$mode.2"
        ir2=$RUN_IR c2=$RUN_CONNS
        [ -z "$ANNOTATE" ] || cp "$WORK/cg.$mode.2" "$ANNOTATE/callgrind.out.$mode-$N2-$r"
        p=$(awk -v a="$ir1" -v b="$ir2" -v d=$((N2 - N1)) 'BEGIN{printf "%.1f", (b - a) / d}')
        per+=("$p")
        rec "$mode" ir_n1 rginx "$r" "$ir1"
        rec "$mode" ir_n2 rginx "$r" "$ir2"
        rec "$mode" ir_per_req rginx "$r" "$p"
        printf '  %-5s repeat %d: Ir %s (%d requests, %d connections), %s (%d, %d): %s per request\n' \
            "$mode" "$r" "$ir1" "$N1" "$c1" "$ir2" "$N2" "$c2" "$p"
    done
    [ -z "$ANNOTATE" ] || annotate "$mode" "$WORK/cg.$mode.1" "$WORK/cg.$mode.2"
    python3 - "$label" "${per[@]}" >>"$OUT/summary.txt" <<'PY'
import statistics, sys
label, xs = sys.argv[1], [float(x) for x in sys.argv[2:]]
m = statistics.median(xs)
print(f"{label:<13} {m:10,.0f} instructions per proxied request"
      f"  (repeats: {', '.join(f'{x:,.0f}' for x in xs)}; spread {(max(xs) - min(xs)) / m * 100:.3f}%)")
PY
    tail -n 1 "$OUT/summary.txt"
done
echo "== summary ($OUT/summary.txt)"
cat "$OUT/summary.txt"
[ -z "$ANNOTATE" ] || echo "annotations: $ANNOTATE"
