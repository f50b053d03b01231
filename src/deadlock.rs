//! Deadlock detection, as Go does it: when every thread of every proc is
//! blocked and nothing can wake one, print "thread: deadlock: all threads
//! are blocked" with the table of procs and threads, and exit with status 2.
//!
//! Only in programs started by threadmain, and never while anything outside
//! the procs could still wake a thread: a note handler is registered, a
//! child process is outstanding ([`hold`]), an OS thread the library did
//! not start has called it, or the process has OS threads the library does
//! not know. A proc in a system call (a busy ioproc, say) is not idle, so it
//! prevents the report by itself. LIBTHREAD_DEADLOCK=0 turns detection off.
//!
//! The last proc to go idle checks, under CHECK_LOCK, that every live proc
//! is idle with nothing in its inbox: only a running proc could hand it
//! work, and none is running.

use std::sync::Mutex;

use crate::proc::{self, Proc};
use crate::sync::{AtomicBool, AtomicUsize, Ordering};
use crate::{debug, note, sys, wait};

static ENABLED: AtomicBool = AtomicBool::new(false);
/// Counted procs that are idle (about to sleep or asleep).
static IDLE: AtomicUsize = AtomicUsize::new(0);
/// Holds on the check: things outside the procs that may wake a thread.
static HOLDS: AtomicUsize = AtomicUsize::new(0);
/// OS threads the library runs (procs, and the main OS thread).
static OS_THREADS: AtomicUsize = AtomicUsize::new(0);
static CHECK_LOCK: Mutex<()> = Mutex::new(());

/// Turns detection on, unless LIBTHREAD_DEADLOCK=0; called when threadmain starts.
pub fn enable() {
    let off = std::env::var("LIBTHREAD_DEADLOCK").is_ok_and(|v| v == "0");
    ENABLED.store(!off, Ordering::Relaxed);
}

/// Turns detection off for good: a foreign OS thread uses the library, and
/// it may wake threads in ways no proc can see.
pub fn foreign_thread() {
    ENABLED.store(false, Ordering::Relaxed);
}

/// Something outside the procs (a child process, say) may wake a thread
/// until the matching [`release`].
pub fn hold() {
    HOLDS.fetch_add(1, Ordering::SeqCst);
}

pub fn release() {
    HOLDS.fetch_sub(1, Ordering::SeqCst);
}

/// [`hold`] for as long as the value lives.
pub struct Hold(());

impl Hold {
    pub fn new() -> Hold {
        hold();
        Hold(())
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        release();
    }
}

/// An OS thread of the library started or ended.
pub fn os_thread_started() {
    OS_THREADS.fetch_add(1, Ordering::Relaxed);
}

pub fn os_thread_ended() {
    OS_THREADS.fetch_sub(1, Ordering::Relaxed);
}

/// A counted proc goes idle; checks when it is the last.
pub fn idle_enter() {
    if IDLE.fetch_add(1, Ordering::SeqCst) + 1 == proc::live_procs() {
        check();
    }
}

pub fn idle_leave() {
    IDLE.fetch_sub(1, Ordering::SeqCst);
}

/// A counted proc ended: the others may all be idle now.
pub fn proc_ended() {
    let live = proc::live_procs();
    if live > 0 && IDLE.load(Ordering::SeqCst) == live {
        check();
    }
}

fn check() {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let _g = CHECK_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if HOLDS.load(Ordering::SeqCst) > 0
        || wait::pending_wakeups() > 0
        || note::handlers_installed()
        || !proc::all().into_iter().all(stuck)
    {
        return;
    }
    if !only_our_os_threads() {
        return;
    }
    sys::write_stderr(b"thread: deadlock: all threads are blocked\n");
    debug::print_table();
    sys::exit(2);
}

/// Whether proc `p` cannot run anything until another proc hands it work.
fn stuck(p: *mut Proc) -> bool {
    // SAFETY: proc records are never freed.
    let p = unsafe { &*p };
    !p.counts_for_deadlock() || (p.is_idle() && !p.has_mail(Ordering::SeqCst))
}

/// Whether every OS thread of the process is one of ours. An OS thread of
/// a proc that just ended may linger for a moment: look again a few times.
fn only_our_os_threads() -> bool {
    for _ in 0..20 {
        let n = std::fs::read_dir("/proc/self/task").map_or(usize::MAX, |d| d.count());
        if n <= OS_THREADS.load(Ordering::Relaxed) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    false
}
