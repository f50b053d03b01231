//! Waiting for the child processes the library started (procexec and the
//! threadspawn family): collecting their status, and delivering it as a
//! Waitmsg to procwait or to threadwaitchan's channel.
//!
//! A reaper, a service proc with one thread, watches one pidfd per child
//! with epoll and collects each child with waitid on that pidfd (wait4 on
//! its pid when the kernel gave none), so that the library never reaps a
//! child it did not start, even one that took the pid of a child of the
//! library's that the program reaped: the program's own fork and
//! posix_spawn children are left to its own waitpid. A collected child's
//! Waitmsg goes to a thread waiting for that pid in procwait; otherwise it
//! is kept until procwait asks for it or, once the program has called
//! threadwaitchan, until a feeder (a second service proc) has sent it on the
//! wait channel. No message is ever dropped, even when the child exits
//! before the program first calls threadwaitchan.
//!
//! Locking rules: `STATE` guards the children, the undelivered messages,
//! the procwait waiters and the feeder's parking spot. It is held briefly,
//! never across a context switch or a blocking call (the reaper collects a
//! child under it, with a wait that cannot block: the child has ended, or
//! WNOHANG polls it); threads are readied only after it is dropped (once
//! readied, a thread may run at once in another proc).
//!
//! Ownership: a Waitmsg is one malloc'd block (the message text follows the
//! structure) that belongs to whoever receives it.

use core::ffi::{c_char, c_int, c_ulong, c_void};
use core::fmt::Write;
use core::mem::{offset_of, size_of};
use core::ptr;
use std::collections::{HashMap, VecDeque};

use crate::channel::Channel;
use crate::fatal::{Errno, MsgBuf};
use crate::sync::{AtomicBool, AtomicI32, Mutex, MutexGuard, Once, Ordering};
use crate::thread::{Thread, Wait, WaitTag};
use crate::sys::unseen;
use crate::{alt, deadlock, die, kill, proc, sanitizer, sched, sys};

/// Plan 9's Waitmsg, as libc.h (Plan 9's and plan9port's) lays it out.
#[repr(C)]
pub struct Waitmsg {
    /// The child's process id.
    pub pid: c_int,
    /// User, system and real time, in milliseconds.
    pub time: [c_ulong; 3],
    /// "" for success, else the status (see status_string).
    pub msg: *mut c_char,
}

#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(size_of::<Waitmsg>() == 40);
    assert!(offset_of!(Waitmsg, time) == 8);
    assert!(offset_of!(Waitmsg, msg) == 32);
};

static PROCWAIT: WaitTag = WaitTag("procwait");
static CHILD_EXIT: WaitTag = WaitTag("a child to exit");

/// A child started by the library and not yet collected.
struct Child {
    /// Its pidfd in the reaper's descriptor table; UNOPENED until the
    /// reaper opens it, -1 when the kernel gave none and the reaper polls.
    pidfd: c_int,
    /// When it was started (sys::now_ns), for the real time.
    started_ns: u64,
}

/// A thread blocked in procwait.
struct ProcWaiter {
    pid: c_int,
    thread: *mut Thread,
    /// Where the reaper puts the message, on the waiting thread's stack.
    slot: *mut *mut Waitmsg,
}

struct WaitState {
    children: HashMap<c_int, Child>,
    /// Collected, not yet delivered, oldest first.
    undelivered: VecDeque<*mut Waitmsg>,
    procwaiters: Vec<ProcWaiter>,
    /// threadwaitchan's channel; null until the program first asks for it.
    chan: *mut Channel,
    /// Whether the program closed that channel, and its feeder ended.
    chan_closed: bool,
    /// The feeder, while it waits for a message to send.
    idle_feeder: *mut Thread,
    /// Children registered since the reaper last looked, whose pidfds it
    /// must open.
    fresh: Vec<c_int>,
}

// SAFETY: the raw pointers are only touched under the mutex, or by the
// thread the state hands them to.
unsafe impl Send for WaitState {}

static STATE: Mutex<Option<WaitState>> = Mutex::new(None);

fn state() -> MutexGuard<'static, Option<WaitState>> {
    STATE.lock()
}

