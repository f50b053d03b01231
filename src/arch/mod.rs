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
//!
//! # Returning after a switch
//!
//! A processor predicts where a `ret` goes from a stack of the return
//! addresses of the calls it has run. After a switch, that stack holds the
//! calls of the thread that switched away, so the resumed thread's return
//! from its channel call is predicted to go where the other thread's would
//! have: wrong whenever the two called from different places, as two
//! threads running different code do. In a ping-pong between two such
//! threads that was one misprediction a switch, a quarter of the round
//! trip on x86_64. So the part of a channel operation (or yield) that
//! waits is entered by a tail call of a function that [`return_by_jump`]
//! makes, which returns to the program through an indirect jump, predicted
//! from the path that led to it. The address the program's call pushed on
//! the processor's return stack stays there, unused: at worst a later
//! return of the thread is mispredicted, as after a switch it would have
//! been anyway. The returns inside the library are predicted when both
//! threads waited in the same function: every send and receive waits in
//! one (alt.rs, `wait_body`), so that a producer blocked sending and a
//! consumer blocked receiving resume through the same addresses.

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
pub use self::x86_64::{current_proc, init_frame, prefetch, prefetch_write, switch, valgrind_request};
#[cfg(target_arch = "x86_64")]
use self::x86_64::SAVED_BYTES;
#[cfg(target_arch = "x86_64")]
pub(crate) use self::x86_64::{jump_to_asm, return_by_jump_asm};

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "aarch64")]
pub use self::aarch64::{current_proc, init_frame, prefetch, prefetch_write, switch, valgrind_request};
#[cfg(target_arch = "aarch64")]
use self::aarch64::SAVED_BYTES;
#[cfg(target_arch = "aarch64")]
pub(crate) use self::aarch64::{jump_to_asm, return_by_jump_asm};

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

/// Defines `$name`, an `unsafe extern "C"` function with the parameters
/// and result of `$body`, an `extern "C"` function whose parameters all
/// travel in registers (six integers or pointers on x86_64, eight on
/// aarch64): it calls `$body` and hands the result to its own caller
/// through an indirect jump to the return address rather than a return
/// (see "Returning after a switch" above).
macro_rules! return_by_jump {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $body:path) => {
        $(#[$attr])*
        #[unsafe(naked)]
        $vis unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
            core::arch::naked_asm!($crate::arch::return_by_jump_asm!(), body = sym $body)
        }
    };
}
pub(crate) use return_by_jump;

/// Defines `$name`, an `unsafe extern "C"` function that is `$target` (a
/// function made by [`return_by_jump`]) under other parameter and result
/// types of the same registers: it jumps there. A caller whose result has
/// one of those types can then call `$target` in tail position.
macro_rules! jump_to {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $target:path) => {
        $(#[$attr])*
        #[unsafe(naked)]
        $vis unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
            core::arch::naked_asm!($crate::arch::jump_to_asm!(), target = sym $target)
        }
    };
}
pub(crate) use jump_to;

/// The function a new thread starts in; it receives the `arg` given to
/// [`init_frame`] and must never return.
pub type Entry = unsafe extern "C" fn(arg: *mut u8) -> !;
