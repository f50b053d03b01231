#!/usr/bin/env python3
"""Turns the naked functions of one src/arch/*.rs file that switch stacks
(`switch`; on x86-64 `swap_stacks`, which `switch` calls) and start a new
thread (`trampoline`) into a GNU assembler file, as p9arch_switch and
p9arch_trampoline, so that the machine code the library uses can be
assembled and tested on its own, for a CPU the Rust toolchain here cannot
build for.

    extract.py src/arch/aarch64.rs > switch.S
"""
import re
import sys


def naked_body(src, name):
    m = re.search(r"fn %s\b[^{]*\{\s*naked_asm!\((.*?)\)\s*\}" % name, src, re.S)
    if not m:
        sys.exit("extract.py: no naked function %s" % name)
    return re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))


def main():
    path = sys.argv[1]
    src = open(path).read()
    out = ["/* Extracted from %s by ctests/arch/extract.py. */" % path]
    if "x86_64" in path:
        out.append(".intel_syntax noprefix")
    out.append(".text")
    switch = "swap_stacks" if "x86_64" in path else "switch"
    for sym, name in (("p9arch_switch", switch), ("p9arch_trampoline", "trampoline")):
        out += [".globl " + sym, ".type %s, %%function" % sym, ".p2align 4", sym + ":"]
        out += ["\t" + line for line in naked_body(src, name)]
        out.append(".size %s, .-%s" % (sym, sym))
    out.append('.section .note.GNU-stack,"",%progbits')
    print("\n".join(out))


main()