/// Runs `f` on the state, creating it on first use.
fn with_state<R>(f: impl FnOnce(&mut WaitState) -> R) -> R {
    let mut g = state();
    let st = g.get_or_insert_with(|| WaitState {
        children: HashMap::new(),
        undelivered: VecDeque::new(),
        procwaiters: Vec::new(),
        chan: ptr::null_mut(),
        chan_closed: false,
        idle_feeder: ptr::null_mut(),
        fresh: Vec::new(),
    });
    f(st)
}

/// [`Child::pidfd`] of a child whose pidfd the reaper has not opened yet.
const UNOPENED: c_int = -2;

/// The reaper's OS thread id, once it is ready to be woken; 0 before.
static REAPER_TID: AtomicI32 = AtomicI32::new(0);
/// Set while a wake-up is on its way to the reaper, so that a burst of
/// children sends one signal.
static REAPER_WOKEN: AtomicBool = AtomicBool::new(false);

/// epoll data of the signalfd that wakes the reaper; pidfds carry their
/// child's pid.
const WAKE_TOKEN: u64 = u64::MAX;
/// How often children without a pidfd are polled.
const POLL_MS: c_int = 50;

/// Children started by the library and not yet collected, and statuses
/// queued for the wait channel: each may still wake a thread, so the
/// deadlock detector reports nothing while there are any.
pub fn pending_wakeups() -> usize {
    // Messages queued for the wait channel count too: its feeder, a
    // service proc, will send them, and may wake a receiver.
    with_state(|st| st.children.len() + if st.chan.is_null() || st.chan_closed { 0 } else { st.undelivered.len() })
}

/// Starts watching `pid`, a child the library has just started, once the
/// reaper has been started ([`start_reaper`]).
///
/// Every descriptor of the reaper's lives in its own table (a service
/// proc's: proc::create_service), never in the caller's, which may be a
/// proc's private one: the reaper opens the child's pidfd, and is woken by
/// a signal read through a signalfd.
pub fn register(pid: c_int, started_ns: u64) {
    with_state(|st| {
        st.children.insert(pid, Child { pidfd: UNOPENED, started_ns });
        st.fresh.push(pid);
    });
    let tid = REAPER_TID.load(Ordering::SeqCst);
    // Before it is ready the reaper has yet to look at the fresh children.
    if tid != 0 && !REAPER_WOKEN.swap(true, Ordering::SeqCst) {
        crate::signal::interrupt_os_thread(tid);
    }
}

/// Starts the reaper, once; `who` names the call that needs it, should it
/// be impossible.
pub fn start_reaper(who: &str) {
    static START: Once = Once::new();
    START.call_once(|| {
        proc::create_service(reaper_main, ptr::null_mut(), 32 * 1024, proc::Fds::Own, who);
    });
}

/// Sets up the reaper's own descriptors: its epoll instance, watching a
/// signalfd for the signal that wakes it, which stays blocked in its OS
/// thread. Returns the epoll instance and the signalfd. The reaper's
/// descriptors live in its own table, and it makes their system calls
/// through sys::unseen.
fn reaper_setup() -> (c_int, c_int) {
    // SAFETY: the set is a local, initialised by sigemptyset.
    let set = unsafe {
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, crate::signal::threadint_signal());
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, ptr::null_mut());
        set
    };
    let sfd = unseen::signalfd(&set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK);
    let ep = unseen::epoll_create1(libc::EPOLL_CLOEXEC);
    if sfd < 0 || ep < 0 {
        die!("threadspawn: cannot create the reaper's epoll or signalfd: {}", Errno(sys::errno()));
    }
    let mut e = libc::epoll_event { events: libc::EPOLLIN as u32, u64: WAKE_TOKEN };
    if unseen::epoll_ctl(ep, libc::EPOLL_CTL_ADD, sfd, &mut e) != 0 {
        die!("threadspawn: cannot watch the reaper's signalfd: {}", Errno(sys::errno()));
    }
    (ep, sfd)
}

