//! System calls on descriptors made directly, not through the C library's
//! wrappers, which ThreadSanitizer intercepts. It knows descriptors by
//! number, as if every OS thread shared one table: those of a service proc
//! with a table of its own (the reaper's) would look like the program's
//! descriptors of the same numbers, and the program closing its own would
//! be reported as racing the service proc. Each returns what the system
//! call does: the result, or -1 with errno set.

use core::ffi::{c_int, c_long, c_void};
use core::ptr;

/// The kernel's sigset_t: 64 signals, where the C library's has room for
/// 1024.
const KERNEL_SIGSET: usize = 8;

fn int(r: c_long) -> c_int {
    r as c_int
}

/// signalfd(2) of a new descriptor for the signals in `set`.
pub fn signalfd(set: &libc::sigset_t, flags: c_int) -> c_int {
    // SAFETY: set is valid for at least the kernel's sigset size.
    int(unsafe { libc::syscall(libc::SYS_signalfd4, -1, ptr::from_ref(set), KERNEL_SIGSET, flags) })
}

pub fn epoll_create1(flags: c_int) -> c_int {
    // SAFETY: no pointers.
    int(unsafe { libc::syscall(libc::SYS_epoll_create1, flags) })
}

pub fn epoll_ctl(ep: c_int, op: c_int, fd: c_int, event: &mut libc::epoll_event) -> c_int {
    // SAFETY: event is a valid epoll_event.
    int(unsafe { libc::syscall(libc::SYS_epoll_ctl, ep, op, fd, ptr::from_mut(event)) })
}

/// epoll_wait(2), as epoll_pwait with no mask (the one every CPU has).
pub fn epoll_wait(ep: c_int, events: &mut [libc::epoll_event], timeout_ms: c_int) -> c_int {
    // SAFETY: events is a valid array of its length; a null mask is allowed.
    int(unsafe {
        libc::syscall(libc::SYS_epoll_pwait, ep, events.as_mut_ptr(), events.len() as c_int, timeout_ms, ptr::null::<c_void>(), KERNEL_SIGSET)
    })
}

/// read(2) into `buf`.
pub fn read(fd: c_int, buf: &mut [u8]) -> isize {
    // SAFETY: buf is valid for its length.
    unsafe { libc::syscall(libc::SYS_read, fd, buf.as_mut_ptr(), buf.len()) as isize }
}

pub fn close(fd: c_int) -> c_int {
    // SAFETY: no pointers.
    int(unsafe { libc::syscall(libc::SYS_close, fd) })
}
