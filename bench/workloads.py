"""The benchmark workloads, as data.  bench/harness.py runs them.

To add a workload: write bench/NAME.c against thread.h (it prints one line
"NAME key=value ..."), optionally bench/go/NAME.go and bench/pthread/NAME.c
for the peers, and add an entry below.  run.sh builds every bench/*.c into
build/bench/ours_NAME, bench/pthread/*.c into pthread_NAME and bench/go/*.go
into go_NAME; a command names its program without the directory.

Entry keys:
  id      unique name (BENCH_ONLY matches it, or the group, with shell patterns)
  group   "core" for the five figures with targets, else the extra's name
  title   what one unit of the figure is
  unit    "ns", "bytes", "ms"
  metric  key of the result line that holds the figure (lower is better)
  target  our target (figure must be <= target), or None
  ours    our command: [program, arg, ...]
  peers   list of {name, desc, cmd, env}; name is the table column
          ("go", "pthread"), desc says what the peer does
  runs    optional: at most this many runs (for the heavy extras), unless
          RUNS is set in the environment
  note    optional: a remark printed under the workload in REPORT.md
  min_n, max_n  optional bounds for the calibrated count

An argument "{n}" is a count the harness calibrates per program so that
one run takes about TARGET_S seconds (a program is first run with small
counts, growing tenfold); the figure must then be per operation
(metric ns_per_op).  Commands without "{n}" do a fixed amount of work.
"""


def go(desc, cmd, procs=1):
    """A Go peer, run with GOMAXPROCS=procs."""
    return {"name": "go", "desc": "Go %s, GOMAXPROCS=%d" % (desc, procs),
            "cmd": cmd, "env": {"GOMAXPROCS": str(procs)}}


def pth(desc, cmd):
    """A C pthread peer."""
    return {"name": "pthread", "desc": "pthread " + desc, "cmd": cmd, "env": {}}


def workloads(quick):
    w = []

    # --- the five figures with targets ---------------------------------
    w.append(dict(
        id="pingpong", group="core",
        title="same-proc unbuffered ping-pong, round trip", unit="ns",
        metric="ns_per_op", target=40,
        ours=["ours_pingpong", "{n}", "thread"],
        note="The pthread peer cannot stay in one OS thread: each handoff is a "
             "futex wake of the other thread.",
        peers=[go("goroutines + unbuffered chan", ["go_pingpong", "{n}"], 1),
               pth("mutex+condvar handoff, 2 OS threads", ["pthread_pingpong", "{n}"])]))
    w.append(dict(
        id="ring503", group="core",
        title="ring of 503 threads passing a token, per hop", unit="ns",
        metric="ns_per_op", target=25, min_n=5030,
        ours=["ours_ring", "{n}", "503"],
        peers=[go("goroutine ring", ["go_ring", "{n}", "503"], 1),
               pth("condvar ring, 503 OS threads", ["pthread_ring", "{n}", "503"])]))
    w.append(dict(
        id="xproc", group="core",
        title="cross-proc ping-pong (two procs), round trip", unit="ns",
        metric="ns_per_op", target=2000,
        ours=["ours_pingpong", "{n}", "proc"],
        note="Go's scheduler runs both goroutines on one OS thread even with "
             "GOMAXPROCS=2 (a woken goroutine is queued on its waker's own P and runs "
             "there as soon as the waker blocks), so the Go figure here is not a "
             "cross-thread handoff; see xproc-locked.",
        peers=[go("goroutines + unbuffered chan", ["go_pingpong", "{n}"], 2),
               pth("mutex+condvar handoff, 2 OS threads", ["pthread_pingpong", "{n}"])]))
    w.append(dict(
        id="create", group="core",
        title="threadcreate + exit, sequential, per thread", unit="ns",
        metric="ns_per_op", target=150,
        ours=["ours_create", "{n}"],
        peers=[go("go statement + Gosched until run", ["go_create", "{n}"], 1),
               pth("pthread_create + pthread_join", ["pthread_create", "{n}"])]))
    w.append(dict(
        id="mem100k", group="core",
        title="resident memory per idle blocked thread, 100,000 threads", unit="bytes",
        metric="bytes_per_thread", target=8192,
        note="(RSS after all threads have blocked - RSS before they were created) / N; "
             "RSS from /proc/self/smaps_rollup. Page tables are not in RSS: our result "
             "line shows their growth as pte_kb.",
        ours=["ours_mem", "100000"],
        peers=[go("goroutines blocked on a chan", ["go_mem", "100000"], 1)]))

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
        peers=[dict(go("goroutines + unbuffered chan, runtime.LockOSThread each",
                       ["go_pingpong", "{n}", "locked"], 2))]))
    w.append(dict(
        id="fanin8", group="fanin",
        title="fan-in: alt over K=8 channels, per message", unit="ns",
        metric="ns_per_op", target=None,
        ours=["ours_fanin", "{n}", "8"],
        peers=[go("select over 8 chans", ["go_fanin", "{n}", "8"], 1)]))

    nprimes = 2000 if quick else 10000
    w.append(dict(
        id="sieve", group="sieve",
        title="prime sieve, first %d primes, total" % nprimes, unit="ms",
        metric="ms", target=None,
        runs=3,
        ours=["ours_sieve", str(nprimes)],
        peers=[go("goroutine sieve", ["go_sieve", str(nprimes)], 1)]))

    sizes = [10, 100, 1000, 10000, 100000] + ([] if quick else [1000000])
    for n in sizes:
        w.append(dict(
            id="ring-curve/N=%d" % n, group="ring-curve",
            title="ring of N=%d threads, per hop" % n, unit="ns",
            metric="ns_per_op", target=None,
            # at least two laps, so every thread is visited
            min_n=2 * n, max_n=max(20 * n, 10 ** 8),
            runs=3 if n >= 1000000 else None,
            ours=["ours_ring", "{n}", str(n)],
            peers=[go("goroutine ring", ["go_ring", "{n}", str(n)], 1)]))

    for n in [1000, 10000, 100000] + ([] if quick else [1000000]):
        w.append(dict(
            id="mem-curve/N=%d" % n, group="mem-curve",
            title="resident memory per idle blocked thread, N=%d" % n, unit="bytes",
            metric="bytes_per_thread", target=None,
            runs=3 if n >= 1000000 else None,
            ours=["ours_mem", str(n)],
            peers=[go("goroutines blocked on a chan", ["go_mem", str(n)], 1)]))

    # --- ioproc(3) -----------------------------------------------------
    w.append(dict(
        id="iocall", group="ioproc",
        title="iocall of a no-op operation, round trip", unit="ns",
        metric="ns_per_op", target=4000,
        ours=["ours_iocall", "{n}"],
        note="Two cross-proc hand-offs per call. plan9port measured 22-26 us "
             "(docs/plan9port-abi.md).",
        peers=[]))
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

    for p in [1, 2, 4]:
        w.append(dict(
            id="scale/P=%d" % p, group="scale",
            title="P=%d procs, each an independent same-proc ping-pong pair; "
                  "wall time per round trip over all" % p, unit="ns",
            metric="ns_per_op", target=None,
            ours=["ours_scale", "{n}", str(p)],
            peers=[go("P goroutine pairs", ["go_scale", "{n}", str(p)], p)]))
    return w
