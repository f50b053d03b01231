//! Telling memory checkers about thread stacks, when the program runs
//! under one.
//!
//! AddressSanitizer keeps per-stack state (fake frames, bounds) and would
//! otherwise mistake a switch for a wild stack pointer. Every switch is
//! bracketed: `before_switch` names the stack about to run, `after_switch`
//! runs first thing on the resumed stack. Without ASan both are one
//! predictable branch.
//!
//! Valgrind takes a move of the stack pointer of less than 2 MB for a frame
//! pushed or popped, and marks the memory in between accordingly; a switch
//! between two stacks of one chunk would then make the other threads'
//! stacks and records look unaddressable. Each stack is registered with it
//! once ([`new_stack`]), so that it sees switches as switches; a stack
//! handed to a new thread is marked addressable ([`reused_stack`]), since
//! its last thread's popped frames were marked unaddressable.
//!
//! LeakSanitizer looks for pointers in globals, the heap and the OS
//! threads' stacks, not in memory the program maps itself: every stack in
//! use is registered with it as a root region, so that a block only a
//! thread's stack (or the record at its top) points to is not reported as
//! leaked. A stack is given back to the kernel when its thread exits, so
//! that the stack's next thread does not keep alive, through its
//! predecessor's stale frames, what nothing points to any more.
//!
//! ThreadSanitizer sees only what instrumented code does: the program's
//! memory accesses and the C library calls it intercepts, not this
//! library's atomics. Each thread is one of its fibers ([`fiber_for_thread`]),
//! and every switch is announced ([`switch_fiber`]) and orders what ran
//! before it before what runs after it, since the threads of a proc never
//! run at once. Where the program's memory passes from one proc to another
//! the library says so with [`acquire`] and [`release`]: a
//! [`SpinLock`](crate::sync::SpinLock) (channels, lib9's locks), a proc's
//! inbox of threads other procs readied, decref, a child's Waitmsg, a
//! [`Once`](crate::sync::Once), and a stack or a proc record reused after
//! its owner ended. The library's own bookkeeping orders nothing (procs
//! meet there by chance of timing, and ordering them would hide the
//! program's races); the accesses made under its locks are ignored
//! instead ([`ignore_begin`]). So channels order what they order, and a
//! race between procs that nothing the program does orders is reported.

use core::ffi::c_void;
use core::ptr;

use crate::arch;
use crate::sync::{AtomicBool, Ordering};

/// Whether the program runs under AddressSanitizer.
static ASAN: AtomicBool = AtomicBool::new(false);
/// Whether the program runs under Valgrind.
static VALGRIND: AtomicBool = AtomicBool::new(false);
/// Whether the program runs under LeakSanitizer.
static LSAN: AtomicBool = AtomicBool::new(false);
/// Whether the program runs under ThreadSanitizer.
static TSAN: AtomicBool = AtomicBool::new(false);

/// Valgrind's client requests (valgrind.h, memcheck.h).
const RUNNING_ON_VALGRIND: usize = 0x1001;
const STACK_REGISTER: usize = 0x1501;
const MAKE_MEM_UNDEFINED: usize = 0x4d43_0001;

extern "C" {
    fn p9thread_asan_present() -> libc::c_int;
    fn p9thread_asan_unpoison(addr: *mut u8, len: usize);
    fn p9thread_asan_start_switch(save: *mut *mut c_void, bottom: *const c_void, size: usize);
    fn p9thread_asan_finish_switch(save: *mut c_void);
    fn p9thread_lsan_present() -> libc::c_int;
    fn p9thread_lsan_register(addr: *const u8, len: usize);
    fn p9thread_lsan_unregister(addr: *const u8, len: usize);
    fn p9thread_tsan_present() -> libc::c_int;
    fn p9thread_tsan_current_fiber() -> *mut c_void;
    fn p9thread_tsan_create_fiber() -> *mut c_void;
    fn p9thread_tsan_destroy_fiber(fiber: *mut c_void);
    fn p9thread_tsan_switch(fiber: *mut c_void);
    fn p9thread_tsan_set_name(fiber: *mut c_void, name: *const libc::c_char);
    fn p9thread_tsan_acquire(addr: *const c_void);
    fn p9thread_tsan_release(addr: *const c_void);
    fn p9thread_tsan_ignore_begin();
    fn p9thread_tsan_ignore_end();
}

