//! Backgrounding, as plan9port does it for programs whose
//! threadmaybackground() returns 1 (file servers that post a service and
//! then carry on in the background).
//!
//! At start-up, before the runtime exists, the process forks. The child
//! runs the program. The parent waits: once the child's main proc has
//! ended while other procs carry on (threadmain has posted its service and
//! exited), the child tells it so through a pipe and the parent exits 0,
//! so that the shell that started the program gets its prompt back. If the
//! child ends first, the parent exits with the child's status (dying by the
//! same signal if it was killed). Meanwhile the parent passes the usual
//! terminal and job-control signals on to the child.
//!
//! LIBTHREAD=nodaemon (a word in the variable) or NOLIBTHREADDAEMONIZE (set
//! to anything) in the environment keep the program in the foreground.

use core::ffi::c_int;

use crate::fatal::Errno;
use crate::sync::{AtomicI32, Ordering};
use crate::{die, sys};

/// The child's end of the pipe to the waiting parent; -1 once released or
/// when the program did not background.
static RELEASE_FD: AtomicI32 = AtomicI32::new(-1);

/// The child, for the parent's signal forwarding.
static CHILD: AtomicI32 = AtomicI32::new(0);

/// Signals the waiting parent passes on to the child.
const FORWARDED: [c_int; 11] = [
    libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGALRM, libc::SIGTERM, libc::SIGUSR1,
    libc::SIGUSR2, libc::SIGWINCH, libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU,
];

/// Whether the environment asks to stay in the foreground.
fn disabled() -> bool {
    let opts = std::env::var_os("LIBTHREAD").unwrap_or_default();
    opts.to_string_lossy().contains("nodaemon") || std::env::var_os("NOLIBTHREADDAEMONIZE").is_some()
}

/// Forks unless the environment says not to; returns in the child (or at
/// once when disabled), never in the parent.
pub fn setup() {
    if disabled() {
        return;
    }
    let mut fds = [0 as c_int; 2];
    // SAFETY: fds is valid for two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        die!("threadmaybackground: cannot make a pipe: {}", Errno(sys::errno()));
    }
    // SAFETY: no other OS thread of ours exists yet: the runtime has not
    // started.
    match unsafe { libc::fork() } {
        -1 => die!("threadmaybackground: cannot fork: {}", Errno(sys::errno())),
        0 => {
            // SAFETY: the read end is ours.
            unsafe { libc::close(fds[0]) };
            RELEASE_FD.store(fds[1], Ordering::Relaxed);
        }
        child => {
            // SAFETY: the write end is ours.
            unsafe { libc::close(fds[1]) };
            wait_for_child(child, fds[0]);
        }
    }
}

extern "C" fn forward(sig: c_int) {
    // SAFETY: kill is async-signal-safe.
    unsafe { libc::kill(CHILD.load(Ordering::Relaxed), sig) };
}

/// The parent's life: pass signals on, and exit once the child releases
/// us or ends.
fn wait_for_child(child: c_int, fd: c_int) -> ! {
    CHILD.store(child, Ordering::Relaxed);
    for sig in FORWARDED {
        // SAFETY: the action is fully initialised; forward is async-signal-safe.
        unsafe {
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = forward as *const () as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, core::ptr::null_mut());
        }
    }
    let mut byte = 0u8;
    loop {
        // SAFETY: reads one byte into a local.
        let n = unsafe { libc::read(fd, (&raw mut byte).cast(), 1) };
        if n > 0 {
            // SAFETY: _exit has no preconditions.
            unsafe { libc::_exit(0) };
        }
        if n == 0 || sys::errno() != libc::EINTR {
            exit_like(child);
        }
    }
}

/// Exits as the child did: with its status, or by its signal.
fn exit_like(child: c_int) -> ! {
    let mut status = 0;
    // SAFETY: status is valid for writing.
    while unsafe { libc::waitpid(child, &mut status, 0) } < 0 {
        if sys::errno() != libc::EINTR {
            // SAFETY: _exit has no preconditions.
            unsafe { libc::_exit(97) };
        }
    }
    if libc::WIFSIGNALED(status) {
        let sig = libc::WTERMSIG(status);
        // SAFETY: resetting a disposition and raising a signal; the core
        // file, if any, is the child's, so ours is switched off.
        unsafe {
            let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }
    // SAFETY: _exit has no preconditions.
    unsafe { libc::_exit(if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 98 }) }
}

/// Called when the main proc has ended and other procs carry on: the
/// program now runs in the background, and the parent may exit.
pub fn release_parent() {
    let fd = RELEASE_FD.swap(-1, Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: writes one byte from a static to our pipe, then closes it.
        unsafe {
            libc::write(fd, b"0".as_ptr().cast(), 1);
            libc::close(fd);
        }
    }
}