/// The reaper: waits for children to exit and collects them, forever.
unsafe extern "C" fn reaper_main(_arg: *mut c_void) {
    // SAFETY: a static NUL-terminated name.
    unsafe { crate::thread::set_name(c"waitreaper".as_ptr()) };
    // Its bookkeeping is the library's own: what the reaper hands on, it
    // orders explicitly (hand_on, sched::ready).
    sanitizer::ignore_begin();
    let (ep, sfd) = reaper_setup();
    REAPER_TID.store(sys::gettid(), Ordering::SeqCst);
    let mut events = [libc::epoll_event { events: 0, u64: 0 }; 16];
    loop {
        watch_fresh_children(ep);
        let timeout = if with_state(|st| st.children.values().any(|c| c.pidfd == -1)) { POLL_MS } else { -1 };
        let n = unseen::epoll_wait(ep, &mut events, timeout);
        for e in events.iter().take(n.max(0) as usize) {
            if e.u64 == WAKE_TOKEN {
                drain_wakes(sfd);
            } else {
                collect(e.u64 as c_int, 0);
            }
        }
        poll_fdless_children();
    }
}

/// Reads the wake-up signals queued for the reaper; the next child
/// registered sends one again.
fn drain_wakes(sfd: c_int) {
    let mut records = [0u8; 8 * size_of::<libc::signalfd_siginfo>()];
    while unseen::read(sfd, &mut records) > 0 {}
    // Cleared before the fresh children are looked at, so that a child
    // registered after that look wakes the reaper again.
    REAPER_WOKEN.store(false, Ordering::SeqCst);
}

/// Opens a pidfd for each child registered since the last look, and
/// watches it; a child the kernel gives no pidfd is polled.
fn watch_fresh_children(ep: c_int) {
    let fresh = with_state(|st| core::mem::take(&mut st.fresh));
    for pid in fresh {
        // SAFETY: pidfd_open takes no pointers. Only the reaper collects
        // the child, so its pid is still its own.
        let mut pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as c_int;
        if pidfd >= 0 {
            let mut ev = libc::epoll_event { events: libc::EPOLLIN as u32, u64: pid as u64 };
            if unseen::epoll_ctl(ep, libc::EPOLL_CTL_ADD, pidfd, &mut ev) != 0 {
                unseen::close(pidfd);
                pidfd = -1;
            }
        }
        with_state(|st| {
            if let Some(c) = st.children.get_mut(&pid) {
                c.pidfd = pidfd;
            }
        });
    }
}

/// Children the kernel gave no pidfd (Linux before 5.3, or out of
/// descriptors) are checked with WNOHANG instead.
fn poll_fdless_children() {
    let pids: Vec<c_int> = with_state(|st| st.children.iter().filter(|(_, c)| c.pidfd == -1).map(|(&p, _)| p).collect());
    for pid in pids {
        collect(pid, libc::WNOHANG);
    }
}

/// Collects child `pid` if it has exited, and delivers its Waitmsg.
fn collect(pid: c_int, options: c_int) {
    // From the moment the child is gone until its Waitmsg is handed on,
    // only this proc, which deadlock detection does not watch, can wake
    // the thread waiting for it.
    let _hold = deadlock::Hold::new();
    let mut pidfd = -1;
    let mut woken = Vec::new();
    // The child is collected, forgotten and its message handed on under one
    // lock: a child started meanwhile with the same pid, once this one is
    // collected, is registered after it is forgotten, not before. wait4
    // does not block here: the child has ended, or WNOHANG polls it.
    with_state(|st| {
        let Some(fd) = st.children.get(&pid).map(|c| c.pidfd) else { return };
        let mut status: c_int = 0;
        // SAFETY: an all-zero rusage is valid.
        let mut ru: libc::rusage = unsafe { core::mem::zeroed() };
        let r = loop {
            let r = if fd >= 0 { wait_pidfd(fd, &mut status, options, &mut ru) } else { wait_pid(pid, &mut status, options, &mut ru) };
            if r >= 0 || sys::errno() != libc::EINTR {
                break r;
            }
        };
        if r == 0 {
            return; // polled and still running
        }
        let failed = if r < 0 { Some(sys::errno()) } else { None };
        let Some(child) = st.children.remove(&pid) else { return };
        pidfd = child.pidfd;
        let mut text = MsgBuf::new();
        match failed {
            // ECHILD: somebody else reaped it (a wait(-1) of the program's,
            // or SIGCHLD set to SIG_IGN), and its status is lost.
            Some(e) => {
                let _ = write!(text, "wait4: {}", Errno(e));
            }
            None => status_string(status, &mut text),
        }
        let real_ms = (sys::now_ns().saturating_sub(child.started_ns) / 1_000_000) as c_ulong;
        let times = [millis(&ru.ru_utime), millis(&ru.ru_stime), real_ms];
        hand_on(st, new_waitmsg(pid, times, text.as_bytes()), &mut woken);
    });
    if pidfd >= 0 {
        // Closing it also removes it from epoll.
        unseen::close(pidfd);
    }
    for t in woken.into_iter().filter(|t| !t.is_null()) {
        // SAFETY: the thread is blocked, and taking it from the state made
        // us the only one to ready it.
        unsafe { sched::ready(t) };
    }
}

