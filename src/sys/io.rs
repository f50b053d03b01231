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
/// with errno EINTR when a signal cut the sleep short.
pub fn sleep_ms(ms: i64) -> c_int {
    let ts = libc::timespec { tv_sec: (ms / 1000) as libc::time_t, tv_nsec: ((ms % 1000) * 1_000_000) as libc::c_long };
    // SAFETY: ts is a valid timespec; the remainder is not wanted.
    let err = unsafe { libc::clock_nanosleep(libc::CLOCK_MONOTONIC, 0, &ts, core::ptr::null_mut()) };
    if err != 0 {
        super::set_errno(err);
        return -1;
    }
    0
}
