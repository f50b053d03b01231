"""The benchmark workloads, as data.  bench/harness.py runs them.

To add a workload: write bench/NAME.c against thread.h (it prints one line
"NAME key=value ..."), optionally bench/go/NAME.go, bench/pthread/NAME.c and
a subcommand of the Rust peers (bench/rust/src/bin/{crossbeam,tokio}.rs),
and add an entry below.  run.sh builds every bench/*.c into
build/bench/ours_NAME, bench/pthread/*.c into pthread_NAME, bench/go/*.go
(and what bench/go/gen_*.py writes) into go_NAME, and the Rust peers into
rust_crossbeam and rust_tokio; a command names its program without the
directory.

Entry keys:
  id      unique name (BENCH_ONLY matches it, or the group, with shell patterns)
  group   "core" for the figures with targets, else the extra's name
  title   what one unit of the figure is
  unit    "ns", "bytes", "ms", "ratio"
  metric  key of the result line that holds the figure (lower is better)
  target  our target (figure must be <= target), or None
  target_rel  optional (id, factor): the target is factor x our median of
          workload id in the same run (when that one ran)
  ours    our command: [program, arg, ...]
  peers   list of {name, desc, cmd, env} (made by the helpers below); name
          is the report's column: go1, go2, crossbeam, tokio, pthread.
          A peer with "skip": REASON is reported as skipped with the reason.
  runs    optional: at most this many runs, unless RUNS is set
  note    optional: a remark printed under the workload in REPORT.md
  min_n, max_n  optional bounds for the calibrated count
  curve   optional: (plot name, x label, x value) puts the workload on a plot
  reference  optional: True when the peers are reference points rather than
          systems a user would pick; left out of the report's ahead/behind count

An argument "{n}" is a count the harness calibrates per program so that
one run takes about TARGET_S seconds (a program is first run with small
counts, growing tenfold); the figure must then be per operation
(metric ns_per_op).  Commands without "{n}" do a fixed amount of work.
"""

# OS-thread peers (crossbeam, pthread) run the thread-count curves up to
# this N (QUICK: 1,000); beyond it they are reported as skipped.
OS_THREADS_MAX = 10000
OS_THREADS_MAX_QUICK = 1000


def go(desc, cmd, procs=1, column=None):
    """A Go peer, run with GOMAXPROCS=procs; column go1 or go2."""
    return {"name": column or ("go1" if procs == 1 else "go2"),
            "desc": "Go %s, GOMAXPROCS=%d" % (desc, procs),
            "cmd": cmd, "env": {"GOMAXPROCS": str(procs)}}


def go12(desc, cmd):
    """The Go peer twice: GOMAXPROCS=1 and GOMAXPROCS=2."""
    return [go(desc, cmd, 1), go(desc, cmd, 2)]


def pth(desc, cmd):
    """A C pthread peer."""
    return {"name": "pthread", "desc": "pthread " + desc, "cmd": cmd, "env": {}}


def cb(desc, args):
    """The crossbeam-channel peer (OS threads): rust_crossbeam SUBCOMMAND ..."""
    return {"name": "crossbeam", "desc": "crossbeam-channel, " + desc,
            "cmd": ["rust_crossbeam"] + args, "env": {}}


def tk(desc, args):
    """The tokio peer (tasks): rust_tokio SUBCOMMAND ..."""
    return {"name": "tokio", "desc": "tokio " + desc,
            "cmd": ["rust_tokio"] + args, "env": {}}


def skip(name, desc, reason):
    return {"name": name, "desc": desc, "cmd": [], "env": {}, "skip": reason}


def floor(ident, title, ours, note, desc, cmd, **extra):
    """A reference row: our program against the machine's floor for the same
    work, a C program without the library in the pthread column.  Such rows
    stay out of the report's count of workloads where we are ahead."""
    return dict(id=ident, group=ident, title=title, unit="ns", metric="ns_per_op",
                target=None, reference=True, ours=ours,
                note="The pthread figure is no peer but " + note +
                     " This row is left out of the count of workloads where we are ahead.",
                peers=[pth(desc, cmd)], **extra)