/// Collects the child of `pidfd`, that child and no other, even should its
/// pid have been reused after somebody else reaped it: as wait4 does,
/// returning 0 when WNOHANG finds it running, 1 when collected (`status`
/// in wait4's form), -1 with errno set.
fn wait_pidfd(pidfd: c_int, status: &mut c_int, options: c_int, ru: &mut libc::rusage) -> c_int {
    const P_PIDFD: c_int = 3;
    // SAFETY: an all-zero siginfo is valid.
    let mut info: libc::siginfo_t = unsafe { core::mem::zeroed() };
    // SAFETY: the raw waitid takes the rusage too; both are valid for
    // writing.
    let r = unsafe { libc::syscall(libc::SYS_waitid, P_PIDFD, pidfd, &raw mut info, libc::WEXITED | options, ru as *mut libc::rusage) };
    if r < 0 {
        return -1;
    }
    // SAFETY: waitid filled in a child's siginfo, or left it zero (WNOHANG).
    let (pid, code, value) = unsafe { (info.si_pid(), info.si_code, info.si_status()) };
    if pid == 0 {
        return 0;
    }
    *status = match code {
        libc::CLD_EXITED => (value & 0xff) << 8,
        libc::CLD_DUMPED => value | 0x80,
        _ => value,
    };
    1
}

/// wait4 for a child the kernel gave no pidfd.
fn wait_pid(pid: c_int, status: &mut c_int, options: c_int, ru: &mut libc::rusage) -> c_int {
    // SAFETY: status and ru are valid for writing.
    unsafe { libc::wait4(pid, status, options, ru) }
}

fn millis(tv: &libc::timeval) -> c_ulong {
    (tv.tv_sec as c_ulong) * 1000 + (tv.tv_usec as c_ulong + 500) / 1000
}

/// The status text of a Waitmsg, in plan9port's format: "" for exit 0, the
/// decimal exit status otherwise, and "signal: NAME" (plus " (core
/// dumped)") for a child killed by a signal, NAME being Plan 9's name for it.
fn status_string(status: c_int, out: &mut MsgBuf) {
    if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => {}
            code => {
                let _ = write!(out, "{code}");
            }
        }
    } else if libc::WIFSIGNALED(status) {
        let _ = out.write_str("signal: ");
        let sig = libc::WTERMSIG(status);
        match signal_name(sig) {
            Some(name) => {
                let _ = out.write_str(name);
            }
            None => {
                let _ = write!(out, "sys: signal {sig}");
            }
        }
        if libc::WCOREDUMP(status) {
            let _ = out.write_str(" (core dumped)");
        }
    } else {
        let _ = write!(out, "unknown wait status {status:#x}");
    }
}

/// Plan 9's note for a signal, as plan9port names them.
fn signal_name(sig: c_int) -> Option<&'static str> {
    Some(match sig {
        libc::SIGHUP => "hangup",
        libc::SIGINT => "interrupt",
        libc::SIGQUIT => "quit",
        libc::SIGILL => "sys: illegal instruction",
        libc::SIGTRAP => "sys: breakpoint",
        libc::SIGABRT => "sys: abort",
        libc::SIGFPE => "sys: fp: trap",
        libc::SIGKILL => "sys: kill",
        libc::SIGBUS => "sys: bus error",
        libc::SIGSEGV => "sys: segmentation violation",
        libc::SIGALRM => "alarm",
        libc::SIGTERM => "kill",
        libc::SIGURG => "sys: urgent condition on socket",
        libc::SIGSTOP => "sys: stop",
        libc::SIGTSTP => "sys: tstp",
        libc::SIGCONT => "sys: cont",
        libc::SIGCHLD => "sys: child",
        libc::SIGTTIN => "sys: ttin",
        libc::SIGTTOU => "sys: ttou",
        libc::SIGIO => "sys: i/o possible on fd",
        libc::SIGXCPU => "sys: cpu time limit exceeded",
        libc::SIGXFSZ => "sys: file size limit exceeded",
        libc::SIGVTALRM => "sys: virtual time alarm",
        libc::SIGPROF => "sys: profiling timer alarm",
        libc::SIGWINCH => "sys: window size change",
        libc::SIGUSR1 => "sys: usr1",
        libc::SIGUSR2 => "sys: usr2",
        libc::SIGPIPE => "sys: write on closed pipe",
        _ => return None,
    })
}

