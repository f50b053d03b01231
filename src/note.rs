//! Notes: Plan 9's notes carried by Linux signals, and threadnotify.
//!
//! Signals that carry notes are caught by a handler that only counts the
//! signal and wakes, through a futex, a service proc that delivers each
//! note by calling the registered handlers f(nil, note) in turn, as an
//! ordinary thread: a handler may use any channel operation, and a note
//! that arrives while the library holds its own locks waits until they are
//! released. A handler returns nonzero when it handled the note. An
//! unhandled note ends the program: a "sys:" note with abort(3), any other
//! as threadexitsall(note) does (exit status 1).
//!
//! The library catches a signal only once a handler is registered, and
//! only if its action is still the default, so a program that never calls
//! threadnotify keeps the default actions, and one that ignores or handles
//! a signal itself keeps it. The same proc prints the table of procs and
//! threads on SIGQUIT. Nothing here uses a descriptor: the signal handler
//! may run in a proc whose descriptor table procrfork made private. The
//! delivery proc starts with the runtime, from the OS thread that starts
//! it, so that it shares the program's descriptor table, which note
//! handlers use. Notes of one signal are delivered in the order they came;
//! of the notes waiting at any moment, the lowest-numbered signal's goes
//! first.
//!
//! A handler runs in the library's own proc: threadcreate, threadexits,
//! procexec and threadexec, which would act on that proc, refuse to run
//! there (see proc::refuse_in_service_proc).

use core::ffi::{c_char, c_int, c_void};

use crate::proc::Proc;
use crate::sync::{AtomicPtr, AtomicU32, Mutex, Once, Ordering};
use crate::{debug, die, proc, sanitizer, sys};

/// A note handler: f(ureg, note), nonzero when it handled the note. The
/// library passes nil for ureg: notes are delivered outside the
/// interrupted context.
pub type NoteFn = unsafe extern "C" fn(ureg: *mut c_void, note: *mut c_char) -> c_int;

/// The most handlers that may be registered at once, as in Plan 9.
const MAX_HANDLERS: usize = 32;

/// Signals that carry notes, and the notes they carry.
pub const NOTES: [(c_int, &core::ffi::CStr); 9] = [
    (libc::SIGHUP, c"hangup"),
    (libc::SIGINT, c"interrupt"),
    (libc::SIGALRM, c"alarm"),
    (libc::SIGTERM, c"term"),
    (libc::SIGUSR1, c"usr1"),
    (libc::SIGUSR2, c"usr2"),
    (libc::SIGPIPE, c"sys: write on closed pipe"),
    (libc::SIGXCPU, c"sys: cpu time limit exceeded"),
    (libc::SIGXFSZ, c"sys: file size limit exceeded"),
];

static HANDLERS: Mutex<Vec<NoteFn>> = Mutex::new(Vec::new());

/// Signals caught and not yet delivered, counted per signal number.
static CAUGHT: [AtomicU32; 65] = [const { AtomicU32::new(0) }; 65];
/// Bumped at every signal caught: the delivery proc waits on it.
static SIGNALLED: AtomicU32 = AtomicU32::new(0);
/// The delivery proc, once it runs.
static DELIVERY: AtomicPtr<Proc> = AtomicPtr::new(core::ptr::null_mut());

/// Registers (`add`) or removes a handler; returns 1 on success, 0 when
/// the table is full or the handler was not registered.
pub fn notify(f: NoteFn, add: bool) -> c_int {
    let mut hs = HANDLERS.lock();
    let at = hs.iter().position(|&h| h as usize == f as usize);
    let ok = match (add, at) {
        (true, Some(_)) => true,
        (true, None) if hs.len() < MAX_HANDLERS => {
            hs.push(f);
            true
        }
        (false, Some(i)) => {
            hs.remove(i);
            true
        }
        _ => false,
    };
    drop(hs);
    if add && ok {
        catch_note_signals();
    }
    c_int::from(ok)
}

/// Whether some note handler is registered: a note could then wake threads.
pub fn handlers_installed() -> bool {
    !HANDLERS.lock().is_empty()
}

fn catch_note_signals() {
    // The runtime, which starts note delivery, exists once the calling OS
    // thread is a proc: adopted now if threadnotify is the program's first
    // call.
    proc::current();
    static CATCHING: Once = Once::new();
    CATCHING.call_once(|| {
        for (sig, _) in NOTES {
            if action_is_default(sig) {
                catch(sig);
            }
        }
    });
}

/// Whether `sig` has its default action: neither ignored nor handled by
/// the program.
fn action_is_default(sig: c_int) -> bool {
    // SAFETY: querying the current action only.
    unsafe {
        let mut old: libc::sigaction = core::mem::zeroed();
        libc::sigaction(sig, core::ptr::null(), &mut old);
        old.sa_sigaction == libc::SIG_DFL
    }
}

