//! File descriptor calls for the I/O procs: each is one system call, whose
//! result and errno go back to the caller as they are, so that an
//! interrupted call fails with EINTR.

use core::ffi::{c_char, c_int, c_void};

/// read(2).
///
/// # Safety
/// `buf` is valid for `n` bytes of writing.
pub unsafe fn read(fd: c_int, buf: *mut c_void, n: usize) -> isize {
    // SAFETY: per the contract.
    unsafe { libc::read(fd, buf, n) }
}

/// write(2).
///
/// # Safety
/// `buf` is valid for `n` bytes of reading.
pub unsafe fn write(fd: c_int, buf: *const c_void, n: usize) -> isize {
    // SAFETY: per the contract.
    unsafe { libc::write(fd, buf, n) }
}

/// open(2); a file it creates gets mode 0666, less the umask.
///
/// # Safety
/// `path` is a NUL-terminated string.
pub unsafe fn open(path: *const c_char, flags: c_int) -> c_int {
    // SAFETY: per the contract.
    unsafe { libc::open(path, flags, 0o666 as libc::c_uint) }
}

pub fn close(fd: c_int) -> c_int {
    // SAFETY: close takes no pointers; closing a descriptor the caller
    // does not own is the caller's business, as with close(2).
    unsafe { libc::close(fd) }
}

/// Sleeps for `ms` milliseconds on the monotonic clock. Returns 0, or -1
/// with errno EINTR when a signal cut the sleep short and `stop` says so;
/// otherwise the sleep goes on to its deadline.
pub fn sleep_ms(ms: i64, stop: &dyn Fn() -> bool) -> c_int {
    let mut deadline = super::monotonic_now();
    let ns = deadline.tv_nsec + ((ms % 1000) * 1_000_000) as libc::c_long;
    deadline.tv_sec = deadline.tv_sec.saturating_add((ms / 1000) as libc::time_t + (ns / 1_000_000_000) as libc::time_t);
    deadline.tv_nsec = ns % 1_000_000_000;
    loop {
        // SAFETY: deadline is a valid timespec.
        let err = unsafe { libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &deadline, core::ptr::null_mut()) };
        match err {
            0 => return 0,
            libc::EINTR if !stop() => continue,
            _ => {
                super::set_errno(err);
                return -1;
            }
        }
    }
}
