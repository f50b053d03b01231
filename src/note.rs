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
//! The library catches a signal only once a handler is registered, so a
//! program that never calls threadnotify keeps the default actions. The
//! same proc prints the table of procs and threads on SIGQUIT. Nothing
//! here uses a descriptor: the handler may run in a proc whose descriptor
//! table procrfork made private. Notes of one signal are delivered in the
//! order they came; notes of different signals caught between two looks of
//! the delivery proc, in the order of their signal numbers.

use core::ffi::{c_char, c_int, c_void};

use crate::sync::{AtomicU32, Mutex, Once, Ordering};
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
    static CAUGHT: Once = Once::new();
    CAUGHT.call_once(|| {
        start();
        for (sig, _) in NOTES {
            catch(sig);
        }
    });
}

/// Prints the table of procs and threads on SIGQUIT, unless the program
/// handles SIGQUIT itself. Called when threadmain starts.
pub fn catch_quit() {
    // SAFETY: querying the current action only.
    let default = unsafe {
        let mut old: libc::sigaction = core::mem::zeroed();
        libc::sigaction(libc::SIGQUIT, core::ptr::null(), &mut old);
        old.sa_sigaction == libc::SIG_DFL
    };
    if default {
        start();
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

/// Starts the delivery proc, once.
fn start() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        proc::create_service(deliver_loop, core::ptr::null_mut(), 64 * 1024);
    });
}

unsafe extern "C" fn deliver_loop(_arg: *mut c_void) {
    crate::ffi::p9thread_setname_static(c"note delivery");
    // The signals go to other OS threads, which run their handler at once
    // (under ThreadSanitizer too, where a handler would wait for this one
    // to leave its futex wait).
    block_notes();
    loop {
        let seen = SIGNALLED.load(Ordering::Acquire);
        let mut any = false;
        for (sig, n) in CAUGHT.iter().enumerate() {
            let count = n.swap(0, Ordering::Acquire);
            if count > 0 {
                sanitizer::acquire(n);
            }
            for _ in 0..count {
                any = true;
                deliver(sig as c_int);
            }
        }
        if !any {
            sys::futex_wait(&SIGNALLED, seen);
        }
    }
}

/// Blocks, in the calling OS thread, every signal that carries a note.
fn block_notes() {
    // SAFETY: the set is a local, initialised by sigemptyset.
    unsafe {
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        for (sig, _) in NOTES {
            libc::sigaddset(&mut set, sig);
        }
        libc::sigaddset(&mut set, libc::SIGQUIT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, core::ptr::null_mut());
    }
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
