//! The operating-system calls the runtime makes, on Linux: memory mappings
//! for stacks, futexes for sleeping procs, OS threads, and raw writes to
//! standard error that are safe inside a signal handler. The I/O procs'
//! calls are in [`io`], [`net`] and [`interrupt`].

use core::ffi::c_int;
use core::ptr;

use crate::sync::{AtomicI32, AtomicU32, Ordering};

pub mod interrupt;
pub mod io;
pub mod net;
pub mod unseen;

/// `madvise` advice that installs guard regions in the page tables without
/// splitting the mapping (Linux 6.13). Older kernels answer EINVAL.
const MADV_GUARD_INSTALL: c_int = 102;

pub fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

pub fn errno() -> c_int {
    // SAFETY: __errno_location always returns this OS thread's errno.
    unsafe { *libc::__errno_location() }
}

pub fn set_errno(e: c_int) {
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = e };
}

pub fn errno_location() -> *mut c_int {
    // SAFETY: as above.
    unsafe { libc::__errno_location() }
}

/// Reserves `len` bytes of lazily mapped, readable and writable memory that
/// is never backed by huge pages. Returns null when the kernel refuses.
pub fn map_lazy(len: usize) -> *mut u8 {
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choosing touches no existing memory.
    unsafe {
        let p = libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return ptr::null_mut();
        }
        libc::madvise(p, len, libc::MADV_NOHUGEPAGE);
        p.cast()
    }
}

/// Makes `[addr, addr+len)` fault on any access. Prefers guard regions,
/// which cost no extra mapping (vm.max_map_count stays out of reach); falls
/// back to mprotect, which splits the mapping.
///
/// # Safety
/// The range is page-aligned, inside a mapping from [`map_lazy`], and holds
/// nothing anyone will read again.
pub unsafe fn install_guard(addr: *mut u8, len: usize) -> bool {
    // SAFETY: the caller owns the range.
    unsafe {
        libc::madvise(addr.cast(), len, MADV_GUARD_INSTALL) == 0
            || libc::mprotect(addr.cast(), len, libc::PROT_NONE) == 0
    }
}

/// Gives the pages of `[addr, addr+len)` back to the kernel; they read as
/// zeros when next touched.
///
/// # Safety
/// The range is page-aligned and holds nothing anyone will read again.
pub unsafe fn discard(addr: *mut u8, len: usize) {
    // SAFETY: the caller owns the range.
    unsafe { libc::madvise(addr.cast(), len, libc::MADV_DONTNEED) };
}

/// Sleeps while `*word == expected`; returns on a wake-up, a signal or a
/// spurious wake-up alike.
pub fn futex_wait(word: &AtomicU32, expected: u32) {
    futex_wait_timeout(word, expected, None);
}

/// As [`futex_wait`], for at most `ns` nanoseconds.
pub fn futex_wait_for(word: &AtomicU32, expected: u32, ns: u64) {
    let timeout = libc::timespec { tv_sec: (ns / 1_000_000_000) as libc::time_t, tv_nsec: (ns % 1_000_000_000) as libc::c_long };
    futex_wait_timeout(word, expected, Some(&timeout));
}

fn futex_wait_timeout(word: &AtomicU32, expected: u32, timeout: Option<&libc::timespec>) {
    let timeout = timeout.map_or(ptr::null(), |t| t as *const libc::timespec);
    // SAFETY: the futex word is a valid, aligned u32 for the whole call;
    // the timeout is null or a valid relative time.
    unsafe {
        libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG, expected, timeout);
    }
}

pub fn futex_wake(word: &AtomicU32, count: i32) {
    // SAFETY: as above.
    unsafe {
        libc::syscall(libc::SYS_futex, word.as_ptr(), libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG, count);
    }
}

const MEMBARRIER_CMD_PRIVATE_EXPEDITED: c_int = 1 << 3;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED: c_int = 1 << 4;

/// Registers the process for [`membarrier`]; false when the kernel cannot.
pub fn membarrier_register() -> bool {
    // SAFETY: membarrier takes no pointers.
    unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0 }
}

/// Runs a full memory barrier on every CPU currently running a thread of
/// this process.
pub fn membarrier() {
    // SAFETY: as above. Registration succeeded, or biasing is off and this
    // is never called.
    let r = unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) };
    if r != 0 {
        crate::die!("membarrier failed: {}", crate::fatal::Errno(errno()));
    }
}

pub fn yield_cpu() {
    // SAFETY: sched_yield has no preconditions.
    unsafe { libc::sched_yield() };
}

/// The kernel's id of the calling OS thread.
pub fn gettid() -> i32 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() }
}

/// Monotonic time in nanoseconds.
pub fn now_ns() -> u64 {
    clock_ns(libc::CLOCK_MONOTONIC)
}

