//! AArch64, AAPCS64.

use core::arch::{asm, naked_asm};

use super::Entry;

/// Switches from the running context to `to`, saving the running one in
/// `*from`. Returns when some other context switches back to `*from`.
///
/// Stack of a suspended context, from its saved stack pointer up:
///
/// ```text
///   sp+0x00  x19 x20      sp+0x50  x29 (fp) x30 (lr: where to resume)
///   sp+0x10  x21 x22      sp+0x60  d8  d9
///   sp+0x20  x23 x24      sp+0x70  d10 d11
///   sp+0x30  x25 x26      sp+0x80  d12 d13
///   sp+0x40  x27 x28      sp+0x90  d14 d15
/// ```
///
/// # Safety
/// `to` is a stack pointer saved by `switch` or made by [`init_frame`], on a
/// stack that stays mapped while that context runs.
#[unsafe(naked)]
pub unsafe extern "C" fn switch(from: *mut *mut u8, to: *mut u8) {
    naked_asm!(
        // Save the callee-saved registers of the running context.
        "sub sp, sp, #0xa0",
        "stp x19, x20, [sp, #0x00]",
        "stp x21, x22, [sp, #0x10]",
        "stp x23, x24, [sp, #0x20]",
        "stp x25, x26, [sp, #0x30]",
        "stp x27, x28, [sp, #0x40]",
        "stp x29, x30, [sp, #0x50]",
        "stp d8, d9, [sp, #0x60]",
        "stp d10, d11, [sp, #0x70]",
        "stp d12, d13, [sp, #0x80]",
        "stp d14, d15, [sp, #0x90]",
        "mov x2, sp",
        "str x2, [x0]",
        // Resume the other context.
        "mov sp, x1",
        "ldp x19, x20, [sp, #0x00]",
        "ldp x21, x22, [sp, #0x10]",
        "ldp x23, x24, [sp, #0x20]",
        "ldp x25, x26, [sp, #0x30]",
        "ldp x27, x28, [sp, #0x40]",
        "ldp x29, x30, [sp, #0x50]",
        "ldp d8, d9, [sp, #0x60]",
        "ldp d10, d11, [sp, #0x70]",
        "ldp d12, d13, [sp, #0x80]",
        "ldp d14, d15, [sp, #0x90]",
        "add sp, sp, #0xa0",
        "ret",
    )
}

/// The instructions of a function made by [`super::return_by_jump`]: call
/// `{body}`, keeping the frame record, then branch to the link register.
/// The frame is described for unwinders, as the function is naked.
macro_rules! return_by_jump_asm {
    () => {
        concat!(
            ".cfi_startproc\n",
            "stp x29, x30, [sp, #-16]!\n",
            ".cfi_def_cfa_offset 16\n",
            ".cfi_offset x29, -16\n",
            ".cfi_offset x30, -8\n",
            "mov x29, sp\n",
            "bl {body}\n",
            "ldp x29, x30, [sp], #16\n",
            ".cfi_def_cfa_offset 0\n",
            ".cfi_restore x29\n",
            ".cfi_restore x30\n",
            "br x30\n",
            ".cfi_endproc\n",
        )
    };
}
pub(crate) use return_by_jump_asm;

/// The instruction of a function made by [`super::jump_to`].
macro_rules! jump_to_asm {
    () => {
        "b {target}"
    };
}
pub(crate) use jump_to_asm;

/// First code of every new thread: `switch` returns here with the entry
/// function in x19 and its argument in x20.
#[unsafe(naked)]
unsafe extern "C" fn trampoline() -> ! {
    naked_asm!("mov x0, x20", "blr x19", "brk #1")
}

/// Lays out, below `top`, a frame that `switch` resumes as a call of
/// `entry(arg)`, and returns its stack pointer.
///
/// # Safety
/// `top` is 16-byte aligned, with at least 160 writable bytes below it.
pub unsafe fn init_frame(top: *mut u8, entry: Entry, arg: *mut u8) -> *mut u8 {
    let mut frame = [0usize; 20];
    frame[0] = entry as usize; // x19
    frame[1] = arg as usize; // x20
    frame[10] = 0; // x29: ends the frame-pointer chain
    frame[11] = trampoline as *const () as usize; // x30
    // SAFETY: the caller provides the 160 bytes below top.
    unsafe {
        let sp = top.sub(frame.len() * 8).cast::<usize>();
        sp.copy_from_nonoverlapping(frame.as_ptr(), frame.len());
        sp.cast()
    }
}

/// The calling OS thread's proc: the initial-exec thread-local
/// `p9thread_current_proc` of csrc/tls.c, read from the thread pointer at
/// the offset the linker puts in the GOT. A call of `p9thread_proc` would
/// give every channel operation a frame.
#[inline(always)]
pub fn current_proc() -> *mut u8 {
    let p: *mut u8;
    // SAFETY: reads the calling thread's copy of a pointer-sized
    // thread-local, at the offset the linker resolves.
    unsafe {
        asm!(
            "mrs {tp}, tpidr_el0",
            "adrp {off}, :gottprel:p9thread_current_proc",
            "ldr {off}, [{off}, :gottprel_lo12:p9thread_current_proc]",
            "ldr {p}, [{tp}, {off}]",
            tp = out(reg) _,
            off = out(reg) _,
            p = lateout(reg) p,
            options(nostack, readonly, preserves_flags),
        );
    }
    p
}

/// Bytes above a suspended context's stack pointer that `switch` loads.
pub(crate) const SAVED_BYTES: usize = 0xa0;

/// Starts loading the cache line holding `p`. Never faults, whatever `p`.
#[inline(always)]
pub fn prefetch(p: *const u8) {
    // SAFETY: a prefetch reads nothing the program sees and never faults.
    unsafe { asm!("prfm pldl1keep, [{p}]", p = in(reg) p, options(nostack, readonly, preserves_flags)) }
}

/// Starts loading the cache line holding `p` for writing: taken from
/// another core's cache, it comes exclusive, not shared to be claimed
/// again at the write. Never faults, whatever `p`.
#[inline(always)]
pub fn prefetch_write(p: *const u8) {
    // SAFETY: a prefetch reads nothing the program sees and never faults.
    unsafe { asm!("prfm pstl1keep, [{p}]", p = in(reg) p, options(nostack, readonly, preserves_flags)) }
}

/// Makes a Valgrind client request: `args` is the request code and its five
/// arguments; returns Valgrind's answer, or `default` when the program does
/// not run under Valgrind, for which the sequence below does nothing (the
/// four rotations add up to 128 bits).
#[inline(never)]
pub fn valgrind_request(args: &[usize; 6], default: usize) -> usize {
    let result;
    // SAFETY: the sequence leaves every register but x3 as it found them;
    // Valgrind only reads the six words at x4.
    unsafe {
        asm!(
            "ror x12, x12, #3",
            "ror x12, x12, #13",
            "ror x12, x12, #51",
            "ror x12, x12, #61",
            "orr x10, x10, x10",
            in("x4") args.as_ptr(),
            inout("x3") default => result,
            options(nostack),
        );
    }
    result
}
