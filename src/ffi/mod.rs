//! The C ABI: every exported function of the library, with Plan 9's names
//! (the header maps send, recv, alt, yield and friends onto the chan- and
//! thread-prefixed symbols, as plan9port does, so the library never exports
//! `send` or `recv` and never captures the C library's socket calls).
//!
//! Functions here only convert arguments and call into the runtime. They
//! take raw pointers from C callers, which have no notion of `unsafe`:
//! clippy's not_unsafe_ptr_arg_deref does not apply at this boundary.
//! Panics cannot cross this boundary: the library is built with
//! panic=abort, and programming errors end in `fatal::die`.

#![allow(non_camel_case_types)]
#![allow(clippy::not_unsafe_ptr_arg_deref)]

mod exec;
mod lib9;
mod ioproc;
pub use ioproc::*;

use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void};

use crate::channel::{self, Alt, Channel};
use crate::sync::Ordering;
use crate::thread::{self, ThreadFn};
use crate::{alt, die, kill, note, proc, registry, sched, stack};

/// Plan 9's `uint`.
pub type uint = c_uint;
/// Plan 9's `ulong`.
pub type ulong = c_ulong;

fn entry_or_die(f: Option<unsafe extern "C" fn(arg: *mut c_void)>, who: &str) -> ThreadFn {
    match f {
        Some(f) => f,
        None => die!("{who}: nil function"),
    }
}

/// A stack size passed to a C entry point, in bytes, checked before
/// anything is made: thread::create takes it as it is. The C type is
/// unsigned, so a negative int arrives as 2^31 or more: it is named as the
/// caller wrote it.
fn stack_size(stacksize: uint, who: &str) -> usize {
    let signed = stacksize as c_int;
    if signed < 0 {
        die!("{who}: stack size {signed} is negative");
    }
    let bytes = stacksize as usize;
    if bytes > stack::MAX_STACK {
        die!("{who}: stack size {bytes} is absurd (the most is {} bytes)", stack::MAX_STACK);
    }
    bytes
}

/// Creates a thread in the calling proc running fn(arg) on a stack of at
/// least stacksize bytes; returns its id.
#[no_mangle]
pub extern "C" fn threadcreate(f: Option<unsafe extern "C" fn(arg: *mut c_void)>, arg: *mut c_void, stacksize: uint) -> c_int {
    let f = entry_or_die(f, "threadcreate");
    proc::refuse_in_service_proc("threadcreate");
    let p = proc::current();
    // SAFETY: p is the calling proc.
    unsafe {
        let grp = (*(*p).current).grp.load(Ordering::Relaxed);
        let t = thread::create(p, f, arg, stack_size(stacksize, "threadcreate"), grp, "threadcreate");
        sched::ready(t);
        (*t).id
    }
}

/// Creates a proc whose one thread runs fn(arg); returns the thread's id.
/// The caller gives up the processor, as in Plan 9: proccreate is one of
/// thread(2)'s scheduling points.
#[no_mangle]
pub extern "C" fn proccreate(f: Option<unsafe extern "C" fn(arg: *mut c_void)>, arg: *mut c_void, stacksize: uint) -> c_int {
    let id = proc::create(entry_or_die(f, "proccreate"), arg, stack_size(stacksize, "proccreate"));
    sched::yield_now();
    id
}

/// Creates a proc as proccreate does, with rfork flags: RFFDG gives it a
/// copy of the file descriptor table, RFCFDG an empty one. RFPROC, RFMEM
/// and RFNOWAIT are implied; other flags are refused (see thread(3)).
#[no_mangle]
pub extern "C" fn procrfork(f: Option<unsafe extern "C" fn(arg: *mut c_void)>, arg: *mut c_void, stacksize: uint, rforkflag: c_int) -> c_int {
    let f = entry_or_die(f, "procrfork");
    let id = proc::create_rfork(f, arg, stack_size(stacksize, "procrfork"), rforkflag);
    sched::yield_now();
    id
}