/// Prints the table of procs and threads on SIGQUIT, unless the program
/// handles SIGQUIT itself. Called when threadmain starts, once note
/// delivery has.
pub fn catch_quit() {
    if action_is_default(libc::SIGQUIT) {
        catch(libc::SIGQUIT);
    }
}

fn catch(sig: c_int) {
    // SAFETY: the action is fully initialised.
    unsafe {
        let mut sa: libc::sigaction = core::mem::zeroed();
        sa.sa_sigaction = on_signal as *const () as usize;
        sa.sa_flags = libc::SA_RESTART | libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, core::ptr::null_mut());
    }
}

extern "C" fn on_signal(sig: c_int) {
    let saved = sys::errno();
    if let Some(n) = CAUGHT.get(sig as usize) {
        // What the program did before the signal, the note's handler sees.
        sanitizer::release(n);
        n.fetch_add(1, Ordering::Release);
        SIGNALLED.fetch_add(1, Ordering::Release);
        // A futex wake is async-signal-safe.
        sys::futex_wake(&SIGNALLED, 1);
    }
    sys::set_errno(saved);
}

/// Starts the delivery proc, once: the runtime calls it when it starts,
/// for threadmain or for the first adopted OS thread (the proc shares the
/// descriptor table of the OS thread that creates it).
pub fn start() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        proc::create_service(deliver_loop, core::ptr::null_mut(), 64 * 1024, proc::Fds::Shared, "thread start-up (note delivery)");
    });
}

unsafe extern "C" fn deliver_loop(_arg: *mut c_void) {
    crate::ffi::p9thread_setname_static(c"note delivery");
    // The signals go to other OS threads, which run their handler at once
    // (under ThreadSanitizer too, where a handler would wait for this one
    // to leave its futex wait).
    block_notes();
    DELIVERY.store(proc::current(), Ordering::Release);
    loop {
        let seen = SIGNALLED.load(Ordering::Acquire);
        match take_lowest() {
            Some(sig) => deliver(sig),
            None => sys::futex_wait(&SIGNALLED, seen),
        }
    }
}

/// Takes one caught signal off the counts, the lowest-numbered there is.
fn take_lowest() -> Option<c_int> {
    let sig = CAUGHT.iter().position(|n| n.fetch_update(Ordering::Acquire, Ordering::Relaxed, |c| c.checked_sub(1)).is_ok())?;
    sanitizer::acquire(&CAUGHT[sig]);
    Some(sig as c_int)
}

/// The signals the delivery proc blocks for itself: those that carry
/// notes, and SIGQUIT.
fn delivery_blocks() -> impl Iterator<Item = c_int> {
    NOTES.into_iter().map(|(sig, _)| sig).chain([libc::SIGQUIT])
}

/// Blocks, in the calling OS thread, every signal that carries a note.
fn block_notes() {
    // SAFETY: the set is a local, initialised by sigemptyset.
    unsafe {
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in delivery_blocks() {
            libc::sigaddset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
    }
}

/// Makes `mask`, the calling OS thread's signal mask, the one a proc or a
/// child process it starts should have: the same, less the signals the
/// delivery proc blocks for itself if that is the caller (a note handler
/// that starts a proc or a program). Returns whether it changed `mask`.
pub fn mask_to_pass_on(mask: &mut libc::sigset_t) -> bool {
    let delivery = DELIVERY.load(Ordering::Acquire);
    if delivery.is_null() || proc::current_or_null() != delivery {
        return false;
    }
    for sig in delivery_blocks() {
        // SAFETY: mask is initialised.
        unsafe { libc::sigdelset(mask, sig) };
    }
    true
}

fn deliver(sig: c_int) {
    if sig == libc::SIGQUIT {
        crate::debug::print_table();
        return;
    }
    let Some(&(_, note)) = NOTES.iter().find(|(s, _)| *s == sig) else { return };
    crate::debug!(Note, "signal {sig}: note {:?}", note);
    let handlers = HANDLERS.lock().clone();
    for f in handlers {
        // SAFETY: handlers were registered by the program; the note string
        // is valid for the call (it is static; handlers must not change it).
        if unsafe { f(core::ptr::null_mut(), note.as_ptr().cast_mut()) } != 0 {
            crate::debug!(Note, "note {:?} handled", note);
            return;
        }
    }
    let text = note.to_string_lossy();
    if text.starts_with("sys:") {
        die!("unhandled note: {text}");
    }
    debug::print(debug::Topic::Note, format_args!("unhandled note {text:?}: exiting"));
    sys::exit(1);
}
