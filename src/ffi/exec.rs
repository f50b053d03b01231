//! The C ABI of exec.rs and wait.rs: procexec, plan9port's threadspawn
//! family, threadwaitchan and procwait. The variadic forms (procexecl,
//! threadspawnl, threadexecl) are C, in csrc/varargs.c, and call the
//! `p9thread_*_start` functions here.

use core::ffi::{c_char, c_int};
use core::ptr;

use crate::channel::Channel;
use crate::wait::Waitmsg;
use crate::{exec, sched, wait};

/// Plan 9's procexec: runs file with args in place of the calling thread,
/// which must be alone in its proc. The child's pid goes on cpid (if not
/// nil) once it has started, and the thread exits. On failure -1 goes on
/// cpid, errno is set, and procexec returns -1.
///
/// # Safety
/// `file` is a string and `args` a nil-terminated array of strings.
#[no_mangle]
pub unsafe extern "C" fn procexec(cpid: *mut Channel, file: *mut c_char, args: *mut *mut c_char) -> c_int {
    // SAFETY: per the contract.
    unsafe { exec::procexec(cpid, file, args) }
}

/// procexec without the final threadexits, for procexecl. Not for programs.
///
/// # Safety
/// As for procexec.
#[no_mangle]
pub unsafe extern "C" fn p9thread_procexec_start(cpid: *mut Channel, file: *mut c_char, args: *mut *mut c_char) -> c_int {
    // SAFETY: per the contract.
    unsafe { exec::procexec_start(cpid, file, args, "procexecl") }
}

/// plan9port's threadspawn: starts cmd (searched in $PATH) with argv, with
/// fd[0], fd[1], fd[2] as its standard input, output and error, which are
/// closed in the caller on success. Returns the pid, or -1 with errno set.
///
/// # Safety
/// `fd` points to three descriptors; `cmd` is a string and `argv` a
/// nil-terminated array of strings.
#[no_mangle]
pub unsafe extern "C" fn threadspawn(fd: *mut c_int, cmd: *mut c_char, argv: *mut *mut c_char) -> c_int {
    // SAFETY: per the contract.
    unsafe { exec::threadspawn(fd, cmd, argv, ptr::null(), "threadspawn") }
}

/// plan9port's threadspawnd: threadspawn, with dir as the child's working
/// directory.
///
/// # Safety
/// As for threadspawn; `dir` is a string.
#[no_mangle]
pub unsafe extern "C" fn threadspawnd(fd: *mut c_int, cmd: *mut c_char, argv: *mut *mut c_char, dir: *mut c_char) -> c_int {
    // SAFETY: per the contract.
    unsafe { exec::threadspawn(fd, cmd, argv, dir, "threadspawnd") }
}

/// plan9port's threadexec: threadspawn, then the pid (-1 on failure) on
/// cpid if not nil; on success the calling thread exits with status
/// "threadexec", on failure threadexec returns.
///
/// # Safety
/// As for threadspawn.
#[no_mangle]
pub unsafe extern "C" fn threadexec(cpid: *mut Channel, fd: *mut c_int, cmd: *mut c_char, argv: *mut *mut c_char) {
    // SAFETY: per the contract.
    if unsafe { exec::threadexec_start(cpid, fd, cmd, argv, "threadexec") } >= 0 {
        sched::exit(true)
    }
}

/// threadexec without the final threadexits, for threadexecl. Not for
/// programs.
///
/// # Safety
/// As for threadspawn.
#[no_mangle]
pub unsafe extern "C" fn p9thread_threadexec_start(cpid: *mut Channel, fd: *mut c_int, cmd: *mut c_char, argv: *mut *mut c_char) -> c_int {
    // SAFETY: per the contract.
    unsafe { exec::threadexec_start(cpid, fd, cmd, argv, "threadexecl") }
}

/// The channel on which a Waitmsg* arrives for every child that procexec
/// and the threadspawn family started, unless procwait took it. The
/// receiver frees each message (one block).
#[no_mangle]
pub extern "C" fn threadwaitchan() -> *mut Channel {
    wait::wait_channel()
}

/// Waits for child pid, started by procexec or the threadspawn family, and
/// returns its Waitmsg (one block, freed by the caller); nil, with errno
/// ECHILD, if there is no such child or its message went to
/// threadwaitchan's channel.
#[no_mangle]
pub extern "C" fn procwait(pid: c_int) -> *mut Waitmsg {
    wait::procwait(pid)
}
