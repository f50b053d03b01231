//! Seeing inside: the LIBTHREAD_DEBUG switch, and the table of procs and
//! threads that SIGQUIT and the deadlock report print.
//!
//! LIBTHREAD_DEBUG is a comma-separated list of topics: sched (threads and
//! procs starting and ending), chan (channels made, closed, freed, and
//! threads that block, with what they wait for), note (signals and their
//! delivery), int (threadint and threadkill), or all. Messages go to
//! standard error, one write each, prefixed with the OS thread and thread
//! id.

use core::ffi::c_char;
use core::fmt::{self, Write};

use crate::fatal::MsgBuf;
use crate::proc;
use crate::sync::{AtomicU32, Ordering};
use crate::thread::{State, Thread};
use crate::{registry, sys};

#[derive(Clone, Copy)]
#[repr(u32)]
pub enum Topic {
    Sched = 1,
    Chan = 2,
    Note = 4,
    Int = 8,
}

const TOPICS: [(&str, u32); 5] = [("sched", 1), ("chan", 2), ("note", 4), ("int", 8), ("all", u32::MAX)];

static MASK: AtomicU32 = AtomicU32::new(0);

/// Reads LIBTHREAD_DEBUG; called once at start-up.
pub fn init() {
    let Ok(v) = std::env::var("LIBTHREAD_DEBUG") else { return };
    let mut mask = 0;
    for word in v.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match TOPICS.iter().find(|(name, _)| *name == word) {
            Some((_, bit)) => mask |= bit,
            None => sys::write_stderr(format!("thread: LIBTHREAD_DEBUG: unknown topic {word:?}\n").as_bytes()),
        }
    }
    MASK.store(mask, Ordering::Relaxed);
}

#[inline]
pub fn on(topic: Topic) -> bool {
    MASK.load(Ordering::Relaxed) & topic as u32 != 0
}

#[cold]
pub fn print(topic: Topic, msg: fmt::Arguments) {
    let name = TOPICS.iter().find(|(_, bit)| *bit == topic as u32).map_or("?", |(n, _)| n);
    let mut m = MsgBuf::new();
    let p = proc::current_or_null();
    // SAFETY: a proc's current thread is valid while it runs.
    let id = if p.is_null() || unsafe { (*p).current.is_null() } { 0 } else { unsafe { (*(*p).current).id } };
    let _ = writeln!(m, "thread[{} {}]: {name}: {msg}", sys::gettid(), id);
    sys::write_stderr(m.as_bytes());
}

/// Prints a debugging message about `topic` when LIBTHREAD_DEBUG asks for it.
#[macro_export]
macro_rules! debug {
    ($topic:ident, $($arg:tt)*) => {
        if $crate::debug::on($crate::debug::Topic::$topic) {
            $crate::debug::cold(move || $crate::debug::print($crate::debug::Topic::$topic, format_args!($($arg)*)));
        }
    };
}

/// Runs `f` out of line: the formatting of a debug message takes stack
/// space that the hot paths around it, whose frames a resumed thread must
/// bring back into the cache, should not carry.
#[cold]
#[inline(never)]
pub fn cold<F: FnOnce()>(f: F) {
    f()
}

/// Prints the table of procs and threads to standard error: each proc's OS
/// thread id, and each thread's id, state (with what a blocked thread waits
/// for), state string and name.
pub fn print_table() {
    let mut last_proc = core::ptr::null_mut();
    registry::each_thread(|p, t| {
        let mut m = MsgBuf::new();
        if p != last_proc {
            last_proc = p;
            // SAFETY: p is valid; proc records are never freed.
            let (tid, kind) = unsafe { ((*p).tid.load(Ordering::Relaxed), (*p).kind) };
            let whose = if kind == proc::Kind::Service { " (the library's)" } else { "" };
            let _ = writeln!(m, "proc {tid}{whose}:");
        }
        // SAFETY: t is valid while the registry lock is held; its strings
        // are replaced only under the same lock.
        unsafe { describe(&mut m, &*t) };
        sys::write_stderr(m.as_bytes());
        true
    });
}

fn describe(m: &mut MsgBuf, t: &Thread) {
    let state = match t.state() {
        State::Running => "Running",
        State::Ready => "Ready",
        State::Blocked => "Blocked",
    };
    let _ = write!(m, "\tthread {} {state}", t.id);
    if t.state() == State::Blocked {
        let _ = write!(m, " ({})", t.waiting_on());
    }
    let _ = m.write_str(" \"");
    m.write_text(t.name_bytes());
    let _ = m.write_str("\"");
    if !t.state_str.is_null() {
        // SAFETY: a state string is NUL-terminated.
        let s = unsafe { core::ffi::CStr::from_ptr(t.state_str as *const c_char) };
        let _ = m.write_str(" [");
        m.write_text(s.to_bytes());
        let _ = m.write_str("]");
    }
    let _ = m.write_str("\n");
}
