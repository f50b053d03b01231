#!/usr/bin/env bash
# ctests/run.sh LIBDIR [TEST...]: build and run p9thread's C tests.
#
# Every ctests/*.c is one program testing one behaviour; its exit status is
# the verdict.  LIBDIR holds libthread.so and libthread.a (default
# target/release); TEST names (file names without .c) select a subset.
# Outputs go to build/ctests/.  Besides the programs, the header
# include/thread.h is compiled alone as pedantic C11 and as C++, and after a
# mock of plan9port's u.h/libc.h (ctests/p9port/).
#
# A test declares special needs in comment lines at its top:
#   // link: static | dynamic | both   which libthread to link (default dynamic)
#   // cflags: ...                     extra compiler flags (e.g. -fsanitize=address)
#   // sources: f.c ...                more C files (paths relative to ctests/)
#                                      compiled into the program, e.g. the
#                                      mock of plan9port's lib9 (p9port/lib9.c)
#   // lang: c++                       compile the .c file as C++ with g++
#   // args: ...                       command-line arguments
#   // env: VAR=value ...               environment the program runs with
#   // expect: abort "s1" "s2"         pass only if the program dies by SIGABRT
#                                      and its stderr contains every string
#   // expect: signal "s1" ...         the same for any signal (but not the
#                                      watchdog's, nor a timeout)
#   // qemu: reason                    skipped when CTEST_RUN is set: the test
#                                      needs what qemu-user does not emulate
#   // tsan: reason                    skipped when CC builds for ThreadSanitizer
#                                      (-fsanitize=thread), as are the tests
#                                      built for AddressSanitizer
#   // asan: reason                    skipped when CC builds for
#                                      AddressSanitizer (-fsanitize=address),
#                                      as are the tests built for
#                                      ThreadSanitizer
# Prints PASS/FAIL per test and ends with the line "N passed, M failed";
# exits non-zero if any failed.  Environment: CC, CXX (each may carry
# flags, e.g. CC="gcc -fsanitize=address,undefined"), CTEST_TIMEOUT
# (seconds per program, default 60; each program's own watchdog is 30 s),
# CTEST_INCLUDE (directory of the thread.h under test, default include/),
# CTEST_OUT (where programs and logs go, default build/ctests),
# CTEST_RUN (a command that runs each program, e.g. qemu-user for another
# CPU; default none).

set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIBDIR=${1:-target/release}
[ $# -gt 0 ] && shift
case $LIBDIR in /*) ;; *) LIBDIR=$ROOT/$LIBDIR ;; esac
CC=${CC:-gcc}
CXX=${CXX:-g++}
# Under a sanitizer: its name, its directive, and the flag of the one it
# cannot run beside.
case " $CC " in
*" -fsanitize=thread "*) SAN=ThreadSanitizer SAN_DIRECTIVE=tsan SAN_OTHER=-fsanitize=address ;;
*" -fsanitize=address"[\ ,]*) SAN=AddressSanitizer SAN_DIRECTIVE=asan SAN_OTHER=-fsanitize=thread ;;
*) SAN= SAN_DIRECTIVE= SAN_OTHER= ;;
esac
TIMEOUT=${CTEST_TIMEOUT:-60}
OUT=${CTEST_OUT:-$ROOT/build/ctests}
RUN=${CTEST_RUN:-}
INC=${CTEST_INCLUDE:-$ROOT/include}
mkdir -p "$OUT"

passed=0
failed=0
skipped=0
failures=()

elapsed=
pass() { passed=$((passed + 1)); echo "PASS $1${elapsed:+ ($elapsed)}"; }
fail() {
	failed=$((failed + 1)); failures+=("$1")
	echo "FAIL $1 ($2)${elapsed:+ ($elapsed)}"
	if [ -n "${3:-}" ] && [ -s "$3" ]; then
		tail -n 15 "$3" | sed 's/^/    | /'
	fi
}

# directive FILE KEY: the value of the first "// KEY: value" line among the
# comment lines at the top of FILE.
directive() {
	awk -v key="$2" '
		!/^\/\// { exit }
		{
			line = $0; sub(/^\/\/[ \t]*/, "", line)
			if (index(line, key ":") == 1) {
				sub(/^[^:]*:[ \t]*/, "", line); print line; exit
			}
		}' "$1"
}

# ---- header checks -------------------------------------------------------

header_check() { # name command...
	local name=$1; shift
	local log=$OUT/$name.log
	if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name" "does not compile cleanly" "$log"; fi
}

if [ ! -f "$INC/thread.h" ]; then
	fail header "include/thread.h is missing"
