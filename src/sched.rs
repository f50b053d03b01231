//! The scheduler: making threads runnable, switching between the threads of
//! a proc, and ending threads.
//!
//! Threads switch to each other directly; there is no scheduler context in
//! between. A thread that blocks with nothing else runnable waits for work
//! on its own stack (see `Proc::next_runnable`). Only when its last thread
//! exits does a proc switch back to its OS thread's own context.

use core::ffi::c_int;
use core::ptr;

use crate::debug::{self, Topic};
use crate::proc::{self, Proc};
use crate::sync::{AtomicBool, Ordering};
use crate::thread::{self, State, Thread};
use crate::{arch, die, kill, sanitizer, stack};

/// Makes `t`, a thread that is blocked (or new), runnable.
///
/// The caller must not touch `t` afterwards: in another proc it may run,
/// exit and be freed at once.
///
/// # Safety
/// `t` is valid, blocked and on no run queue; the caller is the only one
/// making it runnable.
#[inline]
pub unsafe fn ready(t: *mut Thread) {
    // SAFETY: per the contract.
    unsafe { ready_from(proc::current_or_null(), t) }
}

/// [`ready`], for a caller that knows its own proc `me` (or null).
///
/// # Safety
/// As for [`ready`]; `me` is the calling OS thread's proc.
#[inline]
pub unsafe fn ready_from(me: *mut Proc, t: *mut Thread) {
    // SAFETY: per the contract.
    unsafe {
        let p = (*t).proc;
        if p == me {
            ready_local(p, t);
        } else {
            (*p).ready_remote(t);
        }
    }
}

/// [`ready`] for a thread of the calling proc `p`.
///
/// # Safety
/// As for [`ready`]; `t` belongs to `p`, the calling OS thread's proc.
#[inline(always)]
pub unsafe fn ready_local(p: *mut Proc, t: *mut Thread) {
    // SAFETY: per the contract.
    unsafe {
        (*t).set_state(State::Ready);
        (*p).runq.push(t);
        if (*p).nthreads > Lookahead::FROM {
            (*p).lookahead.readied(t);
        }
    }
}

/// Prefetching for a proc that readies threads in a steady order of their
/// stacks, as in a ring or a pipeline of threads made one after another,
/// or workers served in turn. In a proc of many threads, each thread
/// readied is a TLB miss and a few cache misses, one after another: one
/// for its waiter, then its record, then the frames it resumes through.
/// When the stacks of the last threads readied lie a constant stride
/// apart, the lines of the thread the stride predicts a few wakes ahead
/// are loaded meanwhile.
pub struct Lookahead {
    /// The top of the stack of the thread readied last.
    top: usize,
    /// Its distance from the one before.
    stride: usize,
}

impl Lookahead {
    /// Threads a proc must have for the lookahead to run: with fewer, their
    /// hot lines (five each) stay in a core's L2 cache. In `ring`, 1,000
    /// threads took as long with it as without; 2,000 and 4,000, a fifth
    /// less with it.
    const FROM: usize = 1024;
    /// How many wakes ahead to prefetch: enough to cover a miss to memory
    /// (more were no faster in `ring` of 1,000,000 threads).
    const AHEAD: usize = 4;
    /// Lines to load from the top of the predicted record down: the
    /// record's first line, and the frames of a thread blocked in a
    /// channel operation.
    const LINES: usize = 5;

    pub const fn new() -> Lookahead {
        Lookahead { top: 0, stride: 0 }
    }

    /// Notes that the proc readied `t`, and prefetches what that predicts.
    #[inline(always)]
    fn readied(&mut self, t: *mut Thread) {
        if let Some(ahead) = self.predict(t) {
            for line in 0..Self::LINES {
                arch::prefetch(ahead.cast::<u8>().wrapping_sub(line * 64));
            }
        }
    }

    /// Notes that the proc readied `t`; returns the record of the thread
    /// it will ready AHEAD wakes later if the stride holds. The record may
    /// be anything, or nothing: it is only prefetched.
    #[inline(always)]
    fn predict(&mut self, t: *mut Thread) -> Option<*mut Thread> {
        let top = thread::stack_top_above(t);
        let stride = top.wrapping_sub(self.top);
        let steady = stride == self.stride;
        self.top = top;
        self.stride = stride;
        steady.then(|| thread::record_below(top.wrapping_add(stride.wrapping_mul(Self::AHEAD))))
    }
}

