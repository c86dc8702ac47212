#!/usr/bin/env bash
# Starts and stops a throwaway Redis Cluster on 127.0.0.1, for CacheRedis's cluster tests: six
# redis-server processes (3 masters, 3 replicas, cluster-node-timeout 1000 ms), each started with
# Scripts/redis-server.sh in a directory of its own under DIR. .ci/run starts the shared cluster
# with it; the fault tests start clusters of their own and kill nodes of them.
#
#   Scripts/redis-cluster.sh start DIR [OPTION…]   start the six nodes on free ports, create the
#                                                 cluster, wait for cluster_state:ok on every node;
#                                                 prints the seed URL redis://127.0.0.1:P1,…,P6.
#                                                 OPTIONs go to every redis-server.
#   Scripts/redis-cluster.sh stop DIR              stop every node (SIGTERM) and wait
#   Scripts/redis-cluster.sh kill DIR PORT         SIGKILL the node on PORT (a crash)
#   Scripts/redis-cluster.sh restart DIR PORT      start the node on PORT again (it rejoins)
#   Scripts/redis-cluster.sh reshard DIR FROM TO COUNT   move COUNT slots, with their keys, from the
#                                                 master on port FROM to the master on port TO
#                                                 (redis-cli --cluster reshard), and wait
#   Scripts/redis-cluster.sh add-node DIR          start one more node (no slots, a master), add it
#                                                 (redis-cli --cluster add-node), wait until every
#                                                 node knows it and it says cluster_state:ok;
#                                                 prints its port
#   Scripts/redis-cluster.sh wait DIR              wait for cluster_state:ok on every running node
#                                                 and for every slot to have a master that answers
#   Scripts/redis-cluster.sh ports DIR             the nodes' ports, one a line
set -euo pipefail

die() { echo "redis-cluster.sh: $*" >&2; exit 1; }
[[ $# -ge 2 ]] || die "usage: $0 start|stop|kill|restart|reshard|add-node|wait|ports DIR [PORT…|OPTION…]"
command=$1
dir=$2
shift 2
server="$(cd "$(dirname "$0")" && pwd)/redis-server.sh"
nodes=6

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

node_dirs() {
    local found=0 node
    for node in "$dir"/node-*; do
        [[ -d "$node" ]] || continue
        found=1
        echo "$node"
    done
    [[ $found == 1 ]] || die "no cluster in $dir"
}

node_dir_of() {
    local node
    for node in $(node_dirs); do
        if [[ "$(cat "$node/port")" == "$1" ]]; then
            echo "$node"
            return 0
        fi
    done
    die "no node on port $1 in $dir"
}

running_ports() {
    local node
    for node in $(node_dirs); do
        [[ -s "$node/redis.pid" ]] && cat "$node/port"
    done
    return 0
}

# Waits (up to 30 s) until every running node says cluster_state:ok and reports all 16384 slots
# assigned, and until every node agrees on the number of masters that serve slots.
wait_ok() {
    local port state attempt ready
    for attempt in $(seq 1 300); do
        ready=1
        for port in $(running_ports); do
            state=$(redis-cli -p "$port" cluster info 2>/dev/null | tr -d '\r' || true)
            if ! grep -q '^cluster_state:ok$' <<< "$state" || ! grep -q '^cluster_slots_ok:16384$' <<< "$state"; then
                ready=0
                break
            fi
        done
        if [[ $ready == 1 ]]; then return 0; fi
        sleep 0.1
    done
    for port in $(running_ports); do
        echo "node $port:" >&2
        redis-cli -p "$port" cluster nodes >&2 || true
    done
    die "the cluster in $dir did not reach cluster_state:ok within 30 s"
}

# Starts a node of the cluster in DIR/node-$1 on a free port and prints the port; further
# arguments go to redis-server.
start_node() {
    local node="$dir/node-$1"
    shift
    # The cluster bus gets a free port of its own: the default, port + 10000, may be taken or
    # beyond 65535 for a port from the ephemeral range.
    "$server" start "$node" --cluster-enabled yes --cluster-config-file "$node/nodes.conf" \
        --cluster-port "$(free_port)" --cluster-node-timeout 1000 --appendonly no "$@"
}

case "$command" in
start)
    command -v redis-cli > /dev/null || die "redis-cli is not on PATH (apt-get install -y redis-server)"
    mkdir -p "$dir"
    ports=()
    for index in $(seq 1 $nodes); do
        ports+=("$(start_node "$index" "$@")")
    done
    addresses=()
    for port in "${ports[@]}"; do addresses+=("127.0.0.1:$port"); done
    if ! redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes > "$dir/create.log" 2>&1; then
        cat "$dir/create.log" >&2
        die "redis-cli --cluster create failed"
    fi
    wait_ok
    # Every replica must have finished its first synchronisation, so that a master killed by a
    # test has a replica able to take over.
    for port in "${ports[@]}"; do
        for _ in $(seq 1 300); do
            replication=$(redis-cli -p "$port" info replication | tr -d '\r')
            if grep -q '^role:master$' <<< "$replication" || grep -q '^master_link_status:up$' <<< "$replication"; then
                break
            fi
            sleep 0.1
        done
    done
    (IFS=,; echo "redis://${addresses[*]}")
    ;;
stop)
    for node in $(node_dirs); do
        if [[ -s "$node/redis.pid" ]]; then "$server" stop "$node" || true; fi
    done
    ;;
kill)
    [[ $# -ge 1 ]] || die "usage: $0 kill DIR PORT"
    "$server" kill "$(node_dir_of "$1")"
    ;;
restart)
    [[ $# -ge 1 ]] || die "usage: $0 restart DIR PORT"
    "$server" restart "$(node_dir_of "$1")" > /dev/null
    ;;
reshard)
    [[ $# -ge 3 ]] || die "usage: $0 reshard DIR FROM_PORT TO_PORT COUNT"
    from_id=$(redis-cli -p "$1" cluster myid | tr -d '\r')
    to_id=$(redis-cli -p "$2" cluster myid | tr -d '\r')
    if ! redis-cli --cluster reshard "127.0.0.1:$1" --cluster-from "$from_id" --cluster-to "$to_id" \
        --cluster-slots "$3" --cluster-yes > "$dir/reshard.log" 2>&1; then
        cat "$dir/reshard.log" >&2
        die "redis-cli --cluster reshard failed"
    fi
    wait_ok
    ;;
add-node)
    existing=$(running_ports | head -n 1)
    [[ -n "$existing" ]] || die "no running node in $dir"
    count=$(node_dirs | wc -l)
    port=$(start_node $((count + 1)))
    if ! redis-cli --cluster add-node "127.0.0.1:$port" "127.0.0.1:$existing" > "$dir/add-node.log" 2>&1; then
        cat "$dir/add-node.log" >&2
        die "redis-cli --cluster add-node failed"
    fi
    # Every running node must know the new one (connected) before a reshard may move slots to it.
    known=0
    for _ in $(seq 1 300); do
        known=1
        for other in $(running_ports); do
            if ! redis-cli -p "$other" cluster nodes | grep -q "127.0.0.1:$port@.* connected"; then
                known=0
                break
            fi
        done
        if [[ $known == 1 ]]; then break; fi
        sleep 0.1
    done
    [[ $known == 1 ]] || die "not every node learnt of the node on port $port within 30 s"
    # And the new node must have learnt every slot's master (until then it says the cluster is
    # down, and a reshard to it fails).
    wait_ok
    echo "$port"
    ;;
wait) wait_ok ;;
ports) for node in $(node_dirs); do cat "$node/port"; done ;;
*) die "unknown command $command" ;;
esac
