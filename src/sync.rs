//! The synchronisation primitives the runtime is built on, in one place, so
//! that a model checker or a sanitizer build can substitute its own.
//!
//! The runtime needs only two things besides plain atomics: a short
//! critical-section lock for channels ([`SpinLock`]) and a way for an idle
//! proc to sleep until another proc hands it work ([`Parker`]).

pub use core::sync::atomic::{fence, AtomicBool, AtomicI32, AtomicPtr, AtomicU32, AtomicUsize, Ordering};

use crate::sys;

/// A test-and-test-and-set lock for critical sections of a few dozen
/// instructions (a channel's queues and buffer).
///
/// Release is a plain store, so an uncontended lock/unlock pair costs one
/// atomic read-modify-write. A waiter spins briefly, then yields the CPU, so
/// that a holder preempted by the kernel gets to run and release the lock.
#[repr(transparent)]
pub struct SpinLock {
    /// 0 when free, 1 when held.
    held: AtomicU32,
}

impl SpinLock {
    pub const fn new() -> SpinLock {
        SpinLock { held: AtomicU32::new(0) }
    }

    #[inline]
    pub fn lock(&self) {
        if self.held.compare_exchange_weak(0, 1, Ordering::Acquire, Ordering::Relaxed).is_err() {
            self.lock_contended();
        }
    }

    #[cold]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        loop {
            while self.held.load(Ordering::Relaxed) != 0 {
                if spins < 100 {
                    core::hint::spin_loop();
                    spins += 1;
                } else {
                    sys::yield_cpu();
                }
            }
            if self.held.compare_exchange_weak(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                return;
            }
        }
    }

    /// # Safety
    /// The caller holds the lock.
    #[inline]
    pub unsafe fn unlock(&self) {
        self.held.store(0, Ordering::Release);
    }
}

/// Lets one OS thread sleep until another wakes it, with no lost wake-ups:
/// the sleeper announces itself, re-checks its condition, then waits on a
/// futex; a waker publishes its work first and then calls [`Parker::unpark`].
#[repr(transparent)]
pub struct Parker {
    /// 1 while the owner is (about to be) asleep.
    sleeping: AtomicU32,
}

impl Parker {
    pub const fn new() -> Parker {
        Parker { sleeping: AtomicU32::new(0) }
    }

    /// Sleeps unless `has_work` becomes true after the announcement.
    /// Spurious returns are allowed: callers re-check their condition.
    pub fn park(&self, has_work: impl Fn() -> bool) {
        self.sleeping.store(1, Ordering::SeqCst);
        if has_work() {
            self.sleeping.store(0, Ordering::Relaxed);
            return;
        }
        sys::futex_wait(&self.sleeping, 1);
        self.sleeping.store(0, Ordering::Relaxed);
    }

    /// Wakes the owner if it sleeps. The caller has published its work with
    /// an ordering at least as strong as SeqCst before calling this.
    #[inline]
    pub fn unpark(&self) {
        if self.sleeping.load(Ordering::SeqCst) != 0 && self.sleeping.swap(0, Ordering::SeqCst) != 0 {
            sys::futex_wake(&self.sleeping, 1);
        }
    }
}