/// Suspends the running thread of `p` until somebody readies it, running
/// other threads meanwhile. The caller has already arranged for the thread
/// to be readied (it is queued on a channel, or on the run queue).
///
/// # Safety
/// `p` is the calling OS thread's proc.
#[inline(always)]
pub unsafe fn block(p: *mut Proc) {
    // SAFETY: p is ours; its current thread is the caller.
    unsafe {
        let cur = (*p).current;
        let errno = *(*p).errno_loc;
        let mut next = (*p).next_queued();
        if next.is_null() {
            next = (*p).next_runnable_slow();
            if next == cur {
                // Readied while we waited for work: no switch needed.
                *(*p).errno_loc = errno;
                (*cur).set_state(State::Running);
                return;
            }
        }
        (*cur).errno = errno;
        switch_to(p, cur, next);
    }
}

/// Whether switches go through [`switch_hooked`]: when AddressSanitizer or
/// ThreadSanitizer runs, or LIBTHREAD_DEBUG asks to hear of every thread
/// that blocks.
/// Fixed when the runtime starts, so that a thread resumes on the same side
/// of the test as it left; one test at every switch serves both.
static HOOKED: AtomicBool = AtomicBool::new(false);

/// Sets [`HOOKED`]; called once at start-up, after the sanitizer and
/// LIBTHREAD_DEBUG have been looked at.
pub fn init_hooks() {
    HOOKED.store(sanitizer::asan() || sanitizer::tsan() || debug::on(Topic::Chan), Ordering::Relaxed);
}

/// Resumes `next`, saving the context of `cur`, the running thread.
///
/// # Safety
/// `p` is the calling OS thread's proc and `next` one of its runnable
/// threads, not `cur`.
#[inline]
unsafe fn switch_to(p: *mut Proc, cur: *mut Thread, next: *mut Thread) {
    // SAFETY: per the contract; threads never change procs, so `p` is still
    // ours when the switch returns.
    unsafe {
        (*p).current = next;
        (*p).nswitch += 1;
        (*next).set_state(State::Running);
        *(*p).errno_loc = (*next).errno;
        if HOOKED.load(Ordering::Relaxed) {
            switch_hooked(p, cur, next);
        } else {
            arch::switch(&mut (*cur).ctx, (*next).ctx);
        }
    }
}

/// The switch of [`switch_to`] with its hooks: the debugging message of a
/// thread that blocks, and when a sanitizer runs, word of every change of
/// stack.
///
/// # Safety
/// As for [`switch_to`].
#[cold]
#[inline(never)]
unsafe fn switch_hooked(p: *mut Proc, cur: *mut Thread, next: *mut Thread) {
    // SAFETY: per the contract.
    unsafe {
        if (*cur).state() == State::Blocked {
            crate::debug!(Chan, "thread {} blocks: {}", (*cur).id, (*cur).waiting_on());
        }
        if !sanitizer::asan() {
            sanitizer::switch_fiber((*next).san);
            arch::switch(&mut (*cur).ctx, (*next).ctx);
            return;
        }
        let (bottom, size) = thread::stack_bounds(next);
        // A dead thread's stack state is dropped: it never resumes.
        let save = if (*p).dead == cur { ptr::null_mut() } else { &raw mut (*cur).san };
        sanitizer::before_switch(save, bottom, size);
        arch::switch(&mut (*cur).ctx, (*next).ctx);
        sanitizer::after_switch(&raw const (*cur).san);
    }
}

/// Frees the stack of the thread that exited last, if it is still kept:
/// an exiting thread cannot free the stack it runs on, so it leaves that to
/// its proc's next exit, thread creation or wait for work (or end).
///
/// # Safety
/// `p` is the calling OS thread's proc.
#[inline]
pub unsafe fn reap(p: *mut Proc) {
    // SAFETY: per the contract.
    if unsafe { !(*p).dead.is_null() } {
        // SAFETY: as above.
        unsafe { reap_dead(p) };
    }
}

#[cold]
unsafe fn reap_dead(p: *mut Proc) {
    // SAFETY: `dead` has switched away for good.
    unsafe {
        let dead = (*p).dead;
        (*p).dead = ptr::null_mut();
        sanitizer::thread_ended((*dead).san);
        if let Some(s) = thread::release(dead) {
            stack::free(&mut (*p).stacks, s);
        }
    }
}

