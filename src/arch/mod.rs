//! All machine code: switching between thread contexts, laying out the
//! first frame of a new thread, reading the calling OS thread's proc, and
//! Valgrind's client requests. One file per CPU, chosen here.
//!
//! A context is a saved stack pointer. [`switch`] pushes the callee-saved
//! registers on the running stack (on x86-64 only rbx and rbp: it declares
//! the others clobbered, and the compiler keeps what it needs of them in
//! the caller's frame), saves the stack pointer in `*from`, loads `to`,
//! pops that stack's registers and returns into it. Everything else the C
//! ABI lets a call clobber is clobbered by the call to `switch` itself.
//! The floating-point control state (MXCSR, x87 control word, FPCR) is per
//! proc, not per thread: it is not switched.

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use self::x86_64::{current_proc, init_frame, prefetch, switch, valgrind_request};
#[cfg(target_arch = "x86_64")]
use self::x86_64::SAVED_BYTES;

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "aarch64")]
pub use self::aarch64::{current_proc, init_frame, prefetch, switch, valgrind_request};
#[cfg(target_arch = "aarch64")]
use self::aarch64::SAVED_BYTES;

/// Starts loading what resuming the context saved at `sp` reads first: the
/// registers `switch` restores, and the start of the frame it returns to.
#[inline(always)]
pub fn prefetch_context(sp: *const u8) {
    let mut off = 0;
    while off < SAVED_BYTES + 64 {
        prefetch(sp.wrapping_add(off));
        off += 64;
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
compile_error!("p9thread supports x86_64 and aarch64 only");

/// The function a new thread starts in; it receives the `arg` given to
/// [`init_frame`] and must never return.
pub type Entry = unsafe extern "C" fn(arg: *mut u8) -> !;
