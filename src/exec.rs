//! Running other programs: Plan 9's procexec, and plan9port's threadspawn
//! family. Children start with posix_spawn, which in glibc reports a failed
//! exec synchronously (the child runs on a vfork-style clone and the error
//! comes back through shared memory), so no pipe is needed to learn of it.
//! Every child is handed to the reaper (wait.rs) the moment it exists.
//!
//! On Linux, "replacing the calling thread" means starting the child, sending
//! its pid on cpid, and then ending the calling thread with threadexits.
//!
//! - procexec runs `file` as exec(2) does: no search of $PATH, and the
//!   child inherits every descriptor that is not close-on-exec.
//! - threadspawn and its relatives search $PATH (as execvp, like
//!   plan9port), make fd[0], fd[1], fd[2] the child's standard input,
//!   output and error, and close every other descriptor in the child. On
//!   success the caller's fd[0..3] are closed (plan9port's behaviour); on
//!   failure they are left open. When none of the three is a terminal, the
//!   child gets a process group of its own (plan9port's RFNOTEG), so that a
//!   note meant for the program's group does not reach it.

use core::ffi::{c_char, c_int, CStr};
use core::fmt::Write;
use core::ptr;
use std::ffi::CString;

use crate::channel::{self, Channel};
use crate::fatal::MsgBuf;
use crate::{alt, kill, note, proc, sched, sys, wait};

extern "C" {
    static environ: *const *mut c_char;
}

/// What to start, and how.
pub struct Spawn {
    pub file: *const c_char,
    pub argv: *const *mut c_char,
    /// The child's standard input, output and error; None: inherit every
    /// descriptor (procexec).
    pub fds: Option<[c_int; 3]>,
    /// The child's working directory; null: the caller's.
    pub dir: *const c_char,
    /// Search $PATH for `file` (execvp) rather than run it as given (execv).
    pub search_path: bool,
    /// The call that starts the child, for messages.
    pub who: &'static str,
}

/// A posix_spawn file-actions object, destroyed when dropped.
struct FileActions(libc::posix_spawn_file_actions_t);

impl FileActions {
    fn new() -> FileActions {
        // SAFETY: init fills in the zeroed object.
        unsafe {
            let mut fa = FileActions(core::mem::zeroed());
            libc::posix_spawn_file_actions_init(&mut fa.0);
            fa
        }
    }
}

impl Drop for FileActions {
    fn drop(&mut self) {
        // SAFETY: initialised in new.
        unsafe { libc::posix_spawn_file_actions_destroy(&mut self.0) };
    }
}

/// A posix_spawn attributes object, destroyed when dropped.
struct Attrs(libc::posix_spawnattr_t);

impl Attrs {
    fn new() -> Attrs {
        // SAFETY: init fills in the zeroed object.
        unsafe {
            let mut at = Attrs(core::mem::zeroed());
            libc::posix_spawnattr_init(&mut at.0);
            at
        }
    }
}

impl Drop for Attrs {
    fn drop(&mut self) {
        // SAFETY: initialised in new.
        unsafe { libc::posix_spawnattr_destroy(&mut self.0) };
    }
}

impl Attrs {
    /// Adds `flag` to the attributes' flags.
    fn add_flag(&mut self, flag: c_int) -> Result<(), c_int> {
        let mut flags: libc::c_short = 0;
        // SAFETY: self is initialised; flags is a valid place.
        check(unsafe { libc::posix_spawnattr_getflags(&self.0, &mut flags) })?;
        // SAFETY: as above.
        check(unsafe { libc::posix_spawnattr_setflags(&mut self.0, flags | flag as libc::c_short) })
    }
}

/// Turns a posix_spawn error number into a Result.
fn check(err: c_int) -> Result<(), c_int> {
    if err == 0 { Ok(()) } else { Err(err) }
}

/// Copies, in the caller, of descriptors the child gets (-1 where there
/// is none); closed when dropped, once the child has its own.
struct Lifted([c_int; 3]);

impl Drop for Lifted {
    fn drop(&mut self) {
        for &fd in self.0.iter().filter(|&&fd| fd >= 0) {
            sys::io::close(fd);
        }
    }
}