/// Called once at start-up.
pub fn init() {
    // SAFETY: the shim only tests a weak symbol.
    ASAN.store(unsafe { p9thread_asan_present() } != 0, Ordering::Relaxed);
    // SAFETY: as above.
    LSAN.store(unsafe { p9thread_lsan_present() } != 0, Ordering::Relaxed);
    // SAFETY: as above.
    TSAN.store(unsafe { p9thread_tsan_present() } != 0, Ordering::Relaxed);
    VALGRIND.store(arch::valgrind_request(&[RUNNING_ON_VALGRIND, 0, 0, 0, 0, 0], 0) != 0, Ordering::Relaxed);
}

/// Tells Valgrind that `[lo, hi)` is a new thread stack.
pub fn new_stack(lo: *const u8, hi: *const u8) {
    if VALGRIND.load(Ordering::Relaxed) {
        // The lowest and the highest byte of the stack.
        arch::valgrind_request(&[STACK_REGISTER, lo as usize, hi as usize - 1, 0, 0, 0], 0);
    }
}

/// Forgets what the checkers know of the `len` bytes of stack at `base`,
/// about to be handed to a new thread: a recycled stack may carry ASan
/// poison from frames of a thread that never returned, and Valgrind marked
/// its last thread's popped frames unaddressable. Its contents are
/// undefined. LeakSanitizer scans it until [`freed_stack`].
///
/// # Safety
/// `[base, base + len)` is a stack nobody runs on.
pub unsafe fn reused_stack(base: *mut u8, len: usize) {
    if asan() {
        // SAFETY: ASan is present; the range is per the contract.
        unsafe { p9thread_asan_unpoison(base, len) };
    }
    if VALGRIND.load(Ordering::Relaxed) {
        arch::valgrind_request(&[MAKE_MEM_UNDEFINED, base as usize, len, 0, 0, 0], 0);
    }
    if LSAN.load(Ordering::Relaxed) {
        // SAFETY: LeakSanitizer is present; the range is mapped and
        // readable, and unregistered before it is registered again.
        unsafe { p9thread_lsan_register(base, len) };
    }
}

/// Under LeakSanitizer, stops scanning the `len` bytes of stack at `base`,
/// which [`reused_stack`] announced, and gives its pages back: they read as
/// zeros from then on. Under ThreadSanitizer, hands the stack's past to its
/// next thread.
///
/// # Safety
/// `[base, base + len)` is a stack nobody runs on or will read before it
/// is reused.
pub unsafe fn freed_stack(base: *mut u8, len: usize) {
    // What the stack's threads did on it is ordered before its next
    // thread's start (see [`thread_started`]).
    release(base);
    if LSAN.load(Ordering::Relaxed) {
        // SAFETY: per the contract; reused_stack registered the range.
        unsafe {
            p9thread_lsan_unregister(base, len);
            crate::sys::discard(base, len);
        }
    }
}

/// Whether the program runs under AddressSanitizer.
#[inline]
pub fn asan() -> bool {
    ASAN.load(Ordering::Relaxed)
}

/// Whether the program runs under ThreadSanitizer.
#[inline]
pub fn tsan() -> bool {
    TSAN.load(Ordering::Relaxed)
}

/// Announces a switch to the stack `[bottom, bottom + size)`. `save` keeps
/// the running stack's ASan state until it resumes; null when the running
/// stack is never resumed (its thread exited).
///
/// # Safety
/// The switch follows at once.
#[inline]
pub unsafe fn before_switch(save: *mut *mut c_void, bottom: *const u8, size: usize) {
    if asan() {
        // SAFETY: ASan is present; the arguments describe a real stack.
        unsafe { p9thread_asan_start_switch(save, bottom.cast(), size) };
    }
}

/// Completes a switch on the stack that now runs; `*saved` is what
/// `before_switch` stored when this stack was left (null for a new stack).
/// `saved` is read only under ASan: without it the switch touches no more
/// of the thread's record than it must.
///
/// # Safety
/// Called first thing after a switch; `saved` is valid.
#[inline]
pub unsafe fn after_switch(saved: *const *mut c_void) {
    if asan() {
        // SAFETY: ASan is present; saved per the contract.
        unsafe { p9thread_asan_finish_switch(*saved) };
    }
}

/// The bounds of the calling OS thread's own stack, for ASan.
pub fn os_thread_stack() -> (*const u8, usize) {
    if !asan() {
        return (ptr::null(), 0);
    }
    // SAFETY: attr is initialised by pthread_getattr_np before use and
    // destroyed after.
    unsafe {
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        let mut addr: *mut c_void = ptr::null_mut();
        let mut size = 0usize;
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            libc::pthread_attr_destroy(&mut attr);
        }
        (addr.cast(), size)
    }
}

