//! The built-in operations of the I/O procs (ioread, iowrite, ...): each
//! runs in the I/O proc and returns what the man page says, with errno set
//! on failure. A blocking system call interrupted by iointerrupt fails with
//! EINTR, and none of these retries it.

use core::ffi::{c_char, c_int, c_long, c_void};

use crate::sys::{self, io};

/// Plan 9's open modes that Linux spells otherwise: OTRUNC and OCEXEC use
/// bits that open(2) leaves unused, so they are translated; every other bit
/// is open(2)'s own.
const OTRUNC: c_int = 16;
const OCEXEC: c_int = 32;

/// The smallest 9P message: size[4] type[1] tag[2].
const MIN_9P_MESSAGE: usize = 7;

fn fail(errno: c_int) -> c_long {
    sys::set_errno(errno);
    -1
}

/// ioread: one read(2).
///
/// # Safety
/// `a` is valid for `n` bytes of writing.
pub unsafe fn read(fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    if n < 0 {
        return fail(libc::EINVAL);
    }
    // SAFETY: per the contract.
    unsafe { io::read(fd, a, n as usize) as c_long }
}

/// ioreadn: reads until `n` bytes, end of file or an error. Returns the
/// count read; an error (EINTR too) before the first byte gives -1.
///
/// # Safety
/// `a` is valid for `n` bytes of writing.
pub unsafe fn readn(fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    if n < 0 {
        return fail(libc::EINVAL);
    }
    // SAFETY: per the contract.
    match unsafe { read_full(fd, a, n as usize) } {
        (0, true) => -1,
        (got, _) => got as c_long,
    }
}

/// Reads up to `n` bytes into `a`, until end of file or an error; returns
/// how many it read, and whether an error stopped it (errno says which).
///
/// # Safety
/// `a` is valid for `n` bytes of writing.
unsafe fn read_full(fd: c_int, a: *mut c_void, n: usize) -> (usize, bool) {
    let mut got = 0usize;
    while got < n {
        // SAFETY: per the contract, got < n.
        match unsafe { io::read(fd, a.cast::<u8>().add(got).cast(), n - got) } {
            m if m < 0 => return (got, true),
            0 => break,
            m => got += m as usize,
        }
    }
    (got, false)
}

/// iowrite: one write(2). A write interrupted after some bytes went
/// returns their count.
///
/// # Safety
/// `a` is valid for `n` bytes of reading.
pub unsafe fn write(fd: c_int, a: *const c_void, n: c_long) -> c_long {
    if n < 0 {
        return fail(libc::EINVAL);
    }
    // SAFETY: per the contract.
    unsafe { io::write(fd, a, n as usize) as c_long }
}

/// ioopen: open(2) with `omode`'s OTRUNC and OCEXEC translated.
///
/// # Safety
/// `file` is nil or a NUL-terminated string.
pub unsafe fn open(file: *const c_char, omode: c_int) -> c_long {
    if file.is_null() {
        return fail(libc::EFAULT);
    }
    let mut flags = omode & !(OTRUNC | OCEXEC);
    if omode & OTRUNC != 0 {
        flags |= libc::O_TRUNC;
    }
    if omode & OCEXEC != 0 {
        flags |= libc::O_CLOEXEC;
    }
    // SAFETY: per the contract.
    unsafe { io::open(file, flags) as c_long }
}

/// ioclose.
pub fn close(fd: c_int) -> c_long {
    io::close(fd) as c_long
}

/// iosleep: 0 after `ms` milliseconds (at once for none), -1 with EINTR
/// if `interrupted` says that iointerrupt cut it short. A signal from
/// elsewhere (a note's, landing in the I/O proc) does not: the sleep goes
/// on to its end.
pub fn sleep(ms: c_long, interrupted: &dyn Fn() -> bool) -> c_long {
    if ms <= 0 {
        return 0;
    }
    io::sleep_ms(ms, interrupted) as c_long
}

/// ioread9pmsg: reads one 9P message (size[4], little-endian, counting
/// itself, then the rest) into `a` and returns its length; 0 at end of
/// file before the message; -1 with EPROTO for a size below the smallest
/// message or end of file inside one, EMSGSIZE for a message larger than
/// `n`, or the read's own errno (also when part of the message came).
///
/// # Safety
/// `a` is valid for `n` bytes of writing.
pub unsafe fn read9pmsg(fd: c_int, a: *mut c_void, n: u32) -> c_long {
    let mut size = [0u8; 4];
    // SAFETY: size is a local of 4 bytes.
    match unsafe { read_full(fd, size.as_mut_ptr().cast(), 4) } {
        (_, true) => return -1,
        (0, _) => return 0,
        (4, _) => {}
        _ => return fail(libc::EPROTO),
    }
    let len = u32::from_le_bytes(size) as usize;
    if len < MIN_9P_MESSAGE {
        return fail(libc::EPROTO);
    }
    if len > n as usize || len > c_int::MAX as usize {
        return fail(libc::EMSGSIZE);
    }
    // SAFETY: 4 <= len <= n, so both ranges are within `a`.
    unsafe {
        core::ptr::copy_nonoverlapping(size.as_ptr(), a.cast::<u8>(), 4);
        match read_full(fd, a.cast::<u8>().add(4).cast(), len - 4) {
            (_, true) => -1,
            (m, _) if m != len - 4 => fail(libc::EPROTO),
            _ => len as c_long,
        }
    }
}

/// iosendfd: 0, or -1 with errno set.
pub fn sendfd(sock: c_int, fd: c_int) -> c_long {
    sys::net::send_fd(sock, fd) as c_long
}

/// iorecvfd: the descriptor received, or -1 with errno set.
pub fn recvfd(sock: c_int) -> c_long {
    sys::net::recv_fd(sock) as c_long
}