/// CPU time the whole process has used, in nanoseconds.
pub fn process_cpu_ns() -> u64 {
    clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// Monotonic time, as a timespec.
pub fn monotonic_now() -> libc::timespec {
    clock_now(libc::CLOCK_MONOTONIC)
}

#[inline]
fn clock_ns(clock: libc::clockid_t) -> u64 {
    let ts = clock_now(clock);
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

#[inline]
fn clock_now(clock: libc::clockid_t) -> libc::timespec {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid timespec.
    unsafe { libc::clock_gettime(clock, &mut ts) };
    ts
}

/// Writes all of `bytes` to standard error; async-signal-safe.
pub fn write_stderr(mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: bytes is a valid slice.
        let n = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            if n < 0 && errno() == libc::EINTR {
                continue;
            }
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// A joinable OS thread, which [`join_os_thread`] waits for.
pub struct OsThread(libc::pthread_t);

/// Starts an OS thread running `start(arg)` on a stack of `stack_size`
/// bytes: detached, or joinable when `joinable` (then the caller must wait
/// for it with [`join_os_thread`]). Returns the pthread error number on
/// failure.
///
/// # Safety
/// `start` is sound to call with `arg` on another OS thread.
pub unsafe fn spawn_os_thread(
    start: extern "C" fn(*mut libc::c_void) -> *mut libc::c_void,
    arg: *mut libc::c_void,
    stack_size: usize,
    joinable: bool,
) -> Result<OsThread, c_int> {
    let detach = if joinable { libc::PTHREAD_CREATE_JOINABLE } else { libc::PTHREAD_CREATE_DETACHED };
    // SAFETY: attr is initialised before use and destroyed after; start and
    // arg are handed to the new thread as they are.
    unsafe {
        let mut attr: libc::pthread_attr_t = core::mem::zeroed();
        libc::pthread_attr_init(&mut attr);
        libc::pthread_attr_setstacksize(&mut attr, stack_size);
        libc::pthread_attr_setdetachstate(&mut attr, detach);
        let mut tid: libc::pthread_t = 0;
        let err = libc::pthread_create(&mut tid, &attr, start, arg);
        libc::pthread_attr_destroy(&mut attr);
        if err == 0 { Ok(OsThread(tid)) } else { Err(err) }
    }
}

/// Waits until a joinable OS thread has ended. Its kernel task may stay
/// visible in /proc for a few more microseconds while the kernel reaps it.
pub fn join_os_thread(t: OsThread) {
    // SAFETY: t came from spawn_os_thread with joinable set, and is joined
    // once: OsThread is not Clone.
    let err = unsafe { libc::pthread_join(t.0, ptr::null_mut()) };
    if err != 0 {
        crate::die!("join_os_thread: pthread_join failed: {}", crate::fatal::Errno(err));
    }
}

/// Blocks every signal in the calling OS thread and returns the old mask,
/// so that a new OS thread starts with signals blocked until it is ready.
pub fn block_signals() -> libc::sigset_t {
    // SAFETY: both sets are valid sigset_t values.
    unsafe {
        let mut all: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &all, &mut old);
        old
    }
}

/// Unblocks signal `sig` in the calling OS thread.
pub fn unblock_signal(sig: c_int) {
    // SAFETY: set is a valid sigset_t.
    unsafe {
        let mut set: libc::sigset_t = core::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, ptr::null_mut());
    }
}

pub fn restore_signals(mask: &libc::sigset_t) {
    // SAFETY: mask is a valid sigset_t.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, mask, ptr::null_mut()) };
}

/// Gives the calling OS thread a file descriptor table of its own: a copy
/// of the shared one, emptied when `empty`.
pub fn unshare_files(empty: bool) -> Result<(), c_int> {
    // SAFETY: unshare and close_range take no pointers.
    unsafe {
        if libc::unshare(libc::CLONE_FILES) != 0 {
            return Err(errno());
        }
        if empty && libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32) != 0 {
            return Err(errno());
        }
    }
    Ok(())
}

/// Gives the calling OS thread, one of the library's own, a descriptor
/// table of its own holding only standard error. It then keeps no table
/// alive that a proc made private (procrfork), nor any of the program's
/// descriptors open, and descriptors it makes are out of the program's
/// sight.
pub fn own_fd_table() -> Result<(), c_int> {
    unshare_files(false)?;
    // SAFETY: close_range takes no pointers.
    unsafe {
        if libc::syscall(libc::SYS_close_range, 0u32, 1u32, 0u32) != 0 || libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) != 0 {
            return Err(errno());
        }
    }
    Ok(())
}

/// Ends the process at once with `code`, running atexit handlers and
/// flushing stdio, as exit(3) does.
///
/// Two OS threads must not run exit(3) at once (a note's unhandled exit
/// racing threadexitsall, say): they would run the atexit handlers and
/// flush stdio together. The first caller ends the process; another waits
/// for it to. The first caller itself may call again, from an atexit
/// handler, as exit(3) allows.
pub fn exit(code: c_int) -> ! {
    static EXITING: AtomicI32 = AtomicI32::new(0);
    let me = gettid();
    if let Err(first) = EXITING.compare_exchange(0, me, Ordering::AcqRel, Ordering::Acquire) {
        if first != me {
            loop {
                // SAFETY: pause has no preconditions.
                unsafe { libc::pause() };
            }
        }
    }
    crate::sanitizer::ignore_end_all();
    // SAFETY: exit may be called from any OS thread.
    unsafe { libc::exit(code) }
}
