//! x86-64, System V ABI.

use core::arch::{asm, naked_asm};

use super::Entry;

/// Switches from the running context to `to`, saving the running one in
/// `*from`. Returns when some other context switches back to `*from`.
///
/// Of the callee-saved registers, only rbx and rbp are saved on the
/// suspended stack: the call is made from inline assembly that declares
/// r12 to r15 clobbered, so the compiler keeps only the values it still
/// needs of them, in the caller's frame, whose prologue has saved the
/// registers themselves already. In a channel operation that blocks, that
/// is two values: a round trip between two threads runs 8 instructions
/// fewer than when the switch pushed and popped all six registers (537
/// against 545, callgrind). Stack of a suspended context, from its saved
/// stack pointer up:
///
/// ```text
///   sp+0   rbx
///   sp+8   rbp
///   sp+16  return address
/// ```
///
/// # Safety
/// `to` is a stack pointer saved by `switch` or made by [`init_frame`], on a
/// stack that stays mapped while that context runs.
#[inline(always)]
pub unsafe fn switch(from: *mut *mut u8, to: *mut u8) {
    // SAFETY: per the contract; every register the switch may change is
    // an operand or clobbered, and the stack is aligned for the call.
    unsafe {
        asm!(
            "call {swap}",
            swap = sym swap_stacks,
            in("rdi") from,
            in("rsi") to,
            out("r12") _,
            out("r13") _,
            out("r14") _,
            out("r15") _,
            clobber_abi("C"),
        );
    }
}

/// The body of [`switch`]: Rust's inline assembly may not name rbx and rbp,
/// so they are saved here.
#[unsafe(naked)]
unsafe extern "C" fn swap_stacks(from: *mut *mut u8, to: *mut u8) {
    naked_asm!(
        "push rbp",
        "push rbx",
        "mov [rdi], rsp",
        "mov rsp, rsi",
        "pop rbx",
        "pop rbp",
        "ret",
    )
}

/// The instructions of a function made by [`super::return_by_jump`]: call
/// `{body}` with the stack aligned, then jump to the return address. The
/// frame is described for unwinders, as the function is naked.
macro_rules! return_by_jump_asm {
    () => {
        concat!(
            ".cfi_startproc\n",
            "sub rsp, 8\n",
            ".cfi_adjust_cfa_offset 8\n",
            "call {body}\n",
            "add rsp, 8\n",
            ".cfi_adjust_cfa_offset -8\n",
            "pop rcx\n",
            ".cfi_adjust_cfa_offset -8\n",
            // The return address (DWARF register 16, rip) is in rcx (2).
            ".cfi_register 16, 2\n",
            "jmp rcx\n",
            ".cfi_endproc\n",
        )
    };
}
pub(crate) use return_by_jump_asm;

/// The instruction of a function made by [`super::jump_to`].
macro_rules! jump_to_asm {
    () => {
        "jmp {target}"
    };
}
pub(crate) use jump_to_asm;

/// First code of every new thread: `switch` returns here with the entry
/// function in rbx and its argument in rbp, and the stack 16-byte aligned.
#[unsafe(naked)]
unsafe extern "C" fn trampoline() -> ! {
    naked_asm!("mov rdi, rbp", "xor ebp, ebp", "call rbx", "ud2")
}

/// Lays out, below `top`, a frame that `switch` resumes as a call of
/// `entry(arg)`, and returns its stack pointer.
///
/// # Safety
/// `top` is 16-byte aligned, with at least 24 writable bytes below it.
pub unsafe fn init_frame(top: *mut u8, entry: Entry, arg: *mut u8) -> *mut u8 {
    let frame = [
        entry as usize,                   // rbx
        arg as usize,                     // rbp: zeroed before the call, ending the frame-pointer chain
        trampoline as *const () as usize, // return address
    ];
    // After the 3 words are popped, rsp is `top`: aligned, as a call wants.
    // SAFETY: the caller provides the 24 bytes below top.
    unsafe {
        let sp = top.sub(frame.len() * 8).cast::<usize>();
        sp.copy_from_nonoverlapping(frame.as_ptr(), frame.len());
        sp.cast()
    }
}

/// The calling OS thread's proc: the initial-exec thread-local
/// `p9thread_current_proc` of csrc/tls.c, read with one load from the
/// thread pointer, where a call of `p9thread_proc` would cost a call and
/// the registers it clobbers on every channel operation.
#[inline(always)]
pub fn current_proc() -> *mut u8 {
    let p: *mut u8;
    // SAFETY: reads the calling thread's copy of a pointer-sized
    // thread-local, at the offset the linker resolves.
    unsafe {
        asm!(
            "mov {p}, qword ptr [rip + p9thread_current_proc@GOTTPOFF]",
            "mov {p}, qword ptr fs:[{p}]",
            p = out(reg) p,
            options(nostack, readonly, preserves_flags),
        );
    }
    p
}

/// Bytes above a suspended context's stack pointer that `switch` pops.
pub(crate) const SAVED_BYTES: usize = 3 * 8;

/// Starts loading the cache line holding `p`. Never faults, whatever `p`.
#[inline(always)]
pub fn prefetch(p: *const u8) {
    // SAFETY: a prefetch reads nothing the program sees and never faults.
    unsafe { core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast()) }
}

/// Starts loading the cache line holding `p` for writing: taken from
/// another core's cache, it comes exclusive, not shared to be claimed
/// again at the write. Never faults, whatever `p`.
#[inline(always)]
pub fn prefetch_write(p: *const u8) {
    // SAFETY: a prefetch reads nothing the program sees and never faults.
    // Not _mm_prefetch with _MM_HINT_ET0: built without the prfchw target
    // feature, that gives a plain prefetcht0. Processors without the
    // instruction take it as a no-op.
    unsafe { asm!("prefetchw [{p}]", p = in(reg) p, options(nostack, readonly, preserves_flags)) }
}

/// Makes a Valgrind client request: `args` is the request code and its five
/// arguments; returns Valgrind's answer, or `default` when the program does
/// not run under Valgrind, for which the sequence below does nothing (the
/// four rotations add up to 128 bits).
#[inline(never)]
pub fn valgrind_request(args: &[usize; 6], default: usize) -> usize {
    let result;
    // SAFETY: the sequence leaves every register but rdx and the flags as
    // it found them; Valgrind only reads the six words at rax.
    unsafe {
        asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            in("rax") args.as_ptr(),
            inout("rdx") default => result,
            options(nostack),
        );
    }
    result
}
