//! threadint and threadkill, and their group forms.
//!
//! An interrupt is a request to the target thread's own proc: the thread
//! is queued on the proc's interrupt queue, and the proc carries the request
//! out between threads (Proc::take_interrupts), when the target cannot be
//! running, so that it can inspect and end the target's wait safely (see
//! alt::interrupt_wait). A thread blocked in a channel operation or alt
//! returns -1 from it; a value a partner already delivered stays delivered.
//! A thread that is running or ready is not affected, and a later wait of
//! a thread that was blocked is not ended by an interrupt aimed at an
//! earlier one (Thread::aim_interrupt); except that when the thread is the
//! running thread of another proc, that proc's OS thread is also sent
//! a signal without SA_RESTART, so that a system call it is blocked in fails
//! with EINTR; no more than one at a time (Proc::signal_interrupt).
//!
//! A killed thread is interrupted, and exits at its next scheduling point:
//! when it enters or returns from a blocking channel operation or procwait,
//! or yields. From the kill on, no partner completes a channel operation it
//! is blocked in (alt::take_partner), so no value goes to a thread about to
//! die; unless its kills are deferred, when the operation must finish
//! first.

use core::ffi::c_int;

use crate::proc::{self, Proc};
use crate::sync::Ordering;
use crate::thread::{State, Thread};
use crate::{registry, sched};

/// Interrupts thread `id`; returns 1 if it exists, 0 if not.
pub fn interrupt(id: c_int) -> c_int {
    c_int::from(registry::with_thread(id, request))
}

/// Marks thread `id` to die at its next scheduling point, interrupting it.
pub fn kill(id: c_int) {
    registry::with_thread(id, |p, t| {
        mark_killed(t);
        request(p, t);
    });
}

/// Marks `t` to die, unless it is an adopted thread: the library cannot
/// end an OS thread it did not start, so a kill only interrupts it. Called
/// holding `t`'s registry lock.
fn mark_killed(t: *mut Thread) {
    // SAFETY: t is valid while the registry lock is held; its stack is
    // fixed for its life.
    unsafe {
        if (*t).stack.is_some() {
            (*t).killed.store(true, Ordering::Relaxed);
        }
    }
}

/// Interrupts, or kills, every thread of group `grp`; returns how many.
pub fn signal_group(grp: c_int, killing: bool) -> c_int {
    let mut n = 0;
    registry::each_program_thread(|p, t| {
        // SAFETY: t is valid while the registry lock is held. A change of
        // group racing with this may go either way.
        if unsafe { (*t).grp.load(Ordering::Relaxed) } == grp {
            if killing {
                mark_killed(t);
            }
            request(p, t);
            n += 1;
        }
        true
    });
    n
}

/// Asks `p` to interrupt its thread `t`. Called holding `p`'s registry lock,
/// so `t` cannot exit meanwhile.
///
/// A killed thread is queued whatever its state: it must leave any wait it
/// enters before it notices the kill. A thread only interrupted is queued
/// if it is blocked, and its proc then ends only that wait, should the
/// thread have gone on to another meanwhile: an interrupt of a running or
/// ready thread is not remembered.
fn request(p: *mut Proc, t: *mut Thread) {
    // SAFETY: per the contract, t and p are valid.
    unsafe {
        let killed = (*t).killed.load(Ordering::Relaxed);
        crate::debug!(Int, "interrupt thread {}{}", (*t).id, if killed { " (killed)" } else { "" });
        if (killed || (*t).aim_interrupt()) && !(*t).int_pending.swap(true, Ordering::AcqRel) {
            (*p).post_interrupt(t);
        }
        // A running thread is its proc's current one. Its state is an
        // atomic; the proc's `current` is not ours to read.
        if p != proc::current() && (*t).state() == State::Running {
            (*p).signal_interrupt();
        }
    }
}

/// Ends the calling thread `t` if it was killed, unless its kills are
/// deferred.
///
/// # Safety
/// `t` is the running thread.
#[inline]
pub unsafe fn exit_if_killed(t: *mut Thread) {
    // SAFETY: per the contract.
    if unsafe { (*t).dying() } {
        sched::exit(true);
    }
}

/// Defers kills of the calling thread while it lives: the thread keeps
/// running, to be killed at its next scheduling point afterwards.
pub struct Deferred(*mut Thread);

impl Deferred {
    pub fn new() -> Deferred {
        let t = proc::current_thread();
        // SAFETY: t is the running thread.
        unsafe { (*t).kill_deferred.store((*t).kill_deferred.load(Ordering::Relaxed) + 1, Ordering::Relaxed) };
        Deferred(t)
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        // SAFETY: the guard lives on the thread's own stack.
        unsafe { (*self.0).kill_deferred.store((*self.0).kill_deferred.load(Ordering::Relaxed) - 1, Ordering::Relaxed) };
    }
}
