//! The interrupt signal: a real-time signal, caught by a handler that does
//! nothing and installed without SA_RESTART, so that its only effect is to
//! make the blocking system call it lands in fail with EINTR. It is sent by
//! a per-OS-thread timer that fires at once and then every
//! [`REPEAT_NS`] until disarmed: a signal that lands just before the system
//! call starts is lost, and the next one, a moment later, interrupts it.

use core::ffi::c_int;
use core::ptr;

use crate::sync::Once;

/// The period of the repeated signal.
const REPEAT_NS: i64 = 1_000_000;

/// The signal used: SIGRTMAX-1, left alone by the C library (which takes
/// the lowest real-time signals) and by most programs (which count up from
/// SIGRTMIN).
pub fn signal() -> c_int {
    libc::SIGRTMAX() - 1
}

extern "C" fn on_interrupt(_sig: c_int) {}

/// Installs the handler of the interrupt signal, once per process.
pub fn install_handler() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // SAFETY: the action is fully initialised; the handler is
        // async-signal-safe (it does nothing).
        unsafe {
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = on_interrupt as *const () as usize;
            sa.sa_flags = libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(signal(), &sa, ptr::null_mut());
        }
    });
}

/// Unblocks the interrupt signal in the calling OS thread, whatever mask
/// it inherited.
pub fn unblock() {
    super::unblock_signal(signal());
}

/// A POSIX timer that sends the interrupt signal to one OS thread.
pub struct Timer(libc::timer_t);

impl Timer {
    /// A disarmed timer aimed at the OS thread with kernel id `tid`, or the
    /// errno value when the kernel refuses one.
    pub fn new(tid: c_int) -> Result<Timer, c_int> {
        // SAFETY: sev is fully initialised; timer receives the new id.
        unsafe {
            let mut sev: libc::sigevent = core::mem::zeroed();
            sev.sigev_notify = libc::SIGEV_THREAD_ID;
            sev.sigev_signo = signal();
            sev.sigev_notify_thread_id = tid;
            let mut timer: libc::timer_t = ptr::null_mut();
            if libc::timer_create(libc::CLOCK_MONOTONIC, &mut sev, &mut timer) != 0 {
                return Err(super::errno());
            }
            Ok(Timer(timer))
        }
    }

    /// Signals the thread at once, then every [`REPEAT_NS`].
    pub fn arm(&self) {
        self.set(1, REPEAT_NS);
    }

    /// Stops the signals. Every signal the timer sent has been delivered
    /// when this returns, if the caller is the timer's own thread: the
    /// kernel delivers pending signals on the way out of the system call.
    pub fn disarm(&self) {
        self.set(0, 0);
    }

    fn set(&self, first_ns: i64, every_ns: i64) {
        let ts = |ns: i64| libc::timespec { tv_sec: (ns / 1_000_000_000) as libc::time_t, tv_nsec: (ns % 1_000_000_000) as libc::c_long };
        let spec = libc::itimerspec { it_interval: ts(every_ns), it_value: ts(first_ns) };
        // SAFETY: self.0 is a live timer; spec is valid.
        if unsafe { libc::timer_settime(self.0, 0, &spec, ptr::null_mut()) } != 0 {
            crate::die!("iointerrupt: timer_settime failed: {}", crate::fatal::Errno(super::errno()));
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // SAFETY: self.0 is a live timer, deleted once.
        unsafe { libc::timer_delete(self.0) };
    }
}