/// Redirects the child's standard descriptors to `fds` and closes the rest
/// in the child; gives it a process group of its own when none of the
/// three is a terminal. The child's dup2s run in order, so a standard
/// descriptor that an earlier one has replaced there by the time it is
/// used (fd[1] = 0, say) is given from a copy above the three, made here.
fn redirect(fa: &mut FileActions, at: &mut Attrs, fds: [c_int; 3]) -> Result<Lifted, c_int> {
    let mut lifted = Lifted([-1; 3]);
    for (target, &fd) in fds.iter().enumerate() {
        let from = if (0..target as c_int).contains(&fd) {
            // SAFETY: fcntl takes no pointers.
            let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
            if copy < 0 {
                return Err(sys::errno());
            }
            lifted.0[target] = copy;
            copy
        } else {
            fd
        };
        // SAFETY: fa is initialised.
        check(unsafe { libc::posix_spawn_file_actions_adddup2(&mut fa.0, from, target as c_int) })?;
    }
    // SAFETY: as above.
    check(unsafe { libc::posix_spawn_file_actions_addclosefrom_np(&mut fa.0, 3) })?;
    // SAFETY: isatty takes no pointers.
    if !fds.iter().any(|&fd| unsafe { libc::isatty(fd) } == 1) {
        // SAFETY: at is initialised.
        check(unsafe { libc::posix_spawnattr_setpgroup(&mut at.0, 0) })?;
        at.add_flag(libc::POSIX_SPAWN_SETPGROUP)?;
    }
    Ok(lifted)
}

/// Gives the child the caller's signal mask, less what the library blocks
/// for itself in the calling OS thread (see note::mask_to_pass_on).
fn pass_on_mask(at: &mut Attrs) -> Result<(), c_int> {
    // SAFETY: a null set asks for the current mask only.
    let mut mask = unsafe {
        let mut mask: libc::sigset_t = core::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_BLOCK, ptr::null(), &mut mask);
        mask
    };
    if !note::mask_to_pass_on(&mut mask) {
        return Ok(());
    }
    // SAFETY: at is initialised; mask is a full sigset.
    check(unsafe { libc::posix_spawnattr_setsigmask(&mut at.0, &mask) })?;
    at.add_flag(libc::POSIX_SPAWN_SETSIGMASK)
}

/// Starts a child as `how` says and hands it to the reaper. Returns its pid,
/// or the error number.
///
/// # Safety
/// `file` and `dir` are nil or strings; `argv` is a nil-terminated array of
/// strings.
pub unsafe fn spawn(how: &Spawn) -> Result<c_int, c_int> {
    if how.file.is_null() || how.argv.is_null() {
        return Err(libc::EFAULT);
    }
    // Before the child: a reaper that cannot be started ends the program
    // with no child left behind.
    wait::start_reaper(how.who);
    let mut fa = FileActions::new();
    let mut at = Attrs::new();
    let _lifted = match how.fds {
        Some(fds) => Some(redirect(&mut fa, &mut at, fds)?),
        None => None,
    };
    pass_on_mask(&mut at)?;
    if !how.dir.is_null() {
        // SAFETY: fa is initialised; dir is a string.
        check(unsafe { libc::posix_spawn_file_actions_addchdir_np(&mut fa.0, how.dir) })?;
    }
    let started = sys::now_ns();
    let mut pid: libc::pid_t = 0;
    let spawner = if how.search_path { libc::posix_spawnp } else { libc::posix_spawn };
    // SAFETY: every pointer is valid per the contract; environ is the
    // process's environment.
    let mut err = unsafe { spawner(&mut pid, how.file, &fa.0, &at.0, how.argv, environ) };
    if err == libc::ENOEXEC && how.search_path {
        // SAFETY: as above.
        err = unsafe { spawn_by_shell(&mut pid, how, &fa, &at) };
    }
    check(err)?;
    wait::register(pid, started);
    Ok(pid)
}