/// A Waitmsg and its text in one malloc'd block.
fn new_waitmsg(pid: c_int, time: [c_ulong; 3], text: &[u8]) -> *mut Waitmsg {
    let bytes = size_of::<Waitmsg>() + text.len() + 1;
    // SAFETY: malloc has no preconditions.
    let w = unsafe { libc::malloc(bytes) }.cast::<Waitmsg>();
    if w.is_null() {
        die!("threadwaitchan: out of memory for the Waitmsg of pid {pid}");
    }
    // SAFETY: the block holds the structure followed by the text and a NUL.
    unsafe {
        let msg = w.add(1).cast::<c_char>();
        ptr::copy_nonoverlapping(text.as_ptr(), msg.cast::<u8>(), text.len());
        *msg.add(text.len()) = 0;
        w.write(Waitmsg { pid, time, msg });
    }
    w
}

/// Hands `w`, the message of a child just forgotten, to the first procwait
/// caller waiting for its pid (any others get nil: the message is
/// delivered), or keeps it for procwait and the wait channel; adds to
/// `woken` the threads to ready once the lock is dropped. Forgetting and
/// handing on happen under one lock, so that procwait always finds the
/// child in one place or the other.
fn hand_on(st: &mut WaitState, w: *mut Waitmsg, woken: &mut Vec<*mut Thread>) {
    // Whoever takes the message from the table takes on its making too.
    sanitizer::release(w);
    // SAFETY: w is a fresh message.
    let pid = unsafe { (*w).pid };
    st.procwaiters.retain(|pw| {
        if pw.pid != pid {
            return true;
        }
        if woken.is_empty() {
            // SAFETY: the waiter sleeps until readied; its slot stays put.
            unsafe { *pw.slot = w };
        }
        woken.push(pw.thread);
        false
    });
    if woken.is_empty() {
        st.undelivered.push_back(w);
        woken.push(core::mem::replace(&mut st.idle_feeder, ptr::null_mut()));
    }
}

/// Waits for child `pid`, started by the library, to exit, and returns its
/// Waitmsg; nil (errno ECHILD) if the library knows no such child, or
/// another thread's procwait took the message.
pub fn procwait(pid: c_int) -> *mut Waitmsg {
    let p = proc::current();
    // SAFETY: the current thread is valid.
    let t = unsafe { (*p).current };
    // A scheduling point, as a blocking channel operation is.
    // SAFETY: t is the running thread.
    unsafe { kill::exit_if_killed(t) };
    let mut slot: *mut Waitmsg = ptr::null_mut();
    let found = with_state(|st| {
        // SAFETY: undelivered messages are valid until handed out.
        if let Some(i) = st.undelivered.iter().position(|&w| unsafe { (*w).pid } == pid) {
            return st.undelivered.remove(i);
        }
        if !st.children.contains_key(&pid) {
            return Some(ptr::null_mut());
        }
        st.procwaiters.push(ProcWaiter { pid, thread: t, slot: &mut slot });
        // SAFETY: t is the running thread.
        unsafe {
            (*t).wake.store(alt::PENDING, Ordering::Relaxed);
            (*t).wait.set(Wait::Cancel(cancel_procwait));
            (*t).set_waiting_for(&PROCWAIT);
            (*t).set_blocked();
        }
        None
    });
    match found {
        Some(w) if w.is_null() => {
            sys::set_errno(libc::ECHILD);
            w
        }
        Some(w) => {
            sanitizer::acquire(w);
            w
        }
        None => {
            // SAFETY: p is the calling proc and t its running thread. The
            // reaper may already have readied us: block then returns at once.
            unsafe {
                sched::block(p);
                (*t).wait.set(Wait::None);
                // A killed thread never returns from the wait, as from a
                // channel operation; a message it got dies with it.
                if (*t).dying() {
                    libc::free(slot.cast());
                    kill::exit_if_killed(t);
                }
                if (*t).wake.load(Ordering::Acquire) == alt::INTERRUPTED {
                    sys::set_errno(libc::EINTR);
                    return ptr::null_mut();
                }
            }
            if slot.is_null() {
                sys::set_errno(libc::ECHILD);
            }
            slot
        }
    }
}