/// Lets the other ready threads of the calling proc run; returns how many
/// threads ran before the caller resumed. When there are some, it returns
/// by a jump (see the arch module): call it in tail position.
pub fn yield_now() -> c_int {
    let p = proc::current();
    // SAFETY: p is the calling proc and its current thread the caller.
    unsafe {
        // Threads other procs readied, or that interrupts end the waits
        // of, go first, so a yield loop cannot starve them.
        (*p).take_interrupts();
        (*p).drain_inbox();
        // With nobody else ready, block would find the caller first.
        if (*p).runq.is_empty() {
            kill::exit_if_killed((*p).current);
            return 0;
        }
        yield_to_others(p)
    }
}

/// The part of [`yield_now`] that switches: queues the caller behind the
/// threads ready in `p`, its proc, and blocks.
///
/// # Safety
/// `p` is the calling proc, with threads ready to run.
unsafe extern "C" fn yield_to_others_body(p: *mut Proc) -> c_int {
    // SAFETY: per the contract.
    unsafe {
        let before = (*p).nswitch;
        let cur = (*p).current;
        (*cur).set_state(State::Ready);
        (*p).runq.push(cur);
        block(p);
        kill::exit_if_killed(cur);
        ((*p).nswitch - before).saturating_sub(1) as c_int
    }
}

crate::arch::return_by_jump!(fn yield_to_others(p: *mut Proc) -> c_int = yield_to_others_body);

/// Ends the calling thread, with exit status `failed` (0 or 1) should it be
/// the last thread of the program. When it is the last thread of its proc,
/// the proc ends too.
pub fn exit(failed: bool) -> ! {
    let p = proc::current();
    // SAFETY: p is the calling proc and its current thread the caller.
    unsafe {
        let t = (*p).current;
        if (*t).stack.is_none() {
            die!("threadexits: the calling thread was not created by the library (it belongs to the program's own main or another OS thread)");
        }
        crate::debug!(Sched, "thread {} exits{}", (*t).id, if (*p).nthreads == 1 { ", ending its proc" } else { "" });
        (*p).nthreads -= 1;
        if (*p).nthreads == 0 {
            proc::last_thread_exiting((*p).kind, failed);
        }
        // Once out of the registry nobody can queue an interrupt for t;
        // those already queued are dropped here.
        (*p).registry.remove(t);
        (*p).take_interrupts();
        // The stack of the thread that exited before us can go now; ours
        // goes once we have switched away.
        reap(p);
        if (*p).nthreads == 0 {
            (*p).dead = t;
            (*p).current = ptr::null_mut();
            let (bottom, size) = (*p).os_stack;
            sanitizer::before_switch(ptr::null_mut(), bottom, size);
            sanitizer::switch_fiber((*p).base_san);
            let mut scratch = ptr::null_mut();
            arch::switch(&mut scratch, (*p).base);
        } else {
            // Waiting for work frees the stack kept in `dead`: set it after.
            let next = (*p).next_runnable();
            (*p).dead = t;
            switch_to(p, t, next);
        }
    }
    unreachable!("an exited thread was resumed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack;

    /// The records of threads on stacks `stride` bytes apart, from `top`.
    fn records(top: usize, stride: usize, n: usize) -> Vec<*mut Thread> {
        (0..n).map(|i| thread::record_below(top + i * stride)).collect()
    }

    /// Feeds `recs` to a fresh Lookahead and checks that once it has seen
    /// two equal strides it predicts the record AHEAD wakes on.
    fn assert_predicts(recs: &[*mut Thread]) {
        let mut la = Lookahead::new();
        assert_eq!(la.predict(recs[0]), None, "no stride known yet");
        assert_eq!(la.predict(recs[1]), None, "one stride seen");
        for i in 2..recs.len() - Lookahead::AHEAD {
            assert_eq!(la.predict(recs[i]), Some(recs[i + Lookahead::AHEAD]), "wake {i}");
        }
    }

    #[test]
    fn lookahead_predicts_a_steady_stride() {
        // Across a whole round of colours, upwards and downwards.
        let mut recs = records(1 << 40, stack::CLASS0 + stack::GUARD, 40);
        assert_predicts(&recs);
        recs.reverse();
        assert_predicts(&recs);
        // Larger stacks.
        assert_predicts(&records(1 << 40, (stack::CLASS0 << 3) + stack::GUARD, 10));
    }

    #[test]
    fn lookahead_stays_quiet_when_the_stride_changes() {
        let stride = stack::CLASS0 + stack::GUARD;
        let recs = records(1 << 40, stride, 8);
        let mut la = Lookahead::new();
        // Two threads taking turns, as in a ping-pong.
        for i in 0..10 {
            let p = la.predict(recs[i % 2]);
            assert_eq!(p, None, "wake {i}");
        }
    }
}
