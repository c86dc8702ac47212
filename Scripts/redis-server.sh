#!/usr/bin/env bash
# Starts and stops throwaway redis-server processes on 127.0.0.1, for CacheRedis's tests: .ci/run
# starts the shared servers with it, and the failure tests stop, kill, pause and restart servers
# of their own with it.
#
#   Scripts/redis-server.sh start DIR [OPTION…]   start a server on a free port, data and log in DIR;
#                                                 prints the port. OPTIONs go to redis-server
#                                                 (e.g. --requirepass secret). Every write is on
#                                                 disk before it is acknowledged (AOF, fsync always).
#   Scripts/redis-server.sh start-tls DIR [OPTION…]  the same, TLS only, with a CA and a certificate
#                                                 for localhost made in DIR (DIR/ca.crt to trust)
#   Scripts/redis-server.sh stop DIR              SIGTERM, and wait until it has exited
#   Scripts/redis-server.sh kill DIR              SIGKILL (a crash), and wait until it has exited
#   Scripts/redis-server.sh pause DIR | resume DIR   SIGSTOP / SIGCONT: a server that stops answering
#   Scripts/redis-server.sh restart DIR           start again on the same port with the same options
#                                                 and the same data
set -euo pipefail

die() { echo "redis-server.sh: $*" >&2; exit 1; }
[[ $# -ge 2 ]] || die "usage: $0 start|start-tls|stop|kill|pause|resume|restart DIR [OPTION…]"
command=$1
dir=$2
shift 2

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pid() {
    [[ -s "$dir/redis.pid" ]] || die "no server in $dir"
    cat "$dir/redis.pid"
}

# Waits for the server to exit; after 5 s, kills it.
wait_until_gone() {
    local pid=$1
    for attempt in $(seq 1 200); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$dir/redis.pid"; return 0; }
        if [[ $attempt == 100 ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
        sleep 0.05
    done
    die "server $pid in $dir did not exit"
}

# The server must not keep open what the caller's process left open to this script (a test
# process's sockets and pipes): a pipe kept open never reaches end of file, a socket never closes.
close_inherited_descriptors() {
    local fd
    for fd in /proc/$$/fd/*; do
        fd=${fd##*/}
        if [[ $fd -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

launch() {
    close_inherited_descriptors
    local port
    port=$(cat "$dir/port")
    mapfile -d '' options < "$dir/options"
    # A test process may block signals (SwiftNIO's threads do), and a child inherits the mask:
    # unblock them all, or the server would never see SIGTERM.
    python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])' \
        redis-server --bind 127.0.0.1 --daemonize yes --pidfile "$dir/redis.pid" --dir "$dir" \
        --logfile "$dir/redis.log" --save "" --appendonly yes --appendfsync always "${options[@]}"
    for _ in $(seq 1 200); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
        sleep 0.05
    done
    cat "$dir/redis.log" >&2 || true
    die "the server in $dir did not start listening on port $port"
}

tls_certificates() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=swift-caching test CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
}

case "$command" in
start | start-tls)
    command -v redis-server > /dev/null || die "redis-server is not on PATH (apt-get install -y redis-server)"
    mkdir -p "$dir"
    [[ ! -s "$dir/redis.pid" ]] || die "a server already runs in $dir"
    port=$(free_port)
    echo "$port" > "$dir/port"
    if [[ "$command" == start ]]; then
        printf '%s\0' --port "$port" "$@" > "$dir/options"
    else
        tls_certificates
        printf '%s\0' --port 0 --tls-port "$port" --tls-cert-file "$dir/server.crt" \
            --tls-key-file "$dir/server.key" --tls-ca-cert-file "$dir/ca.crt" --tls-auth-clients no \
            "$@" > "$dir/options"
    fi
    launch
    ;;
restart)
    [[ ! -s "$dir/redis.pid" ]] || die "the server in $dir still runs"
    launch
    ;;
stop)
    p=$(pid)
    kill -TERM "$p" 2>/dev/null || true
    kill -CONT "$p" 2>/dev/null || true
    wait_until_gone "$p"
    ;;
kill)
    p=$(pid)
    kill -KILL "$p" 2>/dev/null || true
    wait_until_gone "$p"
    ;;
pause) kill -STOP "$(pid)" ;;
resume) kill -CONT "$(pid)" ;;
*) die "unknown command $command" ;;
esac