/// The kernel thread id of the proc that runs thread `id`, or -1 if there
/// is no such thread.
#[no_mangle]
pub extern "C" fn threadpid(id: c_int) -> c_int {
    loop {
        let mut tid = 0;
        // SAFETY: p is valid while the registry lock is held.
        if !registry::with_thread(id, |p, _| tid = unsafe { (*p).tid.load(Ordering::Acquire) }) {
            return -1;
        }
        if tid != 0 {
            return tid;
        }
        // The thread's proc was made, and its OS thread is starting.
        crate::sys::yield_cpu();
    }
}

/// The calling thread's group.
#[no_mangle]
pub extern "C" fn threadgetgrp() -> c_int {
    // SAFETY: the current thread is valid.
    unsafe { (*proc::current_thread()).grp.load(Ordering::Relaxed) }
}

/// The calling thread's group, by the name of Plan 9's manual.
#[no_mangle]
pub extern "C" fn threadgrp() -> c_int {
    threadgetgrp()
}

/// Sets the calling thread's group; returns the old one.
#[no_mangle]
pub extern "C" fn threadsetgrp(group: c_int) -> c_int {
    // SAFETY: the current thread is valid.
    unsafe { (*proc::current_thread()).grp.swap(group, Ordering::Relaxed) }
}

/// Interrupts thread `id`: a channel operation it is blocked in returns -1;
/// a system call its proc is blocked in while it runs fails with EINTR.
/// Returns 1, or 0 if there is no such thread.
#[no_mangle]
pub extern "C" fn threadint(id: c_int) -> c_int {
    kill::interrupt(id)
}

/// Interrupts every thread of a group.
#[no_mangle]
pub extern "C" fn threadintgrp(group: c_int) {
    kill::signal_group(group, false);
}

/// Marks thread `id` to exit at its next scheduling point, interrupting it
/// if it is blocked. Harmless if there is no such thread.
#[no_mangle]
pub extern "C" fn threadkill(id: c_int) {
    kill::kill(id)
}

/// Kills every thread of a group; returns how many there were.
#[no_mangle]
pub extern "C" fn threadkillgrp(group: c_int) -> c_int {
    kill::signal_group(group, true)
}

/// Ends the calling thread; its proc too, when it is the last there.
#[no_mangle]
pub extern "C" fn threadexits(status: *mut c_char) -> ! {
    proc::refuse_in_service_proc("threadexits");
    // SAFETY: status is nil or a string, per thread(3).
    sched::exit(!status.is_null() && unsafe { *status } != 0)
}

/// Ends the program at once: exit status 0 for nil or "", 1 otherwise.
#[no_mangle]
pub extern "C" fn threadexitsall(status: *mut c_char) -> ! {
    // SAFETY: status is nil or a string, per thread(3).
    let failed = !status.is_null() && unsafe { *status } != 0;
    crate::sys::exit(c_int::from(failed))
}

/// Lets the other ready threads of the proc run; returns how many did.
#[no_mangle]
pub extern "C" fn threadyield() -> c_int {
    sched::yield_now()
}

/// The calling thread's id.
#[no_mangle]
pub extern "C" fn threadid() -> c_int {
    // SAFETY: the current thread is valid.
    unsafe { (*proc::current_thread()).id }
}

/// The calling thread's name: "" when it has none. Valid until the next
/// threadsetname.
#[no_mangle]
pub extern "C" fn threadgetname() -> *mut c_char {
    let t = proc::current_thread();
    // SAFETY: the current thread is valid.
    let name = unsafe { (*t).name };
    if name.is_null() { c"".as_ptr().cast_mut() } else { name }
}

/// The calling thread's own pointer; nil in a new thread.
#[no_mangle]
pub extern "C" fn threaddata() -> *mut *mut c_void {
    // SAFETY: the current thread is valid.
    unsafe { &raw mut (*proc::current_thread()).data }
}

/// The calling proc's own pointer; nil in a new proc.
#[no_mangle]
pub extern "C" fn procdata() -> *mut *mut c_void {
    // SAFETY: the current proc is valid.
    unsafe { &raw mut (*proc::current()).data }
}

