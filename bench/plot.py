#!/usr/bin/env python3
"""Plots of the benchmark curves, from a latest.json that harness.py wrote.

	python3 bench/plot.py bench/results/latest.json bench/results [SUFFIX]

Writes one PNG per curve (ring, mem, scale, fanin: the workloads whose
entry in workloads.py has a "curve"), every program that ran it on the same
axes, medians with bars from the fastest to the slowest run, and prints
"FILE<TAB>TITLE" for each.  A point of a curve with a target of its own
(the ring at N=1,000,000, memory at N=1,000,000) has the target drawn as a
gray star; a peer skipped at some points says where in its legend entry.
Needs matplotlib (Debian python3-matplotlib).
"""
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

ORDER = ["ours", "go1", "go2", "crossbeam", "tokio", "pthread"]
STYLE = {
    "ours": dict(color="black", marker="o", lw=2.4, ms=7, zorder=5),
    "go1": dict(color="tab:blue", marker="s", lw=1.5, ms=6),
    "go2": dict(color="tab:cyan", marker="D", lw=1.5, ms=5),
    "crossbeam": dict(color="tab:orange", marker="^", lw=1.5, ms=6),
    "tokio": dict(color="tab:green", marker="v", lw=1.5, ms=6),
    "pthread": dict(color="tab:red", marker="x", lw=1.5, ms=7),
}
LABEL = {
    "ours": "p9thread (ours)",
    "go1": "Go, GOMAXPROCS=1",
    "go2": "Go, GOMAXPROCS=2",
    "crossbeam": "Rust crossbeam-channel (OS threads)",
    "tokio": "Rust tokio (current-thread runtime)",
    "pthread": "C pthread mutex+condvar",
}

# name: (file stem, title, y label, y transform, log x, log y, target label)
PLOTS = {
    "ring": ("ring-ns-per-hop", "Thread ring: time per hop against ring size N",
             "ns per hop (median, log scale)", None, True, True),
    "mem": ("mem-bytes-per-thread", "Resident memory per idle blocked thread against N",
            "resident bytes per thread (median, log scale)", None, True, True),
    "scale": ("scale-throughput", "Ring of 512 threads over P procs, 64 tokens: throughput",
              "million hops per second (median; higher is better)", "per_s", True, False),
    "fanin": ("fanin-ns-per-message", "Fan-in: one thread alts over K channels fed by K senders",
              "ns per message received (median, log scale)", None, True, True),
}


def human(x, _pos=None):
    if x >= 1e6 and x % 1e6 == 0:
        return "%dM" % (x / 1e6)
    if x >= 1e3 and x % 1e3 == 0:
        return "%dk" % (x / 1e3)
    return "%g" % x


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    data = json.load(open(sys.argv[1]))
    outdir = sys.argv[2]
    suffix = sys.argv[3] if len(sys.argv) > 3 else ""
    m = data.get("machine", {})
    sub = "%s cores, %s, Linux %s; load average %s -> %s%s" % (
        m.get("cores", "?"), m.get("cpu", "?"), m.get("kernel", "?"),
        m.get("load_before", "?"), m.get("load_after", "?"),
        "; QUICK run" if data.get("quick") else "")

    curves = {}
    for w in data["workloads"]:
        c = w.get("curve")
        if not c:
            continue
        name, xlabel, x = c
        cv = curves.setdefault(name, {"xlabel": xlabel, "series": {}, "desc": {},
                                      "targets": [], "skipped": {}})
        if w.get("target") is not None:
            cv["targets"].append((x, w["target"]))
        for p in w["programs"]:
            if p.get("status") == "skipped":
                cv["skipped"].setdefault(p["name"], []).append(x)
            if p.get("median") is None:
                continue
            cv["series"].setdefault(p["name"], []).append((x, p["median"], p["min"], p["max"]))
            cv["desc"][p["name"]] = p["desc"]

    for name, cv in curves.items():
        if name not in PLOTS or not cv["series"]:
            continue
        stem, title, ylabel, transform, logx, logy = PLOTS[name]
        fig, ax = plt.subplots(figsize=(9, 5.8), dpi=110)
        xs_all = set()
        for prog in ORDER + sorted(set(cv["series"]) - set(ORDER)):
            pts = sorted(cv["series"].get(prog, []))
            if not pts:
                continue
            xs = [p[0] for p in pts]
            xs_all.update(xs)
            if transform == "per_s":      # ns per hop -> million hops per second
                ys = [1e3 / p[1] for p in pts]
                lo = [1e3 / p[1] - 1e3 / p[3] for p in pts]
                hi = [1e3 / p[2] - 1e3 / p[1] for p in pts]
            else:
                ys = [p[1] for p in pts]
                lo = [p[1] - p[2] for p in pts]
                hi = [p[3] - p[1] for p in pts]
            label = LABEL.get(prog, prog)
            if name == "scale" and prog == "go2":
                label = "Go, GOMAXPROCS=P"
            elif name == "scale" and prog == "tokio":
                label = "Rust tokio (multi-thread runtime, P workers)"
            elif name == "scale" and prog == "crossbeam":
                label = "Rust crossbeam-channel (512 OS threads, any P)"
            elif name == "scale" and prog == "pthread":
                label = "C pthread mutex+condvar (512 OS threads, any P)"
            if cv["skipped"].get(prog):
                label += " (not run at %s)" % ", ".join(human(x) for x in sorted(cv["skipped"][prog]))
            st = dict(STYLE.get(prog, {}))
            ax.errorbar(xs, ys, yerr=[lo, hi], label=label, capsize=3, **st)
        for x, y in cv["targets"]:
            y = 1e3 / y if transform == "per_s" else y
            ax.plot([x], [y], marker="*", ms=13, color="gray", ls="none", zorder=6,
                    label="our target at %s: %g" % (human(x), y))
        if logx:
            ax.set_xscale("log", base=2 if name in ("scale", "fanin") else 10)
        if logy:
            ax.set_yscale("log")
        else:
            ax.set_ylim(bottom=0)
        ax.set_xticks(sorted(xs_all))
        ax.xaxis.set_major_formatter(FuncFormatter(human))
        ax.xaxis.set_minor_formatter(FuncFormatter(lambda *_: ""))
        ax.set_xlabel(cv["xlabel"])
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=12)
        fig.text(0.5, 0.005, sub, ha="center", va="bottom", fontsize=7, color="dimgray")
        ax.grid(True, which="major", alpha=0.35)
        ax.grid(True, which="minor", alpha=0.12)
        ax.legend(fontsize=8, loc="best", framealpha=0.85)
        fig.tight_layout(rect=(0, 0.025, 1, 1))
        fn = "%s%s.png" % (stem, suffix)
        fig.savefig(os.path.join(outdir, fn))
        plt.close(fig)
        print("%s\t%s" % (fn, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
