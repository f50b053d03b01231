//! Signals the runtime handles itself: SIGSEGV, to turn a fault in a
//! thread's stack guard into "thread N (name): stack overflow", and the
//! signal threadint sends to a proc so that a system call its running
//! thread is blocked in fails with EINTR.
//!
//! Every proc's OS thread has an alternate signal stack, because the
//! handler cannot run on the stack that just overflowed. Faults that are not
//! stack overflows go to the handler that was installed before ours, or to
//! the default action.

use core::fmt::Write;
use core::ptr;

use crate::fatal::MsgBuf;
use crate::thread::Thread;
use crate::{proc, sys};

/// Size of each proc's alternate signal stack.
const ALT_STACK: usize = 64 * 1024;

static mut PREVIOUS_SEGV: libc::sigaction = unsafe { core::mem::zeroed() };

/// The signal threadint sends: a real-time signal, so it is never one a
/// program expects, installed without SA_RESTART.
pub fn threadint_signal() -> libc::c_int {
    libc::SIGRTMAX() - 2
}

extern "C" fn on_threadint(_sig: libc::c_int) {
    let p = proc::current_or_null();
    if !p.is_null() {
        // SAFETY: proc records are never freed.
        unsafe { (*p).interrupt_signal_arrived() };
    }
}

/// Sends the threadint signal to the OS thread `tid` of this process.
pub fn interrupt_os_thread(tid: libc::c_int) {
    // SAFETY: tgkill takes no pointers; a thread that has just ended makes
    // it fail harmlessly.
    unsafe { libc::syscall(libc::SYS_tgkill, libc::getpid(), tid, threadint_signal()) };
}

/// Installs the process-wide handlers; called once.
pub fn init() {
    // SAFETY: the action is fully initialised.
    unsafe {
        let mut sa: libc::sigaction = core::mem::zeroed();
        sa.sa_sigaction = on_threadint as *const () as usize;
        sa.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(threadint_signal(), &sa, core::ptr::null_mut());
    }
    {
        // SAFETY: the action is fully initialised; PREVIOUS_SEGV is written
        // once, before any fault can be handled by us.
        unsafe {
            let mut sa: libc::sigaction = core::mem::zeroed();
            sa.sa_sigaction = on_segv as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(libc::SIGSEGV, &sa, &raw mut PREVIOUS_SEGV);
        }
    }
}

/// The smallest alternate signal stack of a thread's own that the
/// library's handlers run on; a smaller one is replaced.
const FOREIGN_ALT_STACK_MIN: usize = 8 * 1024;

/// Gives the calling OS thread an alternate signal stack, unless it has one
/// already (a sanitizer's, or that of the runtime of a foreign thread the
/// library adopts), which stays. Returns the stack it mapped, or null.
pub fn setup_os_thread() -> *mut u8 {
    // SAFETY: an all-zero stack_t is valid; sigaltstack only reads the
    // current setting into it.
    unsafe {
        let mut old: libc::stack_t = core::mem::zeroed();
        if libc::sigaltstack(ptr::null(), &mut old) == 0 && old.ss_flags & libc::SS_DISABLE == 0 && old.ss_size >= FOREIGN_ALT_STACK_MIN {
            return ptr::null_mut();
        }
    }
    let mem = sys::map_lazy(ALT_STACK);
    if mem.is_null() {
        return mem;
    }
    let ss = libc::stack_t { ss_sp: mem.cast(), ss_flags: 0, ss_size: ALT_STACK };
    // SAFETY: ss describes memory we own for the OS thread's life.
    unsafe { libc::sigaltstack(&ss, ptr::null_mut()) };
    mem
}

/// Blocks every signal in the calling OS thread, which is about to end,
/// then removes and frees `own`, the alternate signal stack
/// [`setup_os_thread`] mapped for it, if any: no handler may run on a
/// stack that is going away. (Valgrind 3.19 delivers signals on an
/// alternate stack even after SS_DISABLE, and so crashed when threadint's
/// signal reached an ending proc; the kernel would use the thread's own
/// stack.) Signals sent to the process go to its other OS threads. A stack
/// the thread came with is its owner's to free.
pub fn teardown_os_thread(own: *mut u8) {
    // SAFETY: the signal set is initialised before use; the stack_t is
    // valid; `own` is ours and no longer in use once disabled.
    unsafe {
        let mut all: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, ptr::null_mut());
        if own.is_null() {
            return;
        }
        let off = libc::stack_t { ss_sp: ptr::null_mut(), ss_flags: libc::SS_DISABLE, ss_size: 0 };
        libc::sigaltstack(&off, ptr::null_mut());
        libc::munmap(own.cast(), ALT_STACK);
    }
}

extern "C" fn on_segv(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let (addr, faulted) = unsafe { ((*info).si_addr() as usize, (*info).si_code > 0) };
    let p = proc::current_or_null();
    // A SIGSEGV sent by kill or raise (si_code <= 0) carries no address.
    if faulted && !p.is_null() {
        // SAFETY: reading the faulting proc's current thread, which cannot
        // change under us: it is this OS thread that faulted.
        let t = unsafe { (*p).current };
        if !t.is_null() {
            // SAFETY: as above.
            let t = unsafe { &*t };
            if t.stack.is_some_and(|s| s.guard_contains(addr)) {
                stack_overflow(t, format_args!(""));
            }
        }
    }
    chain(sig, info, ctx);
}

/// Prints "thread N (name): stack overflow", then `detail`, and aborts.
/// Async-signal-safe if formatting `detail` is.
pub fn stack_overflow(t: &Thread, detail: core::fmt::Arguments) -> ! {
    let mut m = MsgBuf::new();
    let _ = write!(m, "thread {} (", t.id);
    match t.name_bytes() {
        b"" => m.write_text(b"unnamed"),
        name => m.write_text(name),
    }
    let _ = writeln!(m, "): stack overflow{detail}");
    sys::write_stderr(m.as_bytes());
    // SAFETY: abort is async-signal-safe.
    unsafe { libc::abort() }
}

/// Hands a SIGSEGV that is not ours to whoever handled it before us, or
/// to the action it had then: a fault or a sent signal ends the process
/// under the default action, and a sent signal the program ignored is
/// ignored.
fn chain(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: PREVIOUS_SEGV was set in init, before our handler was
    // installed; info is the kernel's.
    unsafe {
        let prev = PREVIOUS_SEGV;
        let faulted = (*info).si_code > 0;
        match prev.sa_sigaction {
            libc::SIG_IGN if !faulted => {}
            libc::SIG_DFL | libc::SIG_IGN => {
                // A fault cannot be ignored. The faulting instruction runs
                // again under the default action, which ends the process
                // with the usual core dump; a sent signal, which no
                // instruction repeats, is sent again, and arrives once
                // this handler has returned.
                libc::signal(sig, libc::SIG_DFL);
                if !faulted {
                    libc::syscall(libc::SYS_tgkill, libc::getpid(), sys::gettid(), sig);
                }
            }
            h if prev.sa_flags & libc::SA_SIGINFO != 0 => {
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) = core::mem::transmute(h);
                f(sig, info, ctx);
            }
            h => {
                let f: extern "C" fn(libc::c_int) = core::mem::transmute(h);
                f(sig);
            }
        }
    }
}
