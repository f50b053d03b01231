//! The C ABI of ioproc(3): slave I/O procs. iocall itself is variadic and
//! lives in csrc/iocall.c, which hands its va_list to [`p9thread_iocall`].

use core::ffi::{c_char, c_int, c_long, c_void, CStr};

use super::uint;
use crate::ioproc::{self, dial, ops, Ioproc};

/// Runs `op` in io's I/O proc while the calling thread waits.
fn call(io: *mut Ioproc, who: &str, op: &mut dyn FnMut() -> c_long) -> c_long {
    // SAFETY: io is nil or an Ioproc from ioproc(), as the man page requires.
    unsafe { ioproc::checked(io, who) }.call(who, op)
}

/// [`call`] for an operation that returns a new descriptor.
fn call_for_fd(io: *mut Ioproc, who: &str, op: &mut dyn FnMut() -> c_long) -> c_int {
    // SAFETY: as in call.
    unsafe { ioproc::checked(io, who) }.call_for_fd(who, op) as c_int
}

/// A new Ioproc, with its I/O proc.
#[no_mangle]
pub extern "C" fn ioproc() -> *mut Ioproc {
    ioproc::create()
}

/// Ends io's I/O proc and frees io, once a call in progress has been
/// interrupted and has returned; returns once its OS thread has ended. Nil
/// is ignored, as in Plan 9.
///
/// # Safety
/// `io` is nil or came from ioproc(), and is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn closeioproc(io: *mut Ioproc) {
    if io.is_null() {
        return;
    }
    // SAFETY: per the contract.
    unsafe {
        ioproc::checked(io, "closeioproc");
        Ioproc::close(io)
    }
}

/// Interrupts the call in progress on io: it fails with EINTR. No-op when io is idle.
///
/// # Safety
/// `io` came from ioproc().
#[no_mangle]
pub unsafe extern "C" fn iointerrupt(io: *mut Ioproc) {
    // SAFETY: per the contract.
    unsafe { ioproc::checked(io, "iointerrupt") }.interrupt()
}

/// 9front's ioflush: a call that does nothing and returns 0, even when interrupted; it absorbs any interrupt that comes meanwhile.
///
/// # Safety
/// `io` came from ioproc().
#[no_mangle]
pub unsafe extern "C" fn ioflush(io: *mut Ioproc) -> c_int {
    let errno = crate::sys::errno();
    call(io, "ioflush", &mut || 0);
    crate::sys::set_errno(errno);
    0
}

/// open(2) of file in io's I/O proc.
///
/// # Safety
/// `file` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ioopen(io: *mut Ioproc, file: *mut c_char, omode: c_int) -> c_int {
    // SAFETY: per the contract.
    call_for_fd(io, "ioopen", &mut || unsafe { ops::open(file, omode) })
}

/// close(2) in io's I/O proc.
#[no_mangle]
pub extern "C" fn ioclose(io: *mut Ioproc, fd: c_int) -> c_int {
    call(io, "ioclose", &mut || ops::close(fd)) as c_int
}

/// read(2) in io's I/O proc.
///
/// # Safety
/// `a` is valid for n bytes.
#[no_mangle]
pub unsafe extern "C" fn ioread(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    // SAFETY: per the contract.
    call(io, "ioread", &mut || unsafe { ops::read(fd, a, n) })
}

/// Reads until n bytes or end of file in io's I/O proc; returns the count, or -1 on an error before the first byte.
///
/// # Safety
/// `a` is valid for n bytes.
#[no_mangle]
pub unsafe extern "C" fn ioreadn(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    // SAFETY: per the contract.
    call(io, "ioreadn", &mut || unsafe { ops::readn(fd, a, n) })
}

/// write(2) in io's I/O proc.
///
/// # Safety
/// `a` is valid for n bytes.
#[no_mangle]
pub unsafe extern "C" fn iowrite(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: c_long) -> c_long {
    // SAFETY: per the contract.
    call(io, "iowrite", &mut || unsafe { ops::write(fd, a, n) })
}

/// Reads one 9P message into a; its length, 0 at end of file, -1 on error or a bad size.
///
/// # Safety
/// `a` is valid for n bytes.
#[no_mangle]
pub unsafe extern "C" fn ioread9pmsg(io: *mut Ioproc, fd: c_int, a: *mut c_void, n: uint) -> c_int {
    // SAFETY: per the contract.
    call(io, "ioread9pmsg", &mut || unsafe { ops::read9pmsg(fd, a, n) }) as c_int
}

/// Connects to the dial string addr (tcp!host!port, udp!host!port, net!host!port, unix!/path) in io's I/O proc; the descriptor, or -1. local is ignored; dir, if not nil, is set to the empty string, and *cdfp, if cdfp is not nil, to -1.
///
/// # Safety
/// `addr` is a NUL-terminated string; `dir` and `cdfp` are nil or writable.
#[no_mangle]
pub unsafe extern "C" fn iodial(io: *mut Ioproc, addr: *mut c_char, local: *mut c_char, dir: *mut c_char, cdfp: *mut c_int) -> c_int {
    let _ = local;
    // SAFETY: per the contract.
    unsafe {
        if !cdfp.is_null() {
            *cdfp = -1;
        }
        if !dir.is_null() {
            *dir = 0;
        }
    }
    call_for_fd(io, "iodial", &mut || {
        if addr.is_null() {
            crate::sys::set_errno(libc::EINVAL);
            return -1;
        }
        // SAFETY: per the contract.
        dial::dial(unsafe { CStr::from_ptr(addr) }) as c_long
    })
}

/// Sleeps milli milliseconds in io's I/O proc; 0, or -1 if interrupted.
#[no_mangle]
pub extern "C" fn iosleep(io: *mut Ioproc, milli: c_long) -> c_int {
    // SAFETY: io is nil or an Ioproc from ioproc(), as the man page requires.
    let io = unsafe { ioproc::checked(io, "iosleep") };
    io.call("iosleep", &mut || ops::sleep(milli, &|| io.interrupted())) as c_int
}

/// Sends descriptor fd over the Unix-domain socket in io's I/O proc; 0, or -1.
#[no_mangle]
pub extern "C" fn iosendfd(io: *mut Ioproc, socket: c_int, fd: c_int) -> c_int {
    call(io, "iosendfd", &mut || ops::sendfd(socket, fd)) as c_int
}

/// Receives a descriptor over the Unix-domain socket in io's I/O proc; it, or -1.
#[no_mangle]
pub extern "C" fn iorecvfd(io: *mut Ioproc, socket: c_int) -> c_int {
    call_for_fd(io, "iorecvfd", &mut || ops::recvfd(socket))
}

/// The C type of an iocall operation: `long op(va_list *arg)`.
pub type IoOp = unsafe extern "C" fn(arg: *mut c_void) -> c_long;

/// iocall's body, for csrc/iocall.c: runs op(arg) in io's I/O proc, where
/// `arg` is the caller's `va_list *`. Not for programs.
///
/// # Safety
/// `arg` points to a started va_list that stays valid until this returns.
#[no_mangle]
pub unsafe extern "C" fn p9thread_iocall(io: *mut Ioproc, op: Option<IoOp>, arg: *mut c_void) -> c_long {
    let Some(op) = op else { crate::die!("iocall: nil operation") };
    // SAFETY: per the contract; the caller waits while op runs.
    call(io, "iocall", &mut || unsafe { op(arg) })
}