else
	printf '#include <thread.h>\nint header_c_probe;\n' >"$OUT/header-probe.c"
	printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\nint header_p9_probe;\n' >"$OUT/header-p9-probe.c"
	# CC and CXX may carry flags (CC="gcc -fsanitize=address"): split them.
	# shellcheck disable=SC2086
	if [ $# -eq 0 ]; then
		header_check header-c11-pedantic $CC -std=c11 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c "$INC/thread.h"
		header_check header-c11-include $CC -std=c11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$INC" "$OUT/header-probe.c"
		header_check header-c++ $CXX -x c++ -Wall -Wextra -Werror -fsyntax-only "$INC/thread.h"
		header_check header-c++-include $CXX -x c++ -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$INC" "$OUT/header-probe.c"
		header_check header-p9port-c $CC -std=c11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$ROOT/ctests/p9port" -I"$INC" "$OUT/header-p9-probe.c"
		header_check header-p9port-c++ $CXX -x c++ -Wall -Wextra -Werror -fsyntax-only -I"$ROOT/ctests/p9port" -I"$INC" "$OUT/header-p9-probe.c"
	fi
fi

# ---- programs ------------------------------------------------------------

# run_test SRC VARIANT(dynamic|static) NAME
run_test() {
	local src=$1 variant=$2 name=$3
	local bin=$OUT/$name log=$OUT/$name
	elapsed=
	local cflags lang args env expect compiler std linkflags sources extra
	cflags=$(directive "$src" cflags)
	sources=$(directive "$src" sources)
	extra=
	for f in $sources; do extra="$extra $ROOT/ctests/$f"; done
	lang=$(directive "$src" lang)
	args=$(directive "$src" args)
	env=$(directive "$src" env)
	expect=$(directive "$src" expect)

	if [ "$lang" = "c++" ]; then
		compiler=$CXX; std="-x c++ -std=c++17"
	else
		compiler=$CC; std="-std=c11"
	fi
	if [ "$variant" = static ]; then
		linkflags="$LIBDIR/libthread.a -lpthread -ldl -lm"
	else
		linkflags="-L$LIBDIR -lthread -Wl,-rpath,$LIBDIR"
	fi
	rm -f "$bin"
	# $std, $cflags, $extra and $linkflags are word lists on purpose.
	# shellcheck disable=SC2086
	if ! $compiler $std -D_GNU_SOURCE -Wall -Wextra -O1 -g $cflags -I"$INC" -I"$ROOT/ctests" \
		"$src" $extra -x none $linkflags -o "$bin" >"$log.build" 2>&1; then
		fail "$name" "does not build" "$log.build"
		return
	fi

	local status t0 t1
	t0=$(date +%s.%N)
	# The outer subshell swallows bash's "Aborted" notices: dying by a
	# signal is what some tests expect.
	# shellcheck disable=SC2086
	status=$( { (cd "$OUT" && ulimit -c 0 && exec env $env timeout -k 5 "$TIMEOUT" $RUN "$bin" $args) \
		>"$log.out" 2>"$log.err" </dev/null; echo $?; } 2>/dev/null )
	t1=$(date +%s.%N)
	elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1fs", b - a }')

	if [ -z "$expect" ]; then
		if [ $status -eq 0 ]; then pass "$name"
		elif [ $status -eq 124 ]; then fail "$name" "timed out after ${TIMEOUT}s" "$log.err"
		elif [ $status -eq 3 ] && grep -q '^watchdog:' "$log.err"; then fail "$name" "watchdog fired" "$log.err"
		elif [ $status -gt 128 ]; then fail "$name" "killed by signal $((status - 128))" "$log.err"
		else fail "$name" "exit status $status" "$log.err"
		fi
		return
	fi

	case $expect in
	abort*|signal*)
		# 124: timeout; SIGALRM: a watchdog without our handler; SIGKILL: timeout -k.
		if [ $status -eq 124 ] || [ $status -le 128 ] || [ $status -eq $((128 + 14)) ] || [ $status -eq $((128 + 9)) ]; then
			fail "$name" "expected death by a signal, got status $status" "$log.err"
			return
		fi
		if [ "${expect%%[ \"]*}" = abort ] && [ $status -ne $((128 + 6)) ]; then
			fail "$name" "expected SIGABRT, got signal $((status - 128))" "$log.err"
			return
		fi
		local want
		while IFS= read -r want; do
			want=${want#\"}; want=${want%\"}
			if ! grep -qF -- "$want" "$log.err"; then
				fail "$name" "stderr lacks \"$want\"" "$log.err"
				return
			fi
		done < <(grep -o '"[^"]*"' <<<"$expect")
		pass "$name"
		;;
	*)
		fail "$name" "unknown expect directive: $expect"
		;;
	esac
}

if [ $# -gt 0 ]; then
	tests=()
	for t in "$@"; do tests+=("$ROOT/ctests/${t%.c}.c"); done
else
	tests=("$ROOT"/ctests/*.c)
fi

for src in "${tests[@]}"; do
	elapsed=
	base=$(basename "$src" .c)
	if [ ! -f "$src" ]; then fail "$base" "no such test"; continue; fi
	if [ -n "$RUN" ] && [ -n "$(directive "$src" qemu)" ]; then
		skipped=$((skipped + 1))
		echo "SKIP $base (under $RUN: $(directive "$src" qemu))"
		continue
	fi
	if [ -n "$SAN" ]; then
		why=$(directive "$src" "$SAN_DIRECTIVE")
		case " $(directive "$src" cflags) " in
		*" $SAN_OTHER"*) why="built for another sanitizer, which cannot run beside $SAN" ;;
		esac
		if [ -n "$why" ]; then
			skipped=$((skipped + 1))
			echo "SKIP $base (under $SAN: $why)"
			continue
		fi
	fi
	case $(directive "$src" link) in
	static) run_test "$src" static "$base" ;;
	both)
		run_test "$src" dynamic "$base.so"
		run_test "$src" static "$base.a"
		;;
	*) run_test "$src" dynamic "$base" ;;
	esac
done

if [ $failed -gt 0 ]; then
	echo "failed: ${failures[*]}"
fi
if [ -n "$RUN$SAN" ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
