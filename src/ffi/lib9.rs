//! The C ABI of lib9.rs and of the other calls plan9port programs make:
//! the lock hooks that csrc/lib9hooks.c installs into lib9, incref and
//! decref, threadidle, threadpin, threadunpin, and the helpers behind the
//! C-defined threadsetstate, chansetname and backgrounding.
//!
//! The hooks take `void *` here: the structures they point to are lib9's,
//! and the header does not describe them.

use core::ffi::{c_char, c_int, c_long, c_void};

use crate::channel::{self, Channel};
use crate::ffi::ulong;
use crate::lib9::{self, Lock, QLock, RWLock, Ref, Rendez};
use crate::{background, proc, sched, thread};

/// lib9's _lock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 Lock.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_lock(l: *mut c_void, block: c_int, _pc: ulong) -> c_int {
    // SAFETY: per the contract.
    unsafe { lib9::lock(l.cast::<Lock>(), block != 0) }
}

/// lib9's _unlock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 Lock the caller holds.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_unlock(l: *mut c_void, _pc: ulong) {
    // SAFETY: per the contract.
    unsafe { lib9::unlock(l.cast::<Lock>()) }
}

/// lib9's _qlock hook. Not for programs.
///
/// # Safety
/// `q` points to a lib9 QLock.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_qlock(q: *mut c_void, block: c_int, _pc: ulong) -> c_int {
    // SAFETY: per the contract.
    unsafe { lib9::qlock(q.cast::<QLock>(), block != 0) }
}

/// lib9's _qunlock hook. Not for programs.
///
/// # Safety
/// `q` points to a lib9 QLock.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_qunlock(q: *mut c_void, _pc: ulong) {
    // SAFETY: per the contract.
    unsafe { lib9::qunlock(q.cast::<QLock>()) }
}

/// lib9's _rlock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 RWLock.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_rlock(l: *mut c_void, block: c_int, _pc: ulong) -> c_int {
    // SAFETY: per the contract.
    unsafe { lib9::rlock(l.cast::<RWLock>(), block != 0) }
}

/// lib9's _wlock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 RWLock.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_wlock(l: *mut c_void, block: c_int, _pc: ulong) -> c_int {
    // SAFETY: per the contract.
    unsafe { lib9::wlock(l.cast::<RWLock>(), block != 0) }
}

/// lib9's _runlock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 RWLock held for reading.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_runlock(l: *mut c_void, _pc: ulong) {
    // SAFETY: per the contract.
    unsafe { lib9::runlock(l.cast::<RWLock>()) }
}

/// lib9's _wunlock hook. Not for programs.
///
/// # Safety
/// `l` points to a lib9 RWLock held for writing.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_wunlock(l: *mut c_void, _pc: ulong) {
    // SAFETY: per the contract.
    unsafe { lib9::wunlock(l.cast::<RWLock>()) }
}

/// lib9's _rsleep hook. Not for programs.
///
/// # Safety
/// `r` points to a lib9 Rendez whose QLock the caller holds.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_rsleep(r: *mut c_void, _pc: ulong) {
    // SAFETY: per the contract.
    unsafe { lib9::rsleep(r.cast::<Rendez>()) }
}

/// lib9's _rwakeup hook. Not for programs.
///
/// # Safety
/// `r` points to a lib9 Rendez whose QLock the caller holds.
#[no_mangle]
pub unsafe extern "C" fn p9thread_lib9_rwakeup(r: *mut c_void, all: c_int, _pc: ulong) -> c_int {
    // SAFETY: per the contract.
    unsafe { lib9::rwakeup(r.cast::<Rendez>(), all != 0) }
}

/// lib9's _notejmpbuf hook: the calling thread's jump buffer. Not for
/// programs.
#[no_mangle]
pub extern "C" fn p9thread_lib9_notejmpbuf() -> *mut c_void {
    lib9::note_jmpbuf()
}

/// The running thread, for plan9port's threadnow. Not for programs.
#[no_mangle]
pub extern "C" fn p9thread_current() -> *mut c_void {
    proc::current_thread().cast()
}

/// Increments a plan9port Ref; returns the new count.
///
/// # Safety
/// `r` is nil (which aborts) or points to a Ref.
#[no_mangle]
pub unsafe extern "C" fn incref(r: *mut Ref) -> c_long {
    // SAFETY: per the contract.
    unsafe { lib9::incref(r) }
}

/// Decrements a plan9port Ref; returns the new count.
///
/// # Safety
/// `r` is nil (which aborts) or points to a Ref.
#[no_mangle]
pub unsafe extern "C" fn decref(r: *mut Ref) -> c_long {
    // SAFETY: per the contract.
    unsafe { lib9::decref(r) }
}

/// plan9port's needstack, for the weak needstack in csrc/lib9hooks.c.
#[no_mangle]
pub extern "C" fn p9thread_needstack(n: c_int) {
    lib9::need_stack(n);
}

/// plan9port's threadidle: lets every other ready thread of the proc run
/// before the caller resumes; returns how many threads ran, the caller's
/// own resumption included, as plan9port counts its switches.
#[no_mangle]
pub extern "C" fn threadidle() -> c_int {
    sched::yield_now() + 1
}

/// plan9port's threadpin: keeps the calling thread on its proc's OS
/// thread. Threads never migrate here, so there is nothing to do.
#[no_mangle]
pub extern "C" fn threadpin() {}

/// plan9port's threadunpin: undoes threadpin; nothing to do.
#[no_mangle]
pub extern "C" fn threadunpin() {}

/// Replaces the calling thread's state string (for debugging output) with
/// a copy of `state`, for threadsetstate. Not for programs.
///
/// # Safety
/// `state` is nil or a string.
#[no_mangle]
pub unsafe extern "C" fn p9thread_setstate(state: *const c_char) {
    // SAFETY: per the contract.
    unsafe { thread::set_state_string(state) }
}

/// Names channel c (for debugging output), for chansetname. Not for
/// programs.
///
/// # Safety
/// `name` is nil or a string.
#[no_mangle]
pub unsafe extern "C" fn p9thread_chansetname(c: *mut Channel, name: *const c_char) {
    // SAFETY: per the contract.
    unsafe { channel::set_name(c, name) }
}

/// Forks into the background unless the environment forbids it, for the
/// library's main when threadmaybackground() returns 1. Not for programs.
#[no_mangle]
pub extern "C" fn p9thread_background() {
    background::setup()
}
