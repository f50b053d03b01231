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
//! work, and none is running. The procs are looked at one after another,
//! not all at once: one woken just before could drain its inbox and run
//! between the reading of its idle flag and of its inbox, and then hand
//! work to a proc already looked at. So a check counts only if no proc
//! left idleness while it looked: [`idle_leave`] counts every leaving, and
//! the check reads the count before and after.


use crate::proc::{self, Proc};
use crate::sync::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use crate::{debug, note, sanitizer, sys, wait};

static ENABLED: AtomicBool = AtomicBool::new(false);
/// Low 32 bits: counted procs that are idle (about to sleep or asleep).
/// High 32 bits: how many times a proc left idleness, wrapping.
static IDLE: AtomicU64 = AtomicU64::new(0);
/// One leaving, in IDLE.
const LEAVE: u64 = 1 << 32;

fn idle_procs(idle: u64) -> usize {
    (idle & (LEAVE - 1)) as usize
}
/// Holds on the check: things outside the procs that may wake a thread.
static HOLDS: AtomicUsize = AtomicUsize::new(0);
/// OS threads the library runs (procs, and the main OS thread).
static OS_THREADS: AtomicUsize = AtomicUsize::new(0);
/// One check at a time; the one that finds a deadlock exits holding it. It
/// guards no data, so it is std's own lock: sync::Mutex would have
/// ThreadSanitizer ignore the exiting thread's accesses for good, which it
/// reports.
static CHECK_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Turns detection on, unless LIBTHREAD_DEADLOCK=0; called when threadmain starts.
pub fn enable() {
    let off = std::env::var("LIBTHREAD_DEADLOCK").is_ok_and(|v| v == "0");
    ENABLED.store(!off, Ordering::Relaxed);
}

/// Turns detection off for good: a foreign OS thread uses the library, and
/// it may wake threads in ways no proc can see.
pub fn foreign_thread() {
    // Before the OS thread is counted as ours (os_thread_started): a check
    // that sees it counted sees this too.
    ENABLED.store(false, Ordering::SeqCst);
}

/// Something outside the procs (a child process, say) may wake a thread
/// until the matching [`release`].
pub fn hold() {
    HOLDS.fetch_add(1, Ordering::SeqCst);
}

/// Ends a [`hold`]. Every proc may have gone idle while it lasted (all
/// threads blocked for good once a child's message is kept for nobody):
/// the last release checks then, as the last proc to go idle would have.
pub fn release() {
    if HOLDS.fetch_sub(1, Ordering::SeqCst) == 1 {
        check_if_all_idle();
    }
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
    OS_THREADS.fetch_add(1, Ordering::SeqCst);
}

pub fn os_thread_ended() {
    OS_THREADS.fetch_sub(1, Ordering::Relaxed);
}

/// A counted proc goes idle; checks when it is the last.
pub fn idle_enter() {
    if idle_procs(IDLE.fetch_add(1, Ordering::SeqCst) + 1) == proc::live_procs() {
        check();
    }
}

/// A counted proc stops being idle: one fewer idle, one more leaving.
pub fn idle_leave() {
    IDLE.fetch_add(LEAVE - 1, Ordering::SeqCst);
}

/// A counted proc ended: the others may all be idle now.
pub fn proc_ended() {
    check_if_all_idle();
}

/// Checks, if every live counted proc is idle.
fn check_if_all_idle() {
    let live = proc::live_procs();
    if live > 0 && idle_procs(IDLE.load(Ordering::SeqCst)) == live {
        check();
    }
}

fn check() {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let _g = CHECK_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let before = IDLE.load(Ordering::SeqCst);
    if idle_procs(before) != proc::live_procs()
        || HOLDS.load(Ordering::SeqCst) > 0
        || wait::pending_wakeups() > 0
        || note::handlers_installed()
        || !proc::all().into_iter().all(stuck)
    {
        return;
    }
    // A foreign OS thread that was among them may have been adopted, and
    // counted, meanwhile: detection is off from then on.
    if !only_our_os_threads() || !ENABLED.load(Ordering::SeqCst) {
        return;
    }
    // Every proc was idle when we began. Unless one left idleness since,
    // none ran a thread, so none handed work to a proc looked at earlier.
    if IDLE.load(Ordering::SeqCst) != before {
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
/// ThreadSanitizer runs one OS thread of its own, started with the first
/// other OS thread, which never touches a channel.
fn only_our_os_threads() -> bool {
    let sanitizers = usize::from(sanitizer::tsan());
    for _ in 0..20 {
        let n = std::fs::read_dir("/proc/self/task").map_or(usize::MAX, |d| d.count());
        if n <= OS_THREADS.load(Ordering::SeqCst) + sanitizers {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    false
}