/// Initialises caller storage as a channel of nel elements of elsize bytes.
///
/// # Safety
/// `c` points to writable storage for a Channel.
#[no_mangle]
pub unsafe extern "C" fn chaninit(c: *mut Channel, elsize: c_int, nel: c_int) -> c_int {
    // SAFETY: per the contract.
    unsafe { channel::init_storage(c, elsize, nel) }
}

/// A new channel of nel elements (0: unbuffered) of elsize bytes.
#[no_mangle]
pub extern "C" fn chancreate(elsize: c_int, nel: c_int) -> *mut Channel {
    channel::create(elsize, nel)
}

/// Frees a channel, once the threads blocked on it (if any) have left.
#[no_mangle]
pub extern "C" fn chanfree(c: *mut Channel) {
    channel::free(c)
}

/// Closes a channel: 0, or -1 if it was closed already.
#[no_mangle]
pub extern "C" fn chanclose(c: *mut Channel) -> c_int {
    channel::close(c)
}

/// -1 if the channel is open, else the number of elements still buffered.
#[no_mangle]
pub extern "C" fn chanclosing(c: *mut Channel) -> c_int {
    channel::closing(c)
}

/// Plan 9's alt.
///
/// # Safety
/// `a` is an Alt array ending in CHANEND or CHANNOBLK.
#[no_mangle]
pub unsafe extern "C" fn chanalt(a: *mut Alt) -> c_int {
    if a.is_null() {
        die!("alt: nil array");
    }
    // SAFETY: per the contract.
    unsafe { alt::alt(a, "alt") }
}

/// Plan 9's send: Sends the value at v (nil: zeros); 1, or -1 if the channel is closed or on interrupt.
///
/// # Safety
/// `v` is nil or valid for the channel's element size.
#[no_mangle]
pub unsafe extern "C" fn chansend(c: *mut Channel, v: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { alt::op(c, true, v, true, "send") }
}

/// Plan 9's recv: Receives into v (nil: discard); 1, or -1 if the channel is closed and empty or on interrupt.
///
/// # Safety
/// `v` is nil or valid for the channel's element size.
#[no_mangle]
pub unsafe extern "C" fn chanrecv(c: *mut Channel, v: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { alt::op(c, false, v, true, "recv") }
}

/// Plan 9's nbsend: send, but 0 when it would block.
///
/// # Safety
/// `v` is nil or valid for the channel's element size.
#[no_mangle]
pub unsafe extern "C" fn channbsend(c: *mut Channel, v: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { alt::op(c, true, v, false, "nbsend") }
}

/// Plan 9's nbrecv: recv, but 0 when it would block.
///
/// # Safety
/// `v` is nil or valid for the channel's element size.
#[no_mangle]
pub unsafe extern "C" fn channbrecv(c: *mut Channel, v: *mut c_void) -> c_int {
    // SAFETY: per the contract.
    unsafe { alt::op(c, false, v, false, "nbrecv") }
}

/// Plan 9's sendp.
#[no_mangle]
pub extern "C" fn chansendp(c: *mut Channel, p: *mut c_void) -> c_int {
    alt::send_word(c, p as usize, true, "sendp")
}

/// Sends the string chanprint formatted (csrc/varargs.c), naming chanprint
/// in messages. Not for programs.
#[no_mangle]
pub extern "C" fn p9thread_chanprint_send(c: *mut Channel, s: *mut c_char) -> c_int {
    // The string is of use only whole: a narrower channel would carry part
    // of its address, where sendp's truncation is what the program asked.
    let (_, elsize) = alt::word_channel(c, "chanprint");
    if elsize as usize != size_of::<*mut c_char>() {
        die!("chanprint: channel {c:p} has {elsize}-byte elements, smaller than a pointer");
    }
    alt::send_word(c, s as usize, true, "chanprint")
}

/// Plan 9's recvp: nil when the channel is closed or on interrupt.
#[no_mangle]
pub extern "C" fn chanrecvp(c: *mut Channel) -> *mut c_void {
    alt::recv_word_value(c, "recvp")
}

/// Plan 9's nbsendp.
#[no_mangle]
pub extern "C" fn channbsendp(c: *mut Channel, p: *mut c_void) -> c_int {
    alt::send_word(c, p as usize, false, "nbsendp")
}

