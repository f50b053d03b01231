//! Threads: coroutines, each with its own stack, each belonging to one proc
//! for its whole life (threads never migrate, so only their own proc ever
//! runs or switches them).
//!
//! Ownership: a thread's record lives at the top of its own stack, so that
//! an idle thread costs one or two pages. The record and stack are freed by
//! the next thread its proc runs after it exits (a thread cannot free the
//! stack it is running on). A thread adopted from a foreign OS thread runs
//! on that OS thread's stack; its record is on the heap and never freed.

use core::cell::Cell;
use core::ffi::{c_char, c_int, c_void};
use core::fmt::Write;
use core::ptr;

use crate::fatal::MsgBuf;
use crate::ids::IdSpace;
use crate::proc::{self, Proc};
use crate::stack::{self, Stack};
use crate::channel::Waiter;
use crate::sync::{AtomicBool, AtomicI32, AtomicU32, AtomicU8, AtomicUsize, Ordering};
use crate::{arch, sanitizer, sched};

/// What a thread blocked outside the channel code waits for, named for
/// debugging output (aligned so that its address leaves the low bits free).
#[repr(align(8))]
pub struct WaitTag(pub &'static str);

const WAIT_SEND: usize = 1;
const WAIT_RECV: usize = 2;
const WAIT_ALT: usize = 3;

/// A blocked thread's wait, displayed for debugging output.
pub struct WaitingOn(usize);

impl core::fmt::Display for WaitingOn {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        let ch = self.0 & !3;
        match self.0 & 3 {
            WAIT_SEND => write!(f, "send on channel {ch:#x}"),
            WAIT_RECV => write!(f, "recv on channel {ch:#x}"),
            WAIT_ALT => f.write_str("alt"),
            // SAFETY: set_waiting_for stores the address of a static tag.
            _ if ch != 0 => f.write_str(unsafe { (*(ch as *const WaitTag)).0 }),
            _ => f.write_str("nothing"),
        }
    }
}

/// The function a thread runs.
pub type ThreadFn = unsafe extern "C" fn(arg: *mut c_void);

/// What a thread is doing; read by other procs for debugging output.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum State {
    Running,
    Ready,
    Blocked,
}

/// What a blocked thread waits for; written and read only by its own proc.
#[derive(Clone, Copy)]
pub enum Wait {
    /// Not blocked in a channel operation.
    None,
    /// One channel entry: its waiter (which names the channel), completed
    /// under the channel's lock.
    Single { w: *mut Waiter },
    /// Several entries, completed by winning `wake` from PENDING_MULTI.
    Multi,
    /// An alt with no channel entries: only an interrupt ends it.
    Forever,
    /// Blocked elsewhere in the library, as in procwait: an interrupt calls
    /// the function, which takes the thread out of what it waits in, or
    /// returns false when whoever ends that wait has already taken it.
    Cancel(unsafe fn(*mut Thread) -> bool),
}

