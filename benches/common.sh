# Shared by compare.sh, compare_tls.sh and callgrind.sh (sourced, not
# run): process bookkeeping, free ports, starting and stopping a proxy, CPU
# ticks and wrk's output. The caller sets WORK, OUT, RESULTS, PROXIES, URL,
# NGINX, RGINX, NGX_VERSION, PIN and die() before using them.
# proxy_conf also needs P_PROXY, P_B1, P_B2, P_WS and WORKER_CONNECTIONS.

# --- processes: every one started is remembered and stopped on exit -----
STARTED=()
tree() { # a pid and its descendants
    local p=$1 c
    echo "$p"
    for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do tree "$c"; done
}
stop_tree() { # TERM the process and its children, KILL what is left after 5 s
    local p=$1 all i
    kill -0 "$p" 2>/dev/null || return 0
    all=$(tree "$p")
    kill -TERM $all 2>/dev/null
    for i in $(seq 50); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    for i in $all; do kill -KILL "$i" 2>/dev/null; done
    wait "$p" 2>/dev/null
    return 0
}
cleanup() {
    local i
    trap - EXIT INT TERM
    # Only those still alive and still ours (a pid may have been reused).
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        [ "$(awk '{sub(/.*\) /, ""); print $2}' "/proc/${STARTED[$i]}/stat" 2>/dev/null)" = "$$" ] &&
            stop_tree "${STARTED[$i]}"
    done
    for i in $PROXIES; do cp -r "$WORK/$i/logs" "$OUT/logs-$i" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Prefixes, not functions: a function run with & is a subshell, and $! must
# be the program itself (signals go to it).
ON_LOAD=()
ON_PROXY=()
if [ "${PIN:-0}" = 1 ]; then
    ON_LOAD=(taskset -c 0)
    ON_PROXY=(taskset -c 1)
fi

# N free ports in 20000-32000 (below the ephemeral range), on one line.
free_ports() {
    python3 - "$1" <<'PY'
import random, socket, sys
ports = []
while len(ports) < int(sys.argv[1]):
    p = random.randint(20000, 32000)
    if p in ports:
        continue
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        ports.append(p)
    except OSError:
        pass
    finally:
        s.close()
print(*ports)
PY
}

wait_port() {
    local i
    for i in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# --- the configuration compare.sh and callgrind.sh measure ----------------
# One text, so callgrind's figures are for what compare.sh times.
# shellcheck disable=SC2153 # the caller sets P_PROXY
proxy_conf() {
    cat <<EOF
daemon off;
worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log notice;

events {
    worker_connections $WORKER_CONNECTIONS;
}

http {
    access_log off;

    upstream http_backend {
        server 127.0.0.1:$P_B1;
        server 127.0.0.1:$P_B2;
        keepalive 32;
    }
    upstream ws_backend {
        server 127.0.0.1:$P_WS;
    }

    server {
        listen 127.0.0.1:$P_PROXY;

        location / {
            proxy_pass http://http_backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }

        location /ws {
            proxy_pass http://ws_backend;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 600s;
        }
    }
}
EOF
}

# --- proxies --------------------------------------------------------------
PROXY_PID=
start_proxy() { # nginx|rginx|nginx2
    local dir=$WORK/$1 i
    rm -f "$dir/logs/nginx.pid"
    case $1 in
    rginx) "${ON_PROXY[@]}" "$RGINX" --nginx-version "$NGX_VERSION" -p "$dir/" -c nginx.conf \
        -e "$dir/logs/error.log" >>"$dir/logs/stdout.log" 2>&1 & ;;
    *) "${ON_PROXY[@]}" "$NGINX" -p "$dir/" -c nginx.conf \
        -e "$dir/logs/error.log" >>"$dir/logs/stdout.log" 2>&1 & ;;
    esac
    PROXY_PID=$!
    STARTED+=("$PROXY_PID")
    for i in $(seq 100); do
        if curl -sk -o /dev/null -m 1 "$URL"; then
            # nginx: the worker is up too.
            [ "$1" = rginx ] || [ -n "$(ps -o pid= --ppid "$PROXY_PID")" ] && return 0
        fi
        kill -0 "$PROXY_PID" 2>/dev/null || break
        sleep 0.05
    done
    cat "$dir/logs/stdout.log" "$dir/logs/error.log" >&2 2>/dev/null
    die "$1 did not start"
}
stop_proxy() { stop_tree "$PROXY_PID"; PROXY_PID=; }

cpu_ticks() { # utime+stime of the proxy's processes
    local t=0 p u s
    for p in $(tree "$1"); do
        read -r u s < <(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12, $13}')
        t=$((t + ${u:-0} + ${s:-0}))
    done
    echo "$t"
}

rec() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; } # scenario metric proxy round value

# wrk's output: requests rps p50_ms p99_ms errors (socket errors + non-2xx)
parse_wrk() {
    awk '
    function ms(v) {
        if (v ~ /us$/) return v / 1000;
        if (v ~ /ms$/) return v + 0;
        if (v ~ /m$/) return v * 60000;
        if (v ~ /s$/) return v * 1000;
        return v;
    }
    / requests in / { req = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50% / { p50 = ms($2) }
    /^ +99% / { p99 = ms($2) }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    END { printf "%d %.0f %.3f %.3f %d\n", req, rps, p50, p99, err }' "$1"
}
