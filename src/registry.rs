//! The registry of threads: every proc keeps a list of its threads, so that
//! threadint, threadkill, threadpid and debugging output can find threads
//! by id or group.
//!
//! Locking rules: each list has a lock biased towards its proc, which adds
//! and removes its own threads without atomic operations; another proc that
//! looks a thread up takes the same lock. While it is held no thread of the
//! list can exit (exit removes the thread under the lock first), so the
//! records found stay valid. A proc that has not started, or has ended, is
//! not `alive`: lookups skip it, and its creator fills its list unlocked.
//! Lookups go through the list of live procs, not every proc record ever
//! made (records are kept for reuse), so that a program that once ran
//! thousands of procs does not pay for them at every threadint.
//! Lock order: a registry lock before any channel lock; the list of live
//! procs is locked alone.

use core::ptr;

use crate::proc::{self, Proc};
use crate::sanitizer;
use crate::sync::{AtomicBool, BiasedLock, Mutex, Ordering};
use crate::thread::Thread;

/// The procs whose registries are open, in no order.
static LIVE: Mutex<Vec<usize>> = Mutex::new(Vec::new());

pub struct Registry {
    /// The proc whose threads these are: the only one that changes the list.
    owner: *mut Proc,
    lock: BiasedLock,
    /// First thread of the list, linked through Thread::all_next/all_prev.
    head: core::cell::Cell<*mut Thread>,
    /// Whether the proc is running: lookups see only live procs.
    alive: AtomicBool,
}

impl Registry {
    /// An empty registry for proc `owner`.
    pub fn new(owner: *mut Proc) -> Registry {
        Registry { owner, lock: BiasedLock::new(crate::proc::lock_id(owner)), head: core::cell::Cell::new(ptr::null_mut()), alive: AtomicBool::new(false) }
    }

    /// Runs `f` holding the lock, or without it while the proc is not alive
    /// (only its creator, or the proc itself at its end, can see it then).
    /// Called only by the owner proc, which alone changes the list.
    pub fn locked<R>(&self, f: impl FnOnce() -> R) -> R {
        if !self.alive.load(Ordering::Acquire) {
            return f();
        }
        let biased = self.lock.lock(crate::proc::lock_id(self.owner));
        let r = f();
        // SAFETY: entered just above.
        unsafe { self.lock.unlock(biased) };
        r
    }

    /// Adds `t`, a new thread of this registry's proc.
    ///
    /// # Safety
    /// `t` is valid and in no list.
    pub unsafe fn add(&self, t: *mut Thread) {
        self.locked(|| {
            let head = self.head.get();
            // SAFETY: per the contract; listed threads are valid.
            unsafe {
                (*t).all_prev = ptr::null_mut();
                (*t).all_next = head;
                if !head.is_null() {
                    (*head).all_prev = t;
                }
            }
            self.head.set(t);
        })
    }

    /// Removes `t`, which is exiting.
    ///
    /// # Safety
    /// `t` is in this list.
    pub unsafe fn remove(&self, t: *mut Thread) {
        self.locked(|| {
            // SAFETY: per the contract; listed threads are valid.
            unsafe {
                let (prev, next) = ((*t).all_prev, (*t).all_next);
                if prev.is_null() { self.head.set(next) } else { (*prev).all_next = next }
                if !next.is_null() {
                    (*next).all_prev = prev;
                }
            }
            // A lookup that no longer finds the thread comes after all it did.
            sanitizer::release(self);
        })
    }

    /// Whether the proc is running (published to lookups).
    pub fn is_open(&self) -> bool {
        self.alive.load(Ordering::Acquire)
    }

    /// Publishes the proc to lookups.
    pub fn open(&self) {
        LIVE.lock().push(self.owner as usize);
        self.alive.store(true, Ordering::Release);
    }

    /// Hides the proc from lookups, and waits for those under way.
    pub fn close(&self) {
        let biased = self.lock.lock(crate::proc::lock_id(self.owner));
        self.alive.store(false, Ordering::Release);
        // SAFETY: entered just above.
        unsafe { self.lock.unlock(biased) };
        let mut live = LIVE.lock();
        if let Some(i) = live.iter().position(|&p| p == self.owner as usize) {
            live.swap_remove(i);
        }
        // As in remove, for a lookup that no longer finds the proc.
        sanitizer::release(&LIVE);
    }

    /// Calls `f` on each thread while holding the lock, until it returns false.
    /// Returns false if `f` did. A proc that is not alive has no threads to
    /// show.
    fn each(&self, me: u32, f: &mut impl FnMut(*mut Thread) -> bool) -> bool {
        let biased = self.lock.lock(me);
        sanitizer::acquire(self);
        let mut go = true;
        let mut t = if self.alive.load(Ordering::Acquire) { self.head.get() } else { ptr::null_mut() };
        while !t.is_null() && go {
            go = f(t);
            // SAFETY: listed threads are valid while we hold the lock.
            t = unsafe { (*t).all_next };
        }
        // SAFETY: entered just above.
        unsafe { self.lock.unlock(biased) };
        go
    }
}

/// Calls `f(p, t)` for every thread `t` of every live proc `p`, holding
/// `p`'s registry lock, until `f` returns false.
pub fn each_thread(mut f: impl FnMut(*mut Proc, *mut Thread) -> bool) {
    // Not proc::current, which would adopt: an OS thread being adopted
    // looks threads up for its thread's id.
    let me = proc::lock_id(proc::current_or_null());
    let live: Vec<usize> = LIVE.lock().clone();
    sanitizer::acquire(&LIVE);
    for p in live {
        let p = p as *mut Proc;
        // SAFETY: proc records are never freed.
        let registry = unsafe { &(*p).registry };
        if !registry.each(me, &mut |t| f(p, t)) {
            return;
        }
    }
}

/// [`each_thread`] for the program's threads: those of the library's own
/// procs (I/O procs, the reaper of children, the wait channel's feeder,
/// note delivery) are no thread of any group, nor found by id, so that no
/// threadkillgrp, threadintgrp or guessed id can stop the library's work.
pub fn each_program_thread(mut f: impl FnMut(*mut Proc, *mut Thread) -> bool) {
    // SAFETY: a live proc's kind was set before it started, and stays.
    each_thread(|p, t| unsafe { (*p).kind } == proc::Kind::Service || f(p, t));
}

/// Calls `f(p, t)` for the program's thread with id `id`; returns whether
/// it exists.
pub fn with_thread(id: libc::c_int, mut f: impl FnMut(*mut Proc, *mut Thread)) -> bool {
    let mut found = false;
    each_program_thread(|p, t| {
        // SAFETY: t is valid while the registry lock is held.
        if unsafe { (*t).id } == id {
            f(p, t);
            found = true;
        }
        !found
    });
    found
}