#[repr(C)]
pub struct Thread {
    // Fields every switch and channel operation touches come first, within
    // the record's first cache line (records are 64-byte aligned).
    /// Saved stack pointer while the thread is not running.
    pub ctx: *mut u8,
    /// Link in the run queue, inbox or wake list the thread sits in.
    pub next: *mut Thread,
    /// The proc the thread runs in, for life.
    pub proc: *mut Proc,
    /// How the thread's current or last blocking operation ended; written by
    /// whoever completes the operation (see alt.rs).
    pub wake: AtomicU32,
    /// errno while the thread is not running.
    pub errno: c_int,
    /// Running, ready or blocked; written by the thread's own proc.
    state: AtomicU8,
    /// Set by threadkill: the thread exits at its next scheduling point.
    pub killed: AtomicBool,
    /// Set while the thread sits in its proc's queue of interrupts.
    pub int_pending: AtomicBool,
    /// Counts the thread's waits (modulo 256), so that an interrupt ends
    /// only the wait it was aimed at; written by the thread's own proc.
    wait_seq: AtomicU8,
    /// While nonzero, a kill waits (kill::Deferred): the thread's stack is
    /// in use by someone else, as an I/O proc uses an iocall's. Written by
    /// the thread itself, read by partners in channel operations.
    pub kill_deferred: AtomicU32,
    /// The same, for other procs' debugging output: a channel address with
    /// WAIT_SEND or WAIT_RECV, or WAIT_ALT; 0 otherwise.
    waiting: AtomicUsize,
    /// What the thread waits for while blocked in a channel operation.
    pub wait: Cell<Wait>,
    // The rest.
    /// Unique for the life of the program; never reused.
    pub id: c_int,
    /// Thread group, inherited from the creating thread. Written only by
    /// the thread itself (and its creator), read by threadkillgrp and
    /// threadintgrp from any proc.
    pub grp: AtomicI32,
    /// The thread's own stack; None for an adopted thread.
    pub stack: Option<Stack>,
    /// Where the thread starts.
    entry: Option<ThreadFn>,
    arg: *mut c_void,
    /// Name from threadsetname, malloc'd; null when unnamed.
    pub name: *mut c_char,
    /// The per-thread pointer of threaddata().
    pub data: *mut c_void,
    /// Link in that queue.
    pub int_next: *mut Thread,
    /// The wait ([`Thread::wait_seq`]) the latest threadint was aimed at.
    int_seq: AtomicU8,
    /// Links in the proc's list of its threads (registry.rs).
    pub all_prev: *mut Thread,
    pub all_next: *mut Thread,
    /// AddressSanitizer's state of the stack while the thread is not
    /// running; or, under ThreadSanitizer (the two never run together), the
    /// thread's fiber.
    pub san: *mut c_void,
    /// State string from threadsetstate, malloc'd; null when unset.
    pub state_str: *mut c_char,
    /// lib9's per-thread note jump buffer, malloc'd on first use.
    pub note_jmpbuf: *mut c_void,
}

/// The ids of the program's threads: 1 up to 2^30, as in Plan 9 from 1.
static PROGRAM_IDS: IdSpace = IdSpace::new(1, false, 1 << 30);
/// The ids of the library's own threads (service procs'): down from the
/// largest int to just above the program's, whose numbers they never take.
static SERVICE_IDS: IdSpace = IdSpace::new(c_int::MAX, true, (1 << 30) - 1);

/// A fresh id for a thread of proc `p`.
fn new_id(p: *mut Proc) -> c_int {
    // SAFETY: proc records are never freed, and a proc's kind is fixed.
    let ids = if unsafe { (*p).kind } == proc::Kind::Service { &SERVICE_IDS } else { &PROGRAM_IDS };
    ids.take(live_ids)
}

/// The ids of every live thread.
fn live_ids() -> Vec<c_int> {
    let mut ids = Vec::new();
    crate::registry::each_thread(|_, t| {
        // SAFETY: t is valid while its registry lock is held.
        ids.push(unsafe { (*t).id });
        true
    });
    ids
}

const _: () = assert!(core::mem::offset_of!(Thread, wait) + core::mem::size_of::<Wait>() <= 64);

/// Bytes reserved at the top of a stack for the thread's record.
const RECORD: usize = core::mem::size_of::<Thread>().next_multiple_of(64);

/// Threads' records, and the frames below them, are hot. If they sat at
/// the same offset in every stack's top page, they would all compete for
/// the same few sets of the L1 cache, which is indexed by the offset in a
/// 4 KiB page. So a record starts one of COLORS cache lines below the top
/// of its stack: a thread blocked in a channel operation still fits in one
/// page. The colour is a hash of the stack's address, so that the record
/// of a thread can be found from its stack alone (sched::Lookahead).
const COLORS: usize = 32;
const LINE: usize = 64;
const COLOR_SPAN: usize = 4096;
const _: () = assert!(RECORD + (COLORS - 1) * LINE < COLOR_SPAN);