/// Plan 9's nbrecvp: nil also when it would block.
#[no_mangle]
pub extern "C" fn channbrecvp(c: *mut Channel) -> *mut c_void {
    alt::recv_word(c, false, "nbrecvp").1 as *mut c_void
}

/// Plan 9's sendul.
#[no_mangle]
pub extern "C" fn chansendul(c: *mut Channel, v: ulong) -> c_int {
    alt::send_word(c, v as usize, true, "sendul")
}

/// Plan 9's recvul: 0 when the channel is closed or on interrupt.
#[no_mangle]
pub extern "C" fn chanrecvul(c: *mut Channel) -> ulong {
    alt::recv_word_value::<usize>(c, "recvul") as ulong
}

/// Plan 9's nbsendul.
#[no_mangle]
pub extern "C" fn channbsendul(c: *mut Channel, v: ulong) -> c_int {
    alt::send_word(c, v as usize, false, "nbsendul")
}

/// Plan 9's nbrecvul: 0 also when it would block.
#[no_mangle]
pub extern "C" fn channbrecvul(c: *mut Channel) -> ulong {
    alt::recv_word(c, false, "nbrecvul").1 as ulong
}

/// Starts the program from the C main: runs main_fn(arg) as threadmain's
/// thread with `stacksize` bytes of stack. Not for programs.
///
/// # Safety
/// Called once, by the library's main, on the main OS thread.
#[no_mangle]
pub unsafe extern "C" fn p9thread_start(main_fn: Option<unsafe extern "C" fn(arg: *mut c_void)>, arg: *mut c_void, stacksize: c_int) -> ! {
    if stacksize < 0 {
        die!("threadmain: negative mainstacksize {stacksize}");
    }
    let f = entry_or_die(main_fn, "threadmain");
    let stacksize = stack_size(stacksize as uint, "threadmain");
    // SAFETY: per the contract.
    unsafe { proc::start_main(f, arg, stacksize) }
}

/// Registers (in != 0) or removes a note handler; 1 on success, 0 when the
/// table is full or the handler is not registered. See thread(3) for the
/// notes and the signals that carry them.
#[no_mangle]
pub extern "C" fn threadnotify(f: Option<unsafe extern "C" fn(ureg: *mut c_void, note: *mut c_char) -> c_int>, in_: c_int) -> c_int {
    match f {
        Some(f) => note::notify(f, in_ != 0),
        None => die!("threadnotify: nil handler"),
    }
}

/// Names the calling thread with a static string.
pub(crate) fn p9thread_setname_static(name: &core::ffi::CStr) {
    // SAFETY: name is a NUL-terminated string.
    unsafe { thread::set_name(name.as_ptr()) }
}

/// Aborts: the variadic entry point `who` (a NUL-terminated string) was
/// given a nil format. For csrc/varargs.c; not for programs.
///
/// # Safety
/// `who` is a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9thread_nil_format(who: *const c_char) -> ! {
    // SAFETY: per the contract.
    let who = unsafe { core::ffi::CStr::from_ptr(who) }.to_string_lossy();
    die!("{who}: nil format")
}

/// Dies: `who` could not format `fmt` (errno `err`). Not for programs.
///
/// # Safety
/// `who` and `fmt` are NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn p9thread_format_failed(who: *const c_char, fmt: *const c_char, err: c_int) -> ! {
    // SAFETY: per the contract.
    let (who, fmt) = unsafe { (core::ffi::CStr::from_ptr(who).to_string_lossy(), core::ffi::CStr::from_ptr(fmt).to_string_lossy()) };
    if err == 0 {
        die!("{who}: cannot format {fmt:?}")
    }
    die!("{who}: cannot format {fmt:?}: {}", crate::fatal::Errno(err))
}

/// Sets the calling thread's name to a copy of `name`, for threadsetname.
/// Not for programs.
///
/// # Safety
/// `name` is nil or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn p9thread_setname(name: *const c_char) {
    // SAFETY: per the contract.
    unsafe { thread::set_name(name) }
}
