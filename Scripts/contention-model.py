#!/usr/bin/env python3
"""A model of how reads of one cache scale with threads, for the three designs of
Docs/ARCHITECTURE.md ("Many cores"): one lock, shards with a lock each (ShardedCache before
this change), and read stripes (Cache now; ShardedCache now: 16 of those).

This machine has 2 cores, so the model is what lets us reason about 8–64. It counts, per
operation, the cache lines a thread writes that another core wrote last (each costs a transfer,
`--transfer-ns`), and the time each design holds a lock that every thread needs (which caps
throughput at one holder at a time, M/D/1 queueing below the cap). Everything else is the
operation's own cost on one thread (`--read-ns`). The defaults are this machine's: with
`--transfer-ns 13` and `--locked-lines 5`, locked shards reproduce the 2-thread figures of
ShardedCache LRU before read stripes (20.7 ns per read alone, 26.7 from two threads: 53 per
thread), and `--handoff-ns 84` makes one lock's come out at Cache LRU's 87. Calibrate them
elsewhere from Scripts/bench.sh's (a) and (h).

    Scripts/contention-model.py                       the defaults: this 2-core machine's figures
    Scripts/contention-model.py --threads 2 8 64 --write-share 0.1
"""
import argparse


def one_lock(threads, args):
    """Every read takes the one lock and writes `locked_lines` lines under it (the lock word,
    the counters, the policy's list heads): each moved from the last holder's core. A lock
    wanted by several threads at once is handed over through the kernel (`--handoff-ns`)."""
    moved = (threads - 1) / threads
    hold = args.critical_ns + args.locked_lines * args.transfer_ns * moved + args.handoff_ns * moved
    per_thread = args.read_ns + args.locked_lines * args.transfer_ns * moved
    return min(threads / per_thread, 1 / hold), 0.0


def shards(threads, args):
    """Each read locks one of `shards` shards and writes its lines; with uniform keys the shard's
    lines were last written by another thread with probability (T-1)/T. Queueing per shard is
    M/D/1, solved by iteration."""
    moved = (threads - 1) / threads
    hold = args.critical_ns + args.locked_lines * args.transfer_ns * moved
    per_thread = args.read_ns + args.locked_lines * args.transfer_ns * moved
    throughput = threads / per_thread
    for _ in range(200):
        load = min(throughput * hold / args.shards, 0.999)
        wait = load / (1 - load) * hold / 2
        throughput = 0.5 * throughput + 0.5 * threads / (per_thread + wait)
    return throughput, 0.0


def stripes(threads, args, locks=1):
    """A read writes only its thread's stripe (2 lines: header and buffer), which moves only when
    another thread's probe lands on the same stripe. Every `buffer` reads, the reader applies its
    buffer to the policy under the writer lock (one of `locks`: one cache, or one per shard) if
    the lock is free: each applied read writes `policy_lines` lines of the policy (list links,
    counters), moved from another core with probability (T-1)/T; if the lock is busy the reads
    are dropped (counted, never told to the policy), so reads never wait. A write takes the
    writer lock, writes `locked_lines` lines and reads every other active stripe's header; writes
    wait for the lock (M/D/1)."""
    sharing = 1 - (1 - 1 / args.stripes) ** (threads - 1)
    moved = (threads - 1) / threads
    others = min(threads, args.stripes) - 1
    apply_one = args.apply_ns + args.policy_lines * args.transfer_ns * moved
    drain_hold = args.buffer * apply_one
    write_hold = args.critical_ns + (args.locked_lines * moved + others) * args.transfer_ns
    share = args.write_share
    ceiling = 0.99 * locks / (share * write_hold) if share else float("inf")
    served_share = 1.0
    throughput = threads / args.read_ns
    for _ in range(500):
        per_read = args.read_ns + 2 * args.transfer_ns * sharing + served_share * apply_one
        load = min(throughput * share * write_hold / locks, 0.99)
        wait = load / (1 - load) * write_hold / 2
        per_op = (1 - share) * per_read + share * (write_hold + wait)
        throughput = min(0.8 * throughput + 0.2 * threads / per_op, ceiling)
        wanted = throughput * (1 - share) / args.buffer
        room = locks * (1 - throughput * share * write_hold / locks) / drain_hold
        served_share = 0.8 * served_share + 0.2 * (min(wanted, room) / wanted if wanted else 1.0)
    return throughput, 1 - served_share


def sharded_stripes(threads, args):
    """`shards` caches with read stripes each (ShardedCache now): as `stripes`, with a writer
    lock per shard."""
    return stripes(threads, args, locks=args.shards)


DESIGNS = [
    ("one lock (Cache before)", one_lock),
    ("16 shards, a lock each (ShardedCache before)", shards),
    ("read stripes (Cache now)", stripes),
    ("16 shards of read stripes (ShardedCache now)", sharded_stripes),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64])
    parser.add_argument("--read-ns", type=float, default=20.0, help="a read on one thread, no transfers")
    parser.add_argument("--critical-ns", type=float, default=12.0, help="time a read or write holds a lock")
    parser.add_argument("--apply-ns", type=float, default=4.0, help="applying one buffered read, no transfers")
    parser.add_argument("--transfer-ns", type=float, default=13.0, help="moving one cache line between cores")
    parser.add_argument("--handoff-ns", type=float, default=84.0, help="a contended lock handed over by the kernel")
    parser.add_argument("--locked-lines", type=int, default=5, help="lines a locked read writes")
    parser.add_argument("--policy-lines", type=float, default=3, help="lines applying one read writes (LRU 3, FIFO 0)")
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument("--stripes", type=int, default=8)
    parser.add_argument("--buffer", type=int, default=16)
    parser.add_argument("--write-share", type=float, default=0.0, help="share of operations that write")
    args = parser.parse_args()
    print(f"reads per µs of all threads together (speed-up over 1 thread); write share {args.write_share:.0%}")
    print()
    header = "| threads | " + " | ".join(name for name, _ in DESIGNS) + " | reads not told to the policy (Cache / ShardedCache) |"
    print(header)
    print("|---:|" + "---:|" * (len(DESIGNS) + 1))
    single = {name: model(1, args)[0] for name, model in DESIGNS}
    for threads in args.threads:
        cells = []
        dropped = []
        for name, model in DESIGNS:
            throughput, lost = model(threads, args)
            cells.append(f"{throughput * 1000:.0f} ({throughput / single[name]:.1f}×)")
            if model in (stripes, sharded_stripes):
                dropped.append(f"{lost:.0%}")
        print(f"| {threads} | " + " | ".join(cells) + f" | {' / '.join(dropped)} |")


if __name__ == "__main__":
    main()