/// Where the record of a thread whose stack ends at `top` (aligned to
/// COLOR_SPAN, as every stack's top is) lies. Never dereferences: any
/// address gives some address.
#[inline(always)]
pub(crate) fn record_below(top: usize) -> *mut Thread {
    // Fibonacci hashing: the top bits of the product spread the stacks of
    // one size class over the colours about evenly, and in large rings
    // these records conflict in the caches less than with colours that
    // repeat in a pattern.
    let span = (top / COLOR_SPAN) as u32;
    let color = (span.wrapping_mul(0x9e37_79b1) >> (32 - COLORS.trailing_zeros())) as usize;
    top.wrapping_sub(RECORD + color * LINE) as *mut Thread
}

/// The top of the stack holding the record `t`, for a thread whose stack
/// the library made: the inverse of [`record_below`].
#[inline(always)]
pub(crate) fn stack_top_above(t: *const Thread) -> usize {
    (t as usize).wrapping_add(RECORD + COLOR_SPAN - 1) & !(COLOR_SPAN - 1)
}

impl Thread {
    /// Whether the thread was killed and its kills are not deferred: it
    /// exits at its next scheduling point, and no partner may complete a
    /// channel operation it is blocked in.
    #[inline]
    pub fn dying(&self) -> bool {
        self.killed.load(Ordering::Relaxed) && self.kill_deferred.load(Ordering::Relaxed) == 0
    }

    fn new(proc: *mut Proc, stack: Option<Stack>, entry: Option<ThreadFn>, arg: *mut c_void) -> Thread {
        Thread {
            ctx: ptr::null_mut(),
            next: ptr::null_mut(),
            proc,
            id: new_id(proc),
            wake: AtomicU32::new(0),
            errno: 0,
            name: ptr::null_mut(),
            data: ptr::null_mut(),
            stack,
            entry,
            arg,
            state: AtomicU8::new(State::Ready as u8),
            wait: Cell::new(Wait::None),
            waiting: AtomicUsize::new(0),
            grp: AtomicI32::new(0),
            killed: AtomicBool::new(false),
            kill_deferred: AtomicU32::new(0),
            int_pending: AtomicBool::new(false),
            wait_seq: AtomicU8::new(0),
            int_next: ptr::null_mut(),
            int_seq: AtomicU8::new(0),
            all_prev: ptr::null_mut(),
            all_next: ptr::null_mut(),
            san: ptr::null_mut(),
            state_str: ptr::null_mut(),
            note_jmpbuf: ptr::null_mut(),
        }
    }

    pub fn state(&self) -> State {
        match self.state.load(Ordering::Relaxed) {
            0 => State::Running,
            1 => State::Ready,
            _ => State::Blocked,
        }
    }

    /// Sets the state to Running or Ready.
    #[inline]
    pub fn set_state(&self, s: State) {
        debug_assert!(s != State::Blocked, "a thread blocks through set_blocked");
        self.state.store(s as u8, Ordering::Relaxed);
    }

    /// Marks the thread blocked, in a wait of its own: from now on
    /// [`Thread::aim_interrupt`] aims at this wait, not an earlier one.
    #[inline]
    pub fn set_blocked(&self) {
        self.wait_seq.store(self.wait_seq.load(Ordering::Relaxed).wrapping_add(1), Ordering::Relaxed);
        self.state.store(State::Blocked as u8, Ordering::Release);
    }

    /// For threadint, from any proc: aims an interrupt at the wait the
    /// thread is blocked in, and returns true; returns false when it is not
    /// blocked, as an interrupt of a running or ready thread is not
    /// remembered.
    pub fn aim_interrupt(&self) -> bool {
        if self.state.load(Ordering::Acquire) != State::Blocked as u8 {
            return false;
        }
        self.int_seq.store(self.wait_seq.load(Ordering::Relaxed), Ordering::Relaxed);
        true
    }

    /// For the thread's own proc, carrying out interrupts: whether the
    /// latest threadint was aimed at the wait the thread is blocked in now.
    pub fn interrupt_aimed_here(&self) -> bool {
        self.int_seq.load(Ordering::Relaxed) == self.wait_seq.load(Ordering::Relaxed)
    }

