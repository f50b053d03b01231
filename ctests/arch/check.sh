#!/usr/bin/env bash
# ctests/arch/check.sh CPU: assembles src/arch/CPU.rs's context switch on its
# own and runs switch_test.c against it (under qemu-user for a foreign CPU).
# Needs, for aarch64: gcc-aarch64-linux-gnu and qemu-user (Debian).
set -eu
cpu=${1:?usage: check.sh x86_64|aarch64}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$root/build/arch/$cpu
mkdir -p "$out"
python3 "$here/extract.py" "$root/src/arch/$cpu.rs" > "$out/switch.S"
case $cpu in
x86_64) cc=gcc; run= ;;
aarch64) cc=aarch64-linux-gnu-gcc; run="qemu-aarch64 -L /usr/aarch64-linux-gnu" ;;
*) echo "check.sh: unknown CPU $cpu" >&2; exit 2 ;;
esac
$cc -O2 -Wall -static "$here/switch_test.c" "$out/switch.S" -o "$out/switch_test"
$run "$out/switch_test"
