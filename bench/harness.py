#!/usr/bin/env python3
"""Runs the workloads of bench/workloads.py; called by bench/run.sh.

For every workload it runs our program and each installed peer RUNS times,
interleaved (ours, peer 1, peer 2, ours, ...) so that drift of the machine
hits all alike, and reports the median and min-max of each, and each peer's
median divided by ours (above 1: we are faster or smaller).  Per-operation
workloads first calibrate their count per program (see workloads.py).

Writes bench/results/latest.json (every run's result line) and
bench/results/REPORT.md (REPORT-quick.md in QUICK mode, so that a quick run
does not replace the full report).  Standard library only.
"""
import argparse
import fnmatch
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True   # no bench/__pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads as workloads_mod  # noqa: E402

PEER_COLUMNS = ["go1", "go2", "crossbeam", "tokio", "pthread"]

# What each column is, for the report.
COLUMN_DESC = [
    ("ours", "p9thread (this library), via thread.h"),
    ("go1", "Go goroutines and channels, GOMAXPROCS=1"),
    ("go2", "Go goroutines and channels, GOMAXPROCS=2 (in scale: GOMAXPROCS=P)"),
    ("crossbeam", "Rust crossbeam-channel between OS threads (std::thread), bounded(0) channels"),
    ("tokio", "Rust tokio tasks, current-thread runtime (xproc: 2 workers; scale: P workers), "
              "tokio::sync::mpsc (capacity 1) / oneshot"),
    ("pthread", "C pthread mutex+condvar handoff"),
]


def env_flag(name):
    return os.environ.get(name, "") not in ("", "0", "no", "false")


class Settings:
    def __init__(self):
        self.quick = env_flag("QUICK")
        self.runs_set = bool(os.environ.get("RUNS"))
        self.runs = int(os.environ.get("RUNS") or (3 if self.quick else 5))
        self.target_s = 0.1 if self.quick else 0.3   # seconds per calibrated run
        self.timeout = 60 if self.quick else 180      # seconds per run
        self.only = [p for p in os.environ.get("BENCH_ONLY", "").split(",") if p]
        self.strict = env_flag("BENCH_STRICT")


# ---------------------------------------------------------------- running

class RunError(Exception):
    pass


def parse_result(stdout):
    """The last line of key=value pairs, as (name, {key: str})."""
    for line in reversed(stdout.splitlines()):
        kv = dict(re.findall(r"(\w+)=(\S+)", line))
        if kv:
            return line.split()[0], kv
    return None, {}


def run_once(binpath, args, env, metric, timeout):
    """Run one program once; return (value, result line) or raise RunError."""
    full_env = dict(os.environ)
    full_env.update(env)
    cmd = [binpath] + [str(a) for a in args]
    t0 = time.monotonic()
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=full_env, text=True, start_new_session=True)
    except OSError as e:
        raise RunError("cannot start: %s" % e)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        p.communicate()
        raise RunError("timeout after %d s: %s" % (timeout, " ".join(cmd[1:])))
    wall = time.monotonic() - t0
    if p.returncode != 0:
        if p.returncode < 0:
            why = "killed by %s" % signal.Signals(-p.returncode).name
        else:
            why = "exit status %d" % p.returncode
        tail = " | ".join(err.strip().splitlines()[-3:])
        raise RunError("%s (args %s)%s" % (why, " ".join(cmd[1:]), ": " + tail if tail else ""))
    _, kv = parse_result(out)
    if metric not in kv:
        tail = " | ".join((out + err).strip().splitlines()[-3:])
        raise RunError("no %s= in the output (args %s): %s" % (metric, " ".join(cmd[1:]), tail))
    try:
        value = float(kv[metric])
    except ValueError:
        raise RunError("bad %s=%s" % (metric, kv[metric]))
    return value, out.strip().splitlines()[-1], wall


def subst(cmd, n):
    return [str(n) if a == "{n}" else a for a in cmd]