    /// Records what the thread is about to wait for, for debugging output.
    #[inline]
    pub fn set_waiting(&self, w: Wait) {
        let v = match w {
            Wait::None => 0,
            // SAFETY: a Single wait is recorded only once its waiter is queued.
            Wait::Single { w } => unsafe { (*w).ch as usize | if (*w).send { WAIT_SEND } else { WAIT_RECV } },
            Wait::Multi | Wait::Forever => WAIT_ALT,
            // Recorded with set_waiting_for.
            Wait::Cancel(_) => return,
        };
        self.waiting.store(v, Ordering::Relaxed);
    }

    /// Records what the thread is about to wait for, outside the channel code.
    #[inline]
    pub fn set_waiting_for(&self, tag: &'static WaitTag) {
        self.waiting.store(tag as *const WaitTag as usize, Ordering::Relaxed);
    }

    /// What the thread waits for, as [`Thread::set_waiting`] recorded it.
    pub fn waiting_on(&self) -> WaitingOn {
        WaitingOn(self.waiting.load(Ordering::Relaxed))
    }

    /// The thread's name, or "" when it has none.
    pub fn name_bytes(&self) -> &[u8] {
        if self.name.is_null() {
            return b"";
        }
        // SAFETY: name is a NUL-terminated string we own.
        unsafe { core::ffi::CStr::from_ptr(self.name) }.to_bytes()
    }
}

/// Makes a new thread of group `grp` in proc `p`, not yet on any run
/// queue, to run `entry(arg)` on a stack of at least `stacksize` bytes.
///
/// # Safety
/// `p` is the calling proc, or a proc that has not started running yet;
/// `stacksize` is at most [`stack::MAX_STACK`] (the C entry points check
/// what programs ask for).
pub unsafe fn create(p: *mut Proc, entry: ThreadFn, arg: *mut c_void, stacksize: usize, grp: c_int, who: &str) -> *mut Thread {
    debug_assert!(stacksize <= stack::MAX_STACK, "{who}: stack size {stacksize}");
    // SAFETY: p is valid and ours, per the contract; a stack left by a
    // thread that exited may serve the new one.
    let s = unsafe {
        sched::reap(p);
        stack::alloc(&mut (*p).stacks, stacksize + RECORD + (COLORS - 1) * LINE, who)
    };
    let t = record_below(s.top() as usize);
    // SAFETY: the record's slot is at the top of a stack nobody else uses,
    // and the frame below it is 64-byte aligned.
    unsafe {
        t.write(Thread::new(p, Some(s), Some(entry), arg));
        (*t).ctx = arch::init_frame(t.cast(), start, t.cast());
        (*t).san = sanitizer::fiber_for_thread();
        (*t).grp.store(grp, Ordering::Relaxed);
        (*p).nthreads += 1;
        (*p).registry.add(t);
        crate::debug!(Sched, "{who}: thread {} with {} bytes of stack", (*t).id, s.size);
    }
    t
}

/// A record for the OS thread that called the library first in proc `p`.
pub fn adopt(p: *mut Proc) -> *mut Thread {
    let t = Box::into_raw(Box::new(Thread::new(p, None, None, ptr::null_mut())));
    // SAFETY: the record is fresh.
    unsafe {
        (*t).set_state(State::Running);
        (*t).san = sanitizer::os_thread_fiber();
    }
    t
}

/// The first frame of every created thread.
unsafe extern "C" fn start(t: *mut u8) -> ! {
    let t = t.cast::<Thread>();
    // SAFETY: t is the running thread's record.
    unsafe {
        sanitizer::after_switch(&ptr::null_mut());
        if let Some(s) = (*t).stack {
            sanitizer::thread_started(s.base);
        }
        let entry = (*t).entry.expect("created threads have an entry");
        entry((*t).arg);
    }
    sched::exit(false)
}

/// The bounds of the stack `t` runs on, for the sanitizer.
///
/// # Safety
/// `t` is a valid thread.
pub unsafe fn stack_bounds(t: *mut Thread) -> (*const u8, usize) {
    // SAFETY: per the contract.
    match unsafe { (*t).stack } {
        Some(s) => (s.base, s.size),
        // SAFETY: an adopted thread runs on its proc's OS thread stack.
        None => unsafe { (*(*t).proc).os_stack },
    }
}