/// execvp's fallback, which posix_spawnp lacks: a file found along $PATH
/// that the kernel cannot run (a script with no #! line) runs as
/// `/bin/sh path arguments...`. Returns posix_spawn's error number.
///
/// # Safety
/// As for [`spawn`].
unsafe fn spawn_by_shell(pid: &mut libc::pid_t, how: &Spawn, fa: &FileActions, at: &Attrs) -> c_int {
    // SAFETY: file is a string, per the contract.
    let Some(path) = find_in_path(unsafe { CStr::from_ptr(how.file) }) else { return libc::ENOEXEC };
    let sh = c"/bin/sh".as_ptr().cast_mut();
    let mut argv = vec![sh, path.as_ptr().cast_mut()];
    // SAFETY: argv is a nil-terminated array of strings, per the contract.
    unsafe {
        if !(*how.argv).is_null() {
            let mut i = 1;
            while !(*how.argv.add(i)).is_null() {
                argv.push(*how.argv.add(i));
                i += 1;
            }
        }
        argv.push(ptr::null_mut());
        libc::posix_spawn(pid, sh, &fa.0, &at.0, argv.as_ptr(), environ)
    }
}

/// The file execvp would run for `file`: `file` itself if it has a slash,
/// or else the first executable regular file of that name in a directory
/// of $PATH (by default /bin:/usr/bin).
fn find_in_path(file: &CStr) -> Option<CString> {
    let name = file.to_bytes();
    if name.contains(&b'/') {
        return Some(file.to_owned());
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/bin:/usr/bin".into());
    path.as_encoded_bytes().split(|&b| b == b':').find_map(|dir| {
        let dir = if dir.is_empty() { &b"."[..] } else { dir };
        let candidate = CString::new([dir, b"/", name].concat()).ok()?;
        // SAFETY: candidate is a string; st is a valid place.
        let runnable = unsafe {
            let mut st: libc::stat = core::mem::zeroed();
            libc::access(candidate.as_ptr(), libc::X_OK) == 0
                && libc::stat(candidate.as_ptr(), &mut st) == 0
                && st.st_mode & libc::S_IFMT == libc::S_IFREG
        };
        runnable.then_some(candidate)
    })
}

/// Aborts, naming `who`, unless `cpid` is nil or a channel a pid can be
/// sent on: before a child is started, not after.
fn check_cpid(cpid: *mut Channel, who: &str) {
    if !cpid.is_null() {
        alt::word_channel(cpid, who);
    }
}

/// Sends `v` on `cpid` (if not nil) as a word, so that int and ulong
/// channels both work; -1 arrives as -1 and as ~0. Neither an interrupt
/// nor a kill of the caller loses the pid: only a close of `cpid` does.
fn send_pid(cpid: *mut Channel, v: c_int, who: &str) {
    if cpid.is_null() {
        return;
    }
    let _kill = kill::Deferred::new();
    while alt::send_word(cpid, v as isize as usize, true, who) != 1 && channel::closing(cpid) < 0 {}
}

/// Why `who` (procexec, or threadexec) cannot end the calling thread once
/// the child runs, if it cannot: the thread must be one the library
/// created and, for procexec (`alone`), the only thread of its proc. In a
/// note handler or an iocall function it dies instead: that thread is the
/// library's.
fn refusal(who: &str, alone: bool) -> Option<(MsgBuf, c_int)> {
    proc::refuse_in_service_proc(who);
    let p = proc::current();
    // SAFETY: p is the calling proc; its current thread is the caller.
    let (t, nthreads) = unsafe { (&*(*p).current, (*p).nthreads) };
    let mut m = MsgBuf::new();
    let _ = write!(m, "{who}: thread {}", t.id);
    if !t.name.is_null() {
        let _ = m.write_str(" (");
        m.write_text(t.name_bytes());
        let _ = m.write_str(")");
    }
    if alone && nthreads != 1 {
        let _ = writeln!(m, ": refused: its proc has {nthreads} threads, and {who} needs the caller alone in its proc");
        return Some((m, libc::EBUSY));
    }
    if t.stack.is_none() {
        let _ = writeln!(m, ": refused: the thread was not created by the library (it is the program's own main or another OS thread)");
        return Some((m, libc::EPERM));
    }
    None
}

/// Refuses, as [`refusal`] says, with the message on standard error, -1
/// on `cpid` and errno set; returns whether it refused.
fn refused(cpid: *mut Channel, who: &str, alone: bool) -> bool {
    let Some((msg, err)) = refusal(who, alone) else { return false };
    sys::write_stderr(msg.as_bytes());
    send_pid(cpid, -1, who);
    sys::set_errno(err);
    true
}

/// procexec (or `who`, procexecl) up to the point where the calling thread
/// would exit: starts `file` and sends its pid (or -1) on `cpid`. Returns
/// the pid, or -1 with errno set.
///
/// # Safety
/// As for [`spawn`], with `argv` = `args`.
pub unsafe fn procexec_start(cpid: *mut Channel, file: *const c_char, args: *const *mut c_char, who: &'static str) -> c_int {
    check_cpid(cpid, who);
    if refused(cpid, who, true) {
        return -1;
    }
    let how = Spawn { file, argv: args, fds: None, dir: ptr::null(), search_path: false, who };
    // SAFETY: per the contract.
    let r = unsafe { spawn(&how) };
    finish(cpid, r, who)
}

/// Sends the outcome of a spawn on `cpid`; sets errno after the send, which
/// may switch threads.
fn finish(cpid: *mut Channel, r: Result<c_int, c_int>, who: &str) -> c_int {
    match r {
        Ok(pid) => {
            send_pid(cpid, pid, who);
            pid
        }
        Err(e) => {
            send_pid(cpid, -1, who);
            sys::set_errno(e);
            -1
        }
    }
}

/// Plan 9's procexec: runs `file` in place of the calling thread, which
/// ends; returns -1 (errno set, -1 sent on `cpid`) on failure.
///
/// # Safety
/// As for [`procexec_start`].
pub unsafe fn procexec(cpid: *mut Channel, file: *const c_char, args: *const *mut c_char) -> c_int {
    // SAFETY: per the contract.
    if unsafe { procexec_start(cpid, file, args, "procexec") } < 0 {
        return -1;
    }
    sched::exit(false)
}

/// plan9port's threadspawnd (threadspawn when `dir` is nil), for `who`:
/// starts `cmd` with fd[0..3] as its standard descriptors, in `dir`.
/// Returns the pid, or -1 with errno set.
///
/// # Safety
/// `fd` points to three descriptors; the rest as for [`spawn`].
pub unsafe fn threadspawn(fd: *const c_int, cmd: *const c_char, argv: *const *mut c_char, dir: *const c_char, who: &'static str) -> c_int {
    if fd.is_null() {
        sys::set_errno(libc::EFAULT);
        return -1;
    }
    // SAFETY: per the contract.
    let fds = unsafe { [*fd, *fd.add(1), *fd.add(2)] };
    let how = Spawn { file: cmd, argv, fds: Some(fds), dir, search_path: true, who };
    // SAFETY: per the contract.
    match unsafe { spawn(&how) } {
        Ok(pid) => {
            close_given_fds(fds);
            pid
        }
        Err(e) => {
            sys::set_errno(e);
            -1
        }
    }
}

/// Closes the descriptors the caller gave a child, each once.
fn close_given_fds(fds: [c_int; 3]) {
    for i in 0..3 {
        if !fds[..i].contains(&fds[i]) {
            // SAFETY: the caller gave these descriptors up.
            unsafe { libc::close(fds[i]) };
        }
    }
}

/// plan9port's threadexec (or `who`, threadexecl) up to the point where
/// the calling thread would exit: threadspawn, then the pid (or -1) on
/// `cpid`.
///
/// # Safety
/// As for [`threadspawn`].
pub unsafe fn threadexec_start(cpid: *mut Channel, fd: *const c_int, cmd: *const c_char, argv: *const *mut c_char, who: &'static str) -> c_int {
    check_cpid(cpid, who);
    if refused(cpid, who, false) {
        return -1;
    }
    // SAFETY: per the contract.
    let pid = unsafe { threadspawn(fd, cmd, argv, ptr::null(), who) };
    let r = if pid < 0 { Err(sys::errno()) } else { Ok(pid) };
    finish(cpid, r, who)
}