def os_threads(peer, n, quick):
    """An OS-thread peer of an N-thread workload, skipped past OS_THREADS_MAX."""
    top = OS_THREADS_MAX_QUICK if quick else OS_THREADS_MAX
    if n > top:
        return skip(peer["name"], peer["desc"],
                    "%s OS threads: the OS-thread peers run up to N=%s%s"
                    % ("{:,}".format(n), "{:,}".format(top), " with QUICK=1" if quick else ""))
    return peer


def workloads(quick):
    w = []

    # --- the figures with targets ---------------------------------------
    w.append(dict(
        id="pingpong", group="core",
        title="same-proc unbuffered ping-pong, round trip", unit="ns",
        metric="ns_per_op", target=40,
        ours=["ours_pingpong", "{n}", "thread"],
        note="The OS-thread peers (crossbeam, pthread) cannot stay in one OS thread: "
             "each handoff wakes the other thread, and on a VM mostly the other, "
             "halted, virtual CPU (bench/README.md, on the OS-thread peers).",
        peers=go12("goroutines + unbuffered chan", ["go_pingpong", "{n}"]) + [
            cb("bounded(0), 2 OS threads", ["pingpong", "{n}"]),
            tk("current-thread runtime, 2 tasks, mpsc capacity 1", ["pingpong", "{n}"]),
            pth("mutex+condvar handoff, 2 OS threads", ["pthread_pingpong", "{n}"])]))
    w.append(dict(
        id="ring503", group="core",
        title="ring of 503 threads passing a token, per hop", unit="ns",
        metric="ns_per_op", target=25, min_n=5030,
        ours=["ours_ring", "{n}", "503"],
        peers=go12("goroutine ring", ["go_ring", "{n}", "503"]) + [
            cb("bounded(0) ring, 503 OS threads", ["ring", "{n}", "503"]),
            tk("current-thread runtime, 503 tasks, mpsc capacity 1", ["ring", "{n}", "503"]),
            pth("condvar ring, 503 OS threads", ["pthread_ring", "{n}", "503"])]))
    w.append(dict(
        id="xproc", group="core",
        title="cross-proc ping-pong (two procs), round trip", unit="ns",
        metric="ns_per_op", target=2000,
        ours=["ours_pingpong", "{n}", "proc"],
        note="Go's scheduler (and tokio's, likewise) may run both sides on one OS "
             "thread even with 2 Ps/workers (a woken goroutine is queued on its "
             "waker's own P and runs there as soon as the waker blocks), so their "
             "figures are not necessarily cross-thread handoffs; see xproc-locked. "
             "crossbeam and pthread always cross OS threads.",
        peers=[go("goroutines + unbuffered chan", ["go_pingpong", "{n}"], 2),
               cb("bounded(0), 2 OS threads", ["pingpong", "{n}"]),
               tk("multi-thread runtime, 2 workers, 2 tasks, mpsc capacity 1",
                  ["pingpong", "{n}", "2"]),
               pth("mutex+condvar handoff, 2 OS threads", ["pthread_pingpong", "{n}"])]))
    w.append(dict(
        id="create", group="core",
        title="threadcreate + exit, sequential, per thread", unit="ns",
        metric="ns_per_op", target=150,
        ours=["ours_create", "{n}"],
        peers=go12("go statement + Gosched until run", ["go_create", "{n}"]) + [
            cb("std::thread::spawn + join", ["create", "{n}"]),
            tk("current-thread runtime, spawn + await JoinHandle", ["create", "{n}"]),
            pth("pthread_create + pthread_join", ["pthread_create", "{n}"])]))
    w.append(dict(
        id="create10k", group="core",
        title="threadcreate + exit with 10,000 alive at once, per thread", unit="ns",
        metric="ns_per_op", target=None, min_n=10000,
        ours=["ours_create", "{n}", "alive", "10000"],
        note="Batches of 10,000: create 10,000 threads that each block receiving on one "
             "shared channel, wait until all have started, send 10,000 values (one wakes "
             "each), wait until all have exited. The count is rounded down to whole batches; "
             "one batch before the timed ones warms up (stacks, tasks, OS threads).",
        peers=go12("goroutines blocked on one chan", ["go_create", "{n}", "alive", "10000"]) + [
            cb("OS threads (64 KiB stacks) blocked on one bounded(0) channel, joined",
               ["create", "{n}", "alive", "10000"]),
            tk("current-thread runtime, tasks each awaiting a oneshot",
               ["create", "{n}", "alive", "10000"]),
            pth("OS threads (64 KiB stacks) on a mutex+condvar gate, joined",
                ["pthread_create", "{n}", "alive", "10000"])]))
    w.append(dict(
        id="mem100k", group="core",
        title="resident memory per idle blocked thread, 100,000 threads", unit="bytes",
        metric="bytes_per_thread", target=8192,
        note="(RSS after all threads have blocked - RSS before they were created) / N; "
             "RSS from /proc/self/smaps_rollup. Page tables are not in RSS: our result "
             "line shows their growth as pte_kb.",
        ours=["ours_mem", "100000"],
        peers=go12("goroutines blocked on a chan", ["go_mem", "100000"]) + [
            os_threads(cb("OS threads blocked on one bounded(0) channel", ["mem", "100000"]),
                       100000, quick),
            tk("current-thread runtime, tasks awaiting one shared Notify", ["mem", "100000"]),
            os_threads(pth("OS threads (64 KiB stacks) blocked on one condvar",
                           ["pthread_mem", "100000"]), 100000, quick)]))

    # --- extras --------------------------------------------------------
    # Go's scheduler keeps both goroutines of go_pingpong on one OS thread
    # even with GOMAXPROCS=2 (the receiver is handed the P), so the xproc
    # peer above never crosses threads; this one wires each goroutine to its
    # own OS thread, as our two procs are.
    w.append(dict(
        id="xproc-locked", group="xproc-locked",
        title="cross-proc ping-pong, round trip; Go goroutines locked to OS threads", unit="ns",
        metric="ns_per_op", target=None,
        ours=["ours_pingpong", "{n}", "proc"],
        peers=[go("goroutines + unbuffered chan, runtime.LockOSThread each",
                  ["go_pingpong", "{n}", "locked"], 2)]))

    # What crossing cores costs on this machine at all, measured in the same
    # run: on a VM it moves with where the host places the two vCPUs.
    w.append(floor(
        "xproc-floor",
        "cross-proc ping-pong, round trip, against one cache line bounced "
        "between two spinning OS threads",
        ["ours_pingpong", "{n}", "proc"],
        "the machine's floor for a cross-core round trip: the line holding a "
        "counter goes to the other core and back, with nothing else shared. A "
        "hand-off between procs moves more: the channel, the waiter on the "
        "partner's stack, the partner's record and the other proc's inbox.",
        "one cache line bounced between 2 spinning OS threads (no library)",
        ["pthread_linebounce", "{n}"]))

    # What a same-proc round trip cannot go below: its two stack switches.
    w.append(floor(
        "pingpong-floor",
        "same-proc ping-pong, round trip, against two bare stack switches",
        ["ours_pingpong", "{n}", "thread"],
        "the floor of a same-proc round trip: two coroutines in one OS thread "
        "hand a word through a variable, each switching to the other with the "
        "least a switch does (save the callee-saved registers, change stacks, "
        "restore them, jump back), with no channel, waiter or run queue. The "
        "rest of our figure is the two channel operations of each side.",
        "two coroutines, two bare stack switches a round trip (no library)",
        ["pthread_swapfloor", "{n}"]))

    # One thread blocks sending, the other receiving (in pingpong both
    # block in the same operation).
    w.append(dict(
        id="prodcons", group="prodcons",
        title="producer and consumer, unbuffered, per word", unit="ns",
        metric="ns_per_op", target=None,
        ours=["ours_prodcons", "{n}"],
        peers=go12("goroutines + unbuffered chan", ["go_prodcons", "{n}"]) + [
            cb("bounded(0), 2 OS threads", ["prodcons", "{n}"]),
            tk("current-thread runtime, 2 tasks, mpsc capacity 1", ["prodcons", "{n}"]),
            pth("mutex+condvar one-slot handoff, 2 OS threads", ["pthread_prodcons", "{n}"])]))

    nprimes = 1000 if quick else 10000
    # An OS-thread hand-off takes microseconds (see ring503 and pingpong).
    too_long = ("one OS thread per filter: the 10,000-prime sieve is 5.0x10^7 "
                "hand-offs between OS threads, at the 10-60 us each that ring503 "
                "and pingpong show them taking, 8 to 50 minutes per run, beyond "
                "the run's time budget; not run%s"
                % (" (nor with QUICK=1, to keep the columns alike)" if quick else ""))
    w.append(dict(
        id="sieve", group="sieve",
        title="prime sieve, first %s primes, total" % "{:,}".format(nprimes), unit="ms",
        metric="ms", target=None,
        ours=["ours_sieve", str(nprimes)],
        peers=go12("goroutine sieve", ["go_sieve", str(nprimes)]) + [
            skip("crossbeam", "crossbeam-channel, one OS thread per filter", too_long),
            tk("current-thread runtime, one task per filter, mpsc capacity 1",
               ["sieve", str(nprimes)]),
            skip("pthread", "pthread mutex+condvar, one OS thread per filter", too_long)]))

    # Fan-in over K channels; the Go peer is a select statement of K cases
    # (generated: bench/go/gen_fanin.py).
    ks = [2, 32, 1024] if quick else [2, 8, 32, 128, 512, 1024]
    for k in ks:
        peers = go12("select statement over K chans", ["go_fanin", "{n}", str(k)]) + [
            cb("Select over K bounded(0) receivers, K+1 OS threads", ["fanin", "{n}", str(k)]),
            tk("current-thread runtime, StreamMap over K mpsc receivers (capacity 1)",
               ["fanin", "{n}", str(k)]),
            pth("K one-slot mailboxes under one mutex, K+1 OS threads",
                ["pthread_fanin", "{n}", str(k)])]
        w.append(dict(
            id="fanin/K=%d" % k, group="fanin",
            note="Our alt reads the K entries, then tries them in a random order, "
                 "one channel lock at a time, and completes the first that can "
                 "proceed: uniform among the ready ones, and here the first try "
                 "mostly succeeds (from K=32 on, it first tries up to 8 entries "
                 "drawn at random, and lists the entries only if none could "
                 "proceed); only an alt that must wait locks all K channels. "
                 "Go's select locks all K channels every time. tokio's "
                 "StreamMap polls its receivers from a random start and returns the "
                 "first message it finds, and every sender here is always ready, so "
                 "its cost hardly grows with K. crossbeam's Select tries the K "
                 "operations in random order, and each message wakes an OS thread.",
            title="fan-in: one thread alts over K=%d channels fed by K senders, "
                  "per message" % k, unit="ns",
            metric="ns_per_op", target=None,
            curve=("fanin", "K (channels in the alt)", k),
            ours=["ours_fanin", "{n}", str(k)],
            peers=peers))

    sizes = [10, 1000, 10000] if quick else [10, 100, 1000, 10000, 100000, 1000000]
    for n in sizes:
        w.append(dict(
            id="ring-curve/N=%d" % n, group="ring-curve",
            title="ring of N=%s threads, per hop" % "{:,}".format(n), unit="ns",
            metric="ns_per_op", target=None,
            # the target: the ring at N = 1,000,000 within 3x of N = 503
            target_rel=("ring503", 3.0) if n == 1000000 else None,
            curve=("ring", "N (threads in the ring)", n),
            # at least two laps, so every thread is visited
            min_n=2 * n, max_n=max(20 * n, 10 ** 8),
            ours=["ours_ring", "{n}", str(n)],
            peers=go12("goroutine ring", ["go_ring", "{n}", str(n)]) + [
                os_threads(cb("bounded(0) ring of OS threads", ["ring", "{n}", str(n)]), n, quick),
                tk("current-thread runtime, ring of tasks, mpsc capacity 1", ["ring", "{n}", str(n)]),
                os_threads(pth("condvar ring of OS threads", ["pthread_ring", "{n}", str(n)]),
                           n, quick)]))

    # What memory alone costs a hop of the largest ring, measured in the
    # same run: the 3x target compares it with a ring that stays in cache.
    if not quick:
        w.append(floor(
            "ring-floor",
            "ring of 1,000,000 threads, per hop, against the same memory "
            "walked without threads",
            ["ours_ring", "3000000", "1000000"],
            "what memory alone costs: a loop that, per hop, reads and writes the "
            "five cache lines a hop of the ring touches in the thread it wakes (its "
            "record, waiter and frames), in 1,000,000 blocks at the stride of the "
            "smallest stacks, with the prefetching a proc of many threads does, and "
            "nothing else. Its output line also gives the same walk over 503 blocks, "
            "which stay in the caches, and the ratio of the two: where that ratio "
            "exceeds 3, memory alone misses the target of ring-curve/N=1000000 "
            "(within 3x of ring503).",
            "memory walk: 5 lines a hop, 1,000,000 blocks 52 KiB apart (no threads)",
            ["pthread_memwalk", "3000000", "1000000"]))

    for n in [1000, 10000] + ([] if quick else [100000, 1000000]):
        w.append(dict(
            id="mem-curve/N=%d" % n, group="mem-curve",
            title="resident memory per idle blocked thread, N=%s" % "{:,}".format(n),
            unit="bytes", metric="bytes_per_thread",
            # 1,000,000 idle threads resident in at most 8 GiB
            target=(8 << 30) // 1000000 if n == 1000000 else None,
            curve=("mem", "N (idle threads)", n),
            ours=["ours_mem", str(n)],
            peers=go12("goroutines blocked on a chan", ["go_mem", str(n)]) + [
                os_threads(cb("OS threads blocked on one bounded(0) channel", ["mem", str(n)]),
                           n, quick),
                tk("current-thread runtime, tasks awaiting one shared Notify", ["mem", str(n)]),
                os_threads(pth("OS threads (64 KiB stacks) blocked on one condvar",
                               ["pthread_mem", str(n)]), n, quick)]))

    for p in ([1, 2] if quick else [1, 2, 4, 8]):
        w.append(dict(
            id="scale/P=%d" % p, group="scale",
            title="ring of 512 threads over P=%d procs, 64 tokens, "
                  "wall time per hop over all" % p, unit="ns",
            metric="ns_per_op", target=None, min_n=64 * 512 * 2,
            curve=("scale", "P (procs; Go: GOMAXPROCS, tokio: workers)", p),
            note="Our threads are in contiguous blocks of 512/P per proc, so P of a lap's "
                 "512 hops cross procs. The go2 column is GOMAXPROCS=P here. crossbeam's "
                 "and pthread's 512 members are OS threads whatever P is.",
            ours=["ours_scale", "{n}", str(p)],
            peers=[go("ring of 512 goroutines", ["go_scale", "{n}", str(p)], p, column="go2"),
                   cb("ring of 512 OS threads, bounded(0)", ["scale", "{n}", str(p)]),
                   tk("multi-thread runtime with P workers, 512 tasks, mpsc capacity 1",
                      ["scale", "{n}", str(p)]),
                   pth("ring of 512 OS threads, mutex+condvar one-slot handoffs",
                       ["pthread_scale", "{n}", str(p)])]))

    # --- ioproc(3) -----------------------------------------------------
    w.append(dict(
        id="iocall", group="ioproc",
        title="iocall of a no-op operation, round trip", unit="ns",
        metric="ns_per_op", target=4000,
        ours=["ours_iocall", "{n}"],
        note="Two cross-proc hand-offs per call. Each peer hands a call to an OS "
             "thread of its own and waits for the result, the same job. plan9port "
             "measured 22-26 us (docs/plan9port-abi.md).",
        peers=[cb("a worker OS thread taking calls and replying on bounded(0) channels",
                  ["iocall", "{n}"]),
               tk("current-thread runtime, spawn_blocking of a no-op, awaited",
                  ["iocall", "{n}"]),
               pth("a worker OS thread taking calls under a mutex+condvar",
                   ["pthread_iocall", "{n}"])]))
    relay_mib = 256 if quick else 1024
    w.append(dict(
        id="relay", group="ioproc",
        title="relay of %d MiB between two pipes through ioread/iowrite, "
              "time / cat's time in the same run" % relay_mib, unit="ratio",
        metric="ratio", target=round(1 / 0.7, 2),
        ours=["ours_relay", str(relay_mib)],
        note="The program relays the data once with cat(1) and once with one "
             "Ioproc, twice each, and reports the best relay time over the best "
             "cat time: at most 1.43 is at least 70% of cat's throughput. Its "
             "result line also has both throughputs (mib_s, cat_mib_s).",
        peers=[]))
    return w