/// Frees the parts of an exited thread that live off its stack, and returns
/// its stack.
///
/// # Safety
/// `t` has exited and nothing refers to it any more.
pub unsafe fn release(t: *mut Thread) -> Option<Stack> {
    // SAFETY: per the contract, t is ours to tear down.
    unsafe {
        libc::free((*t).name.cast());
        libc::free((*t).state_str.cast());
        libc::free((*t).note_jmpbuf);
        (*t).stack
    }
}

/// Replaces the current thread's name with a copy of `name`.
///
/// # Safety
/// `name` is null or a NUL-terminated string.
pub unsafe fn set_name(name: *const c_char) {
    // SAFETY: per the contract.
    unsafe {
        let t = replace_own_string(|t| &raw mut (*t).name, name);
        sanitizer::name_fiber((*t).san, (*t).name);
    }
}

/// Replaces the calling thread's state string (threadsetstate) with a copy
/// of `state`; nil removes it.
///
/// # Safety
/// `state` is nil or a NUL-terminated string.
pub unsafe fn set_state_string(state: *const c_char) {
    // SAFETY: per the contract.
    unsafe { replace_own_string(|t| &raw mut (*t).state_str, state) };
}

/// Replaces one of the calling thread's strings, the one `field` points
/// to, with a copy of `s` (nil: none). Debugging output reads the strings
/// of every thread from other procs, under the registry lock: they are
/// replaced under it, and the old one freed after. Returns the thread.
///
/// # Safety
/// `s` is nil or a NUL-terminated string.
unsafe fn replace_own_string(field: fn(*mut Thread) -> *mut *mut c_char, s: *const c_char) -> *mut Thread {
    let t = proc::current_thread();
    // SAFETY: the strings are the thread's own; strdup copies a valid string.
    unsafe {
        let new = if s.is_null() { ptr::null_mut() } else { libc::strdup(s) };
        let old = (*(*t).proc).registry.locked(|| core::mem::replace(&mut *field(t), new));
        libc::free(old.cast());
    }
    t
}

/// Appends " (in thread N name)" for messages about the calling thread.
pub fn describe_current(m: &mut MsgBuf) {
    let p = proc::current_or_null();
    if p.is_null() {
        return;
    }
    // SAFETY: a proc's current thread is valid while it runs.
    let t = unsafe { (*p).current };
    if t.is_null() {
        return;
    }
    // SAFETY: as above.
    let t = unsafe { &*t };
    let _ = write!(m, " (in thread {}", t.id);
    if !t.name.is_null() {
        let _ = m.write_str(" ");
        m.write_text(t.name_bytes());
    }
    let _ = m.write_str(")");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adopted_threads_take_ids_again_once_the_first_pass_is_over() {
        // No other test of this binary starts the runtime.
        PROGRAM_IDS.end_first_pass();
        let ids: Vec<c_int> = (0..3).map(|_| std::thread::spawn(|| crate::ffi::threadid()).join().unwrap()).collect();
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn a_record_leads_back_to_its_stack() {
        for span in 0..2 * COLORS {
            let top = (1usize << 40) + span * COLOR_SPAN;
            let t = record_below(top);
            assert_eq!(t as usize % LINE, 0);
            assert!(t as usize + RECORD <= top);
            assert!(top - t as usize <= RECORD + (COLORS - 1) * LINE);
            assert_eq!(stack_top_above(t), top);
        }
    }

    #[test]
    fn consecutive_stacks_spread_over_the_colours() {
        for class in 0..6 {
            let stride = (stack::CLASS0 << class) + stack::GUARD;
            let mut count = [0; COLORS];
            for i in 0..COLORS * 16 {
                let top = (1usize << 40) + i * stride;
                count[(top - RECORD - record_below(top) as usize) / LINE] += 1;
            }
            assert!(count.iter().all(|&n| (8..=32).contains(&n)), "class {class}: {count:?}");
        }
    }
}