/// Takes `t`, blocked in procwait, out of the waiters, for an interrupt;
/// false when the reaper has taken it already, to ready it.
///
/// # Safety
/// `t` is blocked, and called by its own proc.
unsafe fn cancel_procwait(t: *mut Thread) -> bool {
    with_state(|st| match st.procwaiters.iter().position(|pw| pw.thread == t) {
        Some(i) => {
            st.procwaiters.remove(i);
            true
        }
        None => false,
    })
}

/// The channel of Waitmsg pointers for the library's children; made, with
/// its feeder, on the first call.
pub fn wait_channel() -> *mut Channel {
    let (c, fresh) = with_state(|st| {
        if !st.chan.is_null() {
            return (st.chan, false);
        }
        st.chan = crate::channel::create(size_of::<*mut Waitmsg>() as c_int, 16);
        (st.chan, true)
    });
    if fresh {
        // SAFETY: a static NUL-terminated name.
        unsafe { crate::channel::set_name(c, c"threadwaitchan".as_ptr()) };
        proc::create_service(feeder_main, c.cast(), 32 * 1024, proc::Fds::Own, "threadwaitchan");
    }
    c
}

/// The feeder: sends undelivered messages on the wait channel, oldest
/// first, blocking while nobody receives.
unsafe extern "C" fn feeder_main(arg: *mut c_void) {
    // SAFETY: a static NUL-terminated name.
    unsafe { crate::thread::set_name(c"waitfeeder".as_ptr()) };
    let c = arg.cast::<Channel>();
    loop {
        let w = next_undelivered();
        let sent = alt::send_word(c, w as usize, true, "threadwaitchan") == 1;
        if !sent {
            // The program closed the channel: this message and the later
            // ones stay for procwait, and the feeder ends.
            with_state(|st| {
                st.undelivered.push_front(w);
                st.chan_closed = true;
            });
        }
        // The hold next_undelivered took ends.
        deadlock::release();
        if !sent {
            return;
        }
    }
}

/// The oldest undelivered message, waiting for one if there is none.
fn next_undelivered() -> *mut Waitmsg {
    let p = proc::current();
    loop {
        // SAFETY: the current thread is valid.
        let t = unsafe { (*p).current };
        // A message in the feeder's hands can still wake a receiver: hold
        // deadlock detection off until it is sent (see feeder_main).
        let hold = deadlock::Hold::new();
        let w = with_state(|st| match st.undelivered.pop_front() {
            Some(w) => w,
            None => {
                st.idle_feeder = t;
                // SAFETY: t is the running thread.
                unsafe {
                    (*t).set_waiting_for(&CHILD_EXIT);
                    (*t).set_blocked();
                }
                ptr::null_mut()
            }
        });
        if !w.is_null() {
            core::mem::forget(hold);
            sanitizer::acquire(w);
            return w;
        }
        drop(hold);
        // SAFETY: p is the calling proc; deliver readies us.
        unsafe { sched::block(p) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(status: c_int) -> String {
        let mut m = MsgBuf::new();
        status_string(status, &mut m);
        String::from_utf8(m.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn status_strings_follow_plan9port() {
        assert_eq!(text(0), "");
        assert_eq!(text(3 << 8), "3");
        assert_eq!(text(libc::SIGKILL), "signal: sys: kill");
        assert_eq!(text(libc::SIGTERM), "signal: kill");
        assert_eq!(text(libc::SIGSEGV | 0x80), "signal: sys: segmentation violation (core dumped)");
        assert_eq!(text(40), "signal: sys: signal 40");
    }
}