/// Under ThreadSanitizer, a new fiber for a thread being created; null
/// otherwise. Made by the creator, so that what the creator did before is
/// ordered before the thread's start, whichever proc it runs in.
pub fn fiber_for_thread() -> *mut c_void {
    if !tsan() {
        return ptr::null_mut();
    }
    // SAFETY: ThreadSanitizer is present.
    unsafe { p9thread_tsan_create_fiber() }
}

/// Under ThreadSanitizer, the fiber of the calling OS thread as it runs
/// now: its own, for the proc's base context or a thread adopted on the
/// OS thread's stack. Null otherwise.
pub fn os_thread_fiber() -> *mut c_void {
    if !tsan() {
        return ptr::null_mut();
    }
    // SAFETY: ThreadSanitizer is present.
    unsafe { p9thread_tsan_current_fiber() }
}

/// Announces a switch to the thread or context whose fiber is `fiber`.
///
/// # Safety
/// The switch follows at once; `fiber` came from [`fiber_for_thread`] or
/// [`os_thread_fiber`] and runs nowhere else.
#[inline]
pub unsafe fn switch_fiber(fiber: *mut c_void) {
    if tsan() {
        // SAFETY: per the contract.
        unsafe { p9thread_tsan_switch(fiber) };
    }
}

/// Forgets the fiber of a thread that has exited and switched away.
///
/// # Safety
/// `fiber` came from [`fiber_for_thread`] and never runs again.
pub unsafe fn thread_ended(fiber: *mut c_void) {
    if tsan() && !fiber.is_null() {
        // SAFETY: per the contract.
        unsafe { p9thread_tsan_destroy_fiber(fiber) };
    }
}

/// Called first thing in a new thread whose stack begins at `base`: under
/// ThreadSanitizer, what earlier threads did on the stack, in whatever
/// proc, is ordered before what this one does. Only the new thread takes
/// that on, not its creator.
pub fn thread_started(base: *const u8) {
    acquire(base);
}

/// Names a thread's fiber in ThreadSanitizer's reports.
///
/// # Safety
/// `fiber` is a live fiber, or null; `name` a NUL-terminated string, which
/// ThreadSanitizer copies.
pub unsafe fn name_fiber(fiber: *mut c_void, name: *const libc::c_char) {
    if tsan() && !fiber.is_null() && !name.is_null() {
        // SAFETY: per the contract.
        unsafe { p9thread_tsan_set_name(fiber, name) };
    }
}

/// Tells ThreadSanitizer that the calling thread has taken, at `addr`,
/// what a [`release`] there published: what the releaser did before is
/// ordered before what the caller does after.
#[inline]
pub fn acquire<T>(addr: *const T) {
    if tsan() {
        tsan_acquire(addr.cast());
    }
}

/// Tells ThreadSanitizer that the calling thread publishes at `addr` what
/// it has done so far, for an [`acquire`] there.
#[inline]
pub fn release<T>(addr: *const T) {
    if tsan() {
        tsan_release(addr.cast());
    }
}

#[cold]
#[inline(never)]
fn tsan_acquire(addr: *const c_void) {
    // SAFETY: ThreadSanitizer is present; the address is only a key.
    unsafe { p9thread_tsan_acquire(addr) };
}

#[cold]
#[inline(never)]
fn tsan_release(addr: *const c_void) {
    // SAFETY: ThreadSanitizer is present; the address is only a key.
    unsafe { p9thread_tsan_release(addr) };
}

/// Until the matching [`ignore_end`], ThreadSanitizer ignores the calling
/// thread's memory accesses, those of the C library calls it intercepts
/// among them: for the library's own bookkeeping under a lock it cannot
/// see.
#[inline]
pub fn ignore_begin() {
    if tsan() {
        IGNORES.with(|n| n.set(n.get() + 1));
        // SAFETY: ThreadSanitizer is present.
        unsafe { p9thread_tsan_ignore_begin() };
    }
}

#[inline]
pub fn ignore_end() {
    if tsan() {
        IGNORES.with(|n| n.set(n.get() - 1));
        // SAFETY: ThreadSanitizer is present; ignore_begin came first.
        unsafe { p9thread_tsan_ignore_end() };
    }
}

std::thread_local! {
    /// How deep in ignores the calling OS thread is.
    static IGNORES: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// Ends the calling OS thread's ignores, which is about to end the
/// process: ThreadSanitizer reports a thread that exits inside one (the
/// reaper, which ignores for good, may find a deadlock and exit).
pub fn ignore_end_all() {
    if tsan() {
        for _ in 0..IGNORES.with(|n| n.get()) {
            ignore_end();
        }
    }
}
