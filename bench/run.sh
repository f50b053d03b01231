#!/usr/bin/env bash
# bench/run.sh LIBDIR: build the benchmarks and their peers, run them, and
# print medians, peers' figures and ratios; writes bench/results/REPORT.md
# (REPORT-quick.md in QUICK mode) and bench/results/latest.json.
#
# Environment:
#   QUICK=1          short run (fewer runs, shorter runs, smaller curves; < 1 min)
#   RUNS=N           runs per program (default 5; 3 with QUICK=1)
#   BENCH_ONLY=PAT   comma-separated shell patterns over workload ids or
#                    groups, e.g. BENCH_ONLY='pingpong,ring*' or BENCH_ONLY=core
#   BENCH_STRICT=1   exit 1 also when one of our figures misses its target
#   CC, CFLAGS       C compiler and flags (default cc, -O2)
#   INCLUDEDIR       where thread.h is (default include/)
#
# Needs cc and python3.  Peers: Go (Debian golang-go: the `go` command) is
# used when installed and reported as "skipped" otherwise; the pthread peers
# need only cc.  Nothing is installed here.  Exit status 1 when one of our
# own benchmarks did not build, failed or timed out.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

libdir=${1:-target/release}
case $libdir in /*) ;; *) libdir="$root/$libdir" ;; esac
incdir=${INCLUDEDIR:-$root/include}

out="$root/build/bench"
mkdir -p "$out" "$here/results"
log="$out/build.log"
: >"$log"

CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2}
cflags="$CFLAGS -std=c11 -D_GNU_SOURCE -Wall"

if ! command -v python3 >/dev/null 2>&1; then
	echo "bench: python3 is needed to run the benchmarks" >&2
	exit 1
fi

# Remove stale binaries so that a failed build is not hidden by an old one.
rm -f "$out"/ours_* "$out"/pthread_* "$out"/go_*

echo "bench: building into build/bench (log: build/bench/build.log)"

# Our workloads: bench/NAME.c -> build/bench/ours_NAME
if [ -e "$libdir/libthread.so" ] || [ -e "$libdir/libthread.a" ]; then
	for src in "$here"/*.c; do
		[ -e "$src" ] || continue
		name=$(basename "$src" .c)
		echo "== ours_$name" >>"$log"
		if ! $CC $cflags -I "$incdir" -I "$here" "$src" -L "$libdir" -lthread \
			-Wl,-rpath,"$libdir" -o "$out/ours_$name" >>"$log" 2>&1; then
			echo "bench: ours_$name did not build (see build/bench/build.log)" >&2
		fi
	done
else
	echo "bench: no libthread in $libdir: our benchmarks are not built" >&2
	echo "no libthread in $libdir" >>"$log"
fi

# pthread peers: bench/pthread/NAME.c -> build/bench/pthread_NAME
for src in "$here"/pthread/*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	echo "== pthread_$name" >>"$log"
	$CC $cflags -pthread -I "$here" "$src" -o "$out/pthread_$name" >>"$log" 2>&1 ||
		echo "bench: pthread_$name did not build (see build/bench/build.log)" >&2
done

# Go peers: bench/go/NAME.go -> build/bench/go_NAME (standard library only)
if command -v go >/dev/null 2>&1; then
	export GOCACHE="$root/build/gocache" GOPATH="$root/build/gopath" GOFLAGS= GO111MODULE=on GOTOOLCHAIN=local
	for src in "$here"/go/*.go; do
		[ -e "$src" ] || continue
		name=$(basename "$src" .go)
		echo "== go_$name" >>"$log"
		(cd "$here/go" && go build -o "$out/go_$name" "$name.go") >>"$log" 2>&1 ||
			echo "bench: go_$name did not build (see build/bench/build.log)" >&2
	done
	gover=$(go version 2>/dev/null)
else
	echo "bench: go not installed: Go peers skipped (Debian package golang-go)" >&2
	gover=
fi

exec python3 "$here/harness.py" --bin "$out" --results "$here/results" --go-version "$gover"