def calibrate(binpath, prog, w, st):
    """Pick the count for "{n}" so that one run takes about st.target_s."""
    min_n = int(w.get("min_n", 1))
    max_n = int(w.get("max_n", 10 ** 9))
    n = max(min(1000, max_n), min_n)
    while True:
        v, line, _ = run_once(binpath, subst(prog["cmd"][1:], n), prog["env"], w["metric"], st.timeout)
        spent = v * n / 1e9          # metric is ns per operation
        if spent >= st.target_s / 20 or n >= max_n:
            break
        n = min(n * 10, max_n)
    tried = n
    if spent > 0:
        n = int(n * st.target_s / spent)
    n = max(min_n, min(max_n, n))
    # round to 2 significant digits, for readable counts
    mag = 10 ** max(0, len(str(n)) - 2)
    n = max(min_n, (n // mag) * mag)
    # The last trial ran with the count chosen (a ring that needs min_n hops
    # anyway, say): it is a run like the others; keep it.
    kept = (v, line) if n == tried else None
    return n, kept


def programs_of(w):
    progs = [{"name": "ours", "desc": "p9thread", "cmd": w["ours"], "env": {}}]
    progs += w.get("peers", [])
    return progs


def programs_cmd(w, name):
    for p in programs_of(w):
        if p["name"] == name:
            return p["cmd"]
    return []


def run_workload(w, st, bindir, have):
    progs = programs_of(w)
    res = {}
    for prog in progs:
        r = {"name": prog["name"], "desc": prog["desc"], "env": prog["env"],
             "values": [], "lines": [], "status": "ok", "error": None, "n": None}
        res[prog["name"]] = r
        if prog.get("skip"):
            r["status"], r["error"], r["bin"] = "skipped", prog["skip"], None
            continue
        binpath = os.path.join(bindir, prog["cmd"][0])
        r["bin"] = binpath
        if not os.path.exists(binpath):
            if prog["cmd"][0].startswith("go_") and not have["go"]:
                r["status"], r["error"] = "skipped", "go not installed (Debian package golang-go)"
            elif prog["cmd"][0].startswith("rust_") and not have["cargo"]:
                r["status"], r["error"] = "skipped", "cargo not installed (rustup, or Debian package cargo)"
            elif prog["name"] == "ours":
                r["status"], r["error"] = "failed", "not built (see build/bench/build.log)"
            else:
                r["status"], r["error"] = "skipped", "not built (see build/bench/build.log)"
            continue
        if "{n}" in prog["cmd"]:
            try:
                r["n"], kept = calibrate(binpath, prog, w, st)
            except RunError as e:
                r["status"], r["error"] = "failed", str(e)
                continue
            if kept:
                r["values"].append(kept[0])
                r["lines"].append(kept[1])
    # A workload's own "runs" (heavy extras) applies unless RUNS is set.
    runs = st.runs if st.runs_set else min(st.runs, int(w.get("runs") or st.runs))
    for _ in range(runs):
        for prog in progs:
            r = res[prog["name"]]
            if r["status"] != "ok" or len(r["values"]) >= runs:
                continue
            args = subst(prog["cmd"][1:], r["n"]) if r["n"] else prog["cmd"][1:]
            try:
                v, line, _ = run_once(r["bin"], args, prog["env"], w["metric"], st.timeout)
            except RunError as e:
                r["status"], r["error"] = "failed", str(e)
                continue
            r["values"].append(v)
            r["lines"].append(line)
    for r in res.values():
        if r["values"] and r["status"] == "ok":
            r["median"] = statistics.median(r["values"])
            r["min"], r["max"] = min(r["values"]), max(r["values"])
        else:
            r["median"] = r["min"] = r["max"] = None
        # CPU time for the same work (key cpu_<metric>), where a program
        # reports it: wall time less preemption by other work on the machine.
        cpu = []
        for line in r["lines"]:
            kv = parse_result(line)[1]
            if "cpu_" + w["metric"] in kv:
                cpu.append(float(kv["cpu_" + w["metric"]]))
        r["cpu_median"] = statistics.median(cpu) if cpu and r["median"] is not None else None
    ours = res["ours"]["median"]
    for r in res.values():
        r["ratio"] = (r["median"] / ours) if (ours and r["median"] is not None and r["name"] != "ours") else None
    return res


# ---------------------------------------------------------------- output

def fmt(v, unit=None):
    if v is None:
        return "-"
    if unit == "ratio":
        return "%.2f" % v
    if float(v).is_integer():
        return "{:,.0f}".format(v)
    if unit == "bytes" or abs(v) >= 1000:
        return "{:,.0f}".format(v)
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.2f" % v


def fmt_ratio(x):
    if x is None:
        return "-"
    return ("%.1fx" % x) if x >= 10 else ("%.2fx" % x)


def cell(r, unit, spread=True):
    if r is None:
        return "-"
    if r["status"] == "skipped":
        return "skipped"
    if r["status"] != "ok":
        return "NOT BUILT" if (r["error"] or "").startswith("not built") else "FAILED"
    s = fmt(r["median"], unit)
    if spread:
        s += " [%s-%s]" % (fmt(r["min"], unit), fmt(r["max"], unit))
    return s


def verdict(w, r):
    t = w.get("target")
    if t is None:
        return ""
    if r["median"] is None:
        return "<=%s ?" % fmt(t, w["unit"])
    return "<=%s %s" % (fmt(t, w["unit"]), "ok" if r["median"] <= t else "MISS")


def table_rows(done):
    head = ["workload", "unit", "ours median [min-max]", "target"]
    for p in PEER_COLUMNS:
        head += [p, "%s/ours" % p]
    rows = [head]
    for w, res in done:
        row = [w["id"], w["unit"], cell(res["ours"], w["unit"]), verdict(w, res["ours"])]
        for p in PEER_COLUMNS:
            r = res.get(p)
            row += [cell(r, w["unit"], spread=False) if r else "",
                    fmt_ratio(r["ratio"]) if r else ""]
        rows.append(row)
    return rows


def print_table(rows, out):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        out.write("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() + "\n")
        if k == 0:
            out.write("  ".join("-" * x for x in widths) + "\n")


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True,
                              timeout=20).stdout.strip()
    except Exception:
        return ""


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return ""


def crate_versions(lockfile):
    """'crossbeam-channel 0.5.x, tokio 1.x, ...' from bench/rust/Cargo.lock."""
    try:
        text = open(lockfile).read()
    except OSError:
        return ""
    pk = re.findall(r'name = "([^"]+)"\nversion = "([^"]+)"', text)
    keep = ("crossbeam-channel", "tokio", "tokio-stream")
    return ", ".join("%s %s" % (n, v) for n, v in pk if n in keep)


def machine(go_version, rust_version="", lockfile=""):
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        libc = ""
    commit = sh("git rev-parse --short HEAD")
    if commit and sh("git status --porcelain -- src csrc include build.rs Cargo.toml"):
        commit += " (library sources modified)"
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "memory": mem,
        "cc": sh("${CC:-cc} --version | head -1"),
        "libc": libc,
        "go": go_version or "not installed",
        "rust": (rust_version + ("; " + crate_versions(lockfile) if lockfile and rust_version else "")
                 ) if rust_version else "not installed",
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def write_report(path, done, st, m, elapsed, plots):
    o = []
    o.append("# p9thread benchmark report\n")
    o.append("Written by `make bench` (bench/run.sh)%s. Figures are medians of %d runs "
             "per program (the runs column says how many each had); runs of ours and the peers are interleaved. Ratio = "
             "peer's median / our median (above 1: we are faster, or smaller). "
             "Lower is better everywhere. Where a program reports it, CPU-time median "
             "is the process's CPU time for the same work (all its OS threads): for "
             "single-proc workloads, the wall figure less time lost to other work "
             "on the machine.\n"
             % (" with QUICK=1: short runs, not for comparison" if st.quick else "", st.runs))
    o.append("## Machine\n")
    o.append("| | |\n|---|---|")
    for k, label in [("cores", "cores"), ("cpu", "CPU"), ("kernel", "kernel"), ("memory", "memory"),
                     ("cc", "C compiler"), ("libc", "C library"), ("go", "Go"),
                     ("rust", "Rust peers"), ("plots", "plots"),
                     ("commit", "commit"), ("date", "date"),
                     ("load_before", "load average before"), ("load_after", "load average after")]:
        o.append("| %s | %s |" % (label, m.get(k, "")))
    o.append("| bench wall time | %.0f s |" % elapsed)
    o.append("")
    o.append("## Summary\n")
    o.append("Columns: " + "; ".join("**%s**: %s" % kv for kv in COLUMN_DESC) +
             ". Each peer column is the peer's median, the next its ratio peer/ours "
             "(above 1: ours is faster, or smaller). *skipped* says a peer was not "
             "run (the workload's section says why); an empty cell, that the peer "
             "has no such workload.\n")
    rows = table_rows(done)
    o.append("| " + " | ".join(rows[0]) + " |")
    o.append("|" + "---|" * len(rows[0]))
    for r in rows[1:]:
        o.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    o.append("")
    behind, ahead, compared = [], 0, 0
    counted = set()
    for w, res in done:
        rs = [r for r in res.values() if r["name"] != "ours" and r["ratio"] is not None]
        if not rs or w.get("reference"):
            continue
        # A workload that runs the same commands as one counted already
        # (mem100k is also a point of the mem curve) is counted once.
        same = tuple(sorted((p["name"], tuple(p["cmd"])) for p in programs_of(w)))
        if same in counted:
            continue
        counted.add(same)
        compared += 1
        lost = [r for r in rs if r["ratio"] < 1]
        if lost:
            behind.append("%s (%s)" % (w["id"], ", ".join(
                "%s %s" % (r["name"], fmt_ratio(r["ratio"])) for r in lost)))
        else:
            ahead += 1
    if compared:
        o.append("Ahead of every peer that ran on %d of %d workloads with peers.%s\n" % (
            ahead, compared, (" Behind on: " + "; ".join(behind) + ".") if behind else ""))
    if plots:
        o.append("## Plots\n")
        o.append("Medians, with bars from the fastest to the slowest run; every peer that "
                 "ran the curve on the same axes. Made by bench/plot.py from latest.json.\n")
        for title, fn in plots:
            o.append("### %s\n" % title)
            o.append("![%s](%s)\n" % (title, fn))
    else:
        o.append("## Plots\n")
        o.append("Plots were skipped: %s. To get them install matplotlib "
                 "(Debian: `apt-get install python3-matplotlib`; or "
                 "`pip install matplotlib`) and run `make bench` again, or "
                 "`python3 bench/plot.py bench/results/latest.json bench/results` "
                 "on this run's results.\n" % (m.get("plots") or "matplotlib not found"))
    o.append("## Workloads\n")
    for w, res in done:
        o.append("### %s: %s (%s)\n" % (w["id"], w["title"], w["unit"]))
        if w.get("target") is not None:
            o.append("Target: <= %s %s.\n" % (fmt(w["target"], w["unit"]), w["unit"]))
        if w.get("note"):
            o.append(w["note"] + "\n")
        o.append("| program | what | count | median | min-max | runs | peer/ours | CPU-time median |")
        o.append("|---|---|---|---|---|---|---|---|")
        for r in res.values():
            if r["status"] == "ok":
                med, mm = fmt(r["median"], w["unit"]), "%s-%s" % (fmt(r["min"], w["unit"]), fmt(r["max"], w["unit"]))
            else:
                med, mm = r["status"], (r["error"] or "").replace("|", "\\|")
            o.append("| %s | %s | %s | %s | %s | %d | %s | %s |" % (
                r["name"], r["desc"].replace("|", "\\|"), "{:,}".format(r["n"]) if r["n"] else "fixed",
                med, mm, len(r["values"]), fmt_ratio(r["ratio"]) if r["name"] != "ours" else "",
                fmt(r.get("cpu_median"), w["unit"]) if r.get("cpu_median") is not None else ""))
        o.append("")
        lines = ["%s$ %s%s %s\n%s" % ("", " ".join("%s=%s" % kv for kv in r["env"].items()) + " " if r["env"] else "",
                                       r["bin"].split("/")[-1] if r.get("bin") else "", " ".join(
                                           subst(programs_cmd(w, r["name"])[1:], r["n"]) if r["n"] else programs_cmd(w, r["name"])[1:]),
                                       r["lines"][-1])
                 for r in res.values() if r["lines"] and r.get("bin")]
        if lines:
            o.append("Last run's output:\n")
            o.append("```\n" + "\n".join(lines) + "\n```\n")
    with open(path, "w") as f:
        f.write("\n".join(o))


# ---------------------------------------------------------------- main

def selected(w, only):
    if not only:
        return True
    return any(fnmatch.fnmatchcase(w["id"], p) or fnmatch.fnmatchcase(w["group"], p) for p in only)


def find_plotter(here):
    """A python with matplotlib: this one, else the system's (Debian's
    python3-matplotlib installs for /usr/bin/python3).  (cmd, why-not)."""
    cands = [sys.executable, "/usr/bin/python3", "python3"]
    seen = set()
    for py in cands:
        if not py or py in seen:
            continue
        seen.add(py)
        try:
            p = subprocess.run([py, "-c", "import matplotlib; print(matplotlib.__version__)"],
                               capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if p.returncode == 0:
            return [py, os.path.join(here, "plot.py")], "matplotlib " + p.stdout.strip()
    return None, "matplotlib is not importable (tried %s)" % ", ".join(sorted(seen))


def make_plots(results_dir, json_path, suffix):
    """Run bench/plot.py; returns ([(title, file name)], what happened)."""
    here = os.path.dirname(os.path.abspath(__file__))
    cmd, what = find_plotter(here)
    if cmd is None:
        return [], what
    try:
        p = subprocess.run(cmd + [json_path, results_dir, suffix],
                           capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], "plot.py failed: %s" % e
    if p.returncode != 0:
        tail = " | ".join(p.stderr.strip().splitlines()[-3:])
        return [], "plot.py failed: %s" % tail
    plots = []
    for line in p.stdout.splitlines():
        if "\t" in line:
            fn, title = line.split("\t", 1)
            plots.append((title, fn))
    return plots, "%s, %d PNG files" % (what, len(plots))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--go-version", default="")
    ap.add_argument("--rust-version", default="")
    ap.add_argument("--cargo-lock", default="")
    a = ap.parse_args()
    st = Settings()
    have = {"go": bool(a.go_version), "cargo": bool(a.rust_version)}
    ws = [w for w in workloads_mod.workloads(st.quick) if selected(w, st.only)]
    if not ws:
        print("bench: BENCH_ONLY=%s matches no workload" % ",".join(st.only))
        return 1
    print("bench: %s mode, %d runs per program, %d workloads%s%s"
          % ("QUICK" if st.quick else "full", st.runs, len(ws),
             "" if have["go"] else "; Go peers skipped (go not installed)",
             "" if have["cargo"] else "; Rust peers skipped (cargo not installed)"))
    load_before = loadavg()
    t0 = time.monotonic()
    done = []
    for w in ws:
        tw = time.monotonic()
        res = run_workload(w, st, a.bin, have)
        done.append((w, res))
        parts = []
        for r in res.values():
            if r["status"] == "ok":
                s = "%s %s [%s-%s]" % (r["name"], fmt(r["median"], w["unit"]),
                                       fmt(r["min"], w["unit"]), fmt(r["max"], w["unit"]))
                if r["ratio"] is not None:
                    s += " (%s)" % fmt_ratio(r["ratio"])
            else:
                s = "%s %s" % (r["name"], r["status"])
            parts.append(s)
        print("  %-22s %s: %s  (%.0f s)" % (w["id"], w["unit"], "; ".join(parts), time.monotonic() - tw))
        for r in res.values():
            if r["status"] == "failed":
                print("    %s FAILED: %s" % (r["name"], r["error"]))
        sys.stdout.flush()
    elapsed = time.monotonic() - t0

    # Targets relative to another workload's figure in the same run.
    ours_by_id = {w["id"]: res["ours"]["median"] for w, res in done}
    for w, res in done:
        rel = w.get("target_rel")
        if rel and ours_by_id.get(rel[0]) is not None:
            w["target"] = round(rel[1] * ours_by_id[rel[0]], 1)
            w.setdefault("note", "")
            w["note"] = (w["note"] + " " if w["note"] else "") + (
                "Target: within %gx of %s's per-hop figure in the same run (%s ns)."
                % (rel[1], rel[0], fmt(ours_by_id[rel[0]])))

    print()
    print_table(table_rows(done), sys.stdout)
    print()
    print("ratio = peer median / our median (above 1: ours is faster or smaller); "
          "[min-max] over %d runs" % st.runs)

    m = machine(a.go_version, a.rust_version, a.cargo_lock)
    m["load_before"], m["load_after"] = load_before, loadavg()
    os.makedirs(a.results, exist_ok=True)
    jpath = os.path.join(a.results, "latest.json")
    with open(jpath, "w") as f:
        json.dump({"machine": m, "quick": st.quick, "runs": st.runs,
                   "workloads": [{"id": w["id"], "group": w["group"], "title": w["title"],
                                  "unit": w["unit"], "metric": w["metric"], "target": w.get("target"),
                                  "curve": w.get("curve"),
                                  "programs": list(res.values())} for w, res in done]},
                  f, indent=1)
    plots, m["plots"] = make_plots(a.results, jpath, "-quick" if st.quick else "")
    print("bench: plots: %s" % m["plots"])
    report = os.path.join(a.results, "REPORT-quick.md" if st.quick else "REPORT.md")
    write_report(report, done, st, m, elapsed, plots)
    print("bench: wrote %s and %s (%.0f s)" % (os.path.relpath(report), os.path.relpath(jpath), elapsed))

    status = 0
    for w, res in done:
        if res["ours"]["status"] != "ok":
            status = 1
        elif st.strict and w.get("target") is not None and res["ours"]["median"] > w["target"]:
            status = 1
    if status:
        print("bench: some of our benchmarks failed%s" % (" or missed their targets" if st.strict else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
