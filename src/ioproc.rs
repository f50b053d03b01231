//! Ioprocs (ioproc(2)): slave procs that make blocking calls for threads,
//! so that the other threads of the caller's proc keep running meanwhile.
//!
//! An I/O proc is a proc of one thread that loops: receive a call, run it,
//! reply. The calling thread hands it a pointer to a [`Call`] on its own
//! stack over `requests` and blocks, as a thread, on `replies`; the call's
//! closure, its result and errno stay valid because the caller waits. A
//! no-op round trip is two cross-proc hand-offs.
//!
//! Interrupts (iointerrupt): a call is in progress from iocall's entry
//! until the I/O proc has finished running it. Its [`Phase`] says where it
//! is. An interrupt that comes before the I/O proc starts the operation
//! marks the call, and the I/O proc then fails it with EINTR without
//! running it; one that comes while the operation runs arms the I/O proc's
//! interrupt timer (sys::interrupt), which signals its OS thread at once
//! and then every millisecond until the operation returns. So an interrupt
//! landing just before the operation's system call starts is not lost: the
//! next signal interrupts the call. An interrupt of an idle Ioproc does
//! nothing, as the man page says.
//!
//! Locking and ownership rules:
//! - `holder` says who has the Ioproc: nobody, one thread making a call,
//!   or closeioproc. A call takes it with a compare-and-swap, and a second
//!   taker is a programming error. closeioproc takes it from a call in
//!   progress: it marks it [`CLOSING`], interrupts the call, and waits on
//!   `released`, on which the caller hands it over once the call is over.
//! - `lock` guards `timer` and changes of `phase`. It is held for a few
//!   instructions and at most one timer system call, never across a
//!   channel operation or a context switch; nothing else is taken under it.
//!   `phase` may be read without it: iointerrupt does so to return at once
//!   when there is nothing to interrupt, so that a storm of interrupts does
//!   not starve the call of the lock.
//! - The I/O proc touches a Call only between receiving it and sending the
//!   reply: the caller may return, and its stack move on, at once after.
//! - closeioproc frees the Ioproc only after the I/O proc's OS thread has
//!   ended, so nothing of the I/O proc can touch it afterwards.

pub mod dial;
pub mod ops;

use core::cell::UnsafeCell;
use core::ffi::{c_int, c_long, c_void};
use core::mem::size_of;
use core::ptr;

use crate::channel::{self, Channel};
use crate::sync::{AtomicI32, AtomicU32, InternalLock, Ordering};
use crate::sys::interrupt::{self, Timer};
use crate::{alt, deadlock, die, kill, proc, sys};

const MAGIC_LIVE: u32 = 0x696f_7072; // "iopr"
const MAGIC_FREED: u32 = 0x6465_6164; // "dead"

/// The I/O proc's stack: generous, because operations run on it and
/// getaddrinfo alone can use tens of KiB. Mapped lazily.
const IO_STACK: usize = 256 * 1024;

/// `holder`: nobody holds the Ioproc.
const FREE: u32 = 0;
/// `holder`: a thread makes a call.
const CALLING: u32 = 1;
/// `holder`: closeioproc, which may still wait for a call to end.
const CLOSING: u32 = 2;

/// Where the current call is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
enum Phase {
    /// No call in progress.
    Idle,
    /// Sent to the I/O proc, operation not started.
    Waiting,
    /// Interrupted before the operation started: it will not run.
    Cancelled,
    /// The operation runs in the I/O proc.
    Running,
    /// The operation runs, and the interrupt timer is armed.
    Signalled,
}

/// An Ioproc, as programs see it: an opaque pointer.
pub struct Ioproc {
    /// MAGIC_LIVE, or MAGIC_FREED once closed (to catch closeioproc twice).
    magic: u32,
    /// Calls for the I/O proc: pointers to a Call; nil asks it to exit.
    requests: *mut Channel,
    /// One word per finished call, and one when the I/O proc exits.
    replies: *mut Channel,
    /// [`FREE`], [`CALLING`] or [`CLOSING`].
    holder: AtomicU32,
    /// A word from the caller, when closeioproc waits for its call to end.
    released: *mut Channel,
    /// Guards `timer` and changes of `phase`.
    lock: InternalLock,
    /// A Phase.
    phase: AtomicU32,
    /// Signals the I/O proc's OS thread; made by the first interrupt that
    /// needs it.
    timer: UnsafeCell<Option<Timer>>,
    /// Kernel id of the I/O proc's OS thread, set when it starts.
    tid: AtomicI32,
    /// The I/O proc's OS thread, joined by closeioproc.
    os_thread: UnsafeCell<Option<sys::OsThread>>,
}

// malloc reuses the first 16 bytes of a freed block; `magic` must survive
// the free.
const _: () = assert!(core::mem::offset_of!(Ioproc, magic) >= 16);

/// One call, on the calling thread's stack.
struct Call<'a> {
    /// The operation, run in the I/O proc.
    op: &'a mut dyn FnMut() -> c_long,
    /// What the operation returned.
    result: c_long,
    /// errno: the caller's on the way in, the operation's on the way out.
    errno: c_int,
}

/// Creates an Ioproc and its I/O proc.
pub fn create() -> *mut Ioproc {
    interrupt::install_handler();
    let io = Box::into_raw(Box::new(Ioproc {
        magic: MAGIC_LIVE,
        requests: channel::create(size_of::<usize>() as c_int, 1),
        replies: channel::create(size_of::<usize>() as c_int, 1),
        holder: AtomicU32::new(FREE),
        released: channel::create(size_of::<usize>() as c_int, 1),
        lock: InternalLock::new(),
        phase: AtomicU32::new(Phase::Idle as u32),
        timer: UnsafeCell::new(None),
        tid: AtomicI32::new(0),
        os_thread: UnsafeCell::new(None),
    }));
    let (_, os_thread) = proc::create_joinable(io_main, io.cast(), IO_STACK, "ioproc");
    // SAFETY: the I/O proc never touches os_thread; only closeioproc does.
    unsafe { *(*io).os_thread.get() = Some(os_thread) };
    io
}

/// The Ioproc behind a program's pointer; aborts on nil or a closed one.
///
/// # Safety
/// `io` is nil or came from [`create`] (closed ones are caught while their
/// memory has not been reused).
pub unsafe fn checked<'a>(io: *mut Ioproc, who: &str) -> &'a Ioproc {
    if io.is_null() {
        die!("{who}: nil Ioproc");
    }
    // SAFETY: per the contract.
    let io = unsafe { &*io };
    match io.magic {
        MAGIC_LIVE => io,
        MAGIC_FREED => die!("{who}: Ioproc {:p} was closed", io),
        m => die!("{who}: {:p} is not an Ioproc (magic {m:#x})", io),
    }
}

impl Ioproc {
    /// Runs `op` in the I/O proc while the calling thread waits; returns
    /// its result and takes on its errno. `who` names the caller in messages.
    pub fn call(&self, who: &str, op: &mut dyn FnMut() -> c_long) -> c_long {
        self.call_undoing(who, op, |_| {})
    }

    /// [`Ioproc::call`] for an operation whose result is a new descriptor
    /// (ioopen, iodial, iorecvfd): a caller killed during the call never
    /// sees it, so it is closed here rather than left open for good.
    pub fn call_for_fd(&self, who: &str, op: &mut dyn FnMut() -> c_long) -> c_long {
        self.call_undoing(who, op, |fd| {
            if fd >= 0 {
                // SAFETY: the descriptor is the call's own, seen by nobody.
                unsafe { libc::close(fd as c_int) };
            }
        })
    }

    /// [`Ioproc::call`], passing the result to `undo` when the caller was
    /// killed during the call and will not return to see it. A thread
    /// killed before the call ends without making it.
    fn call_undoing(&self, who: &str, op: &mut dyn FnMut() -> c_long, undo: impl FnOnce(c_long)) -> c_long {
        let me = proc::current_thread();
        // SAFETY: the running thread.
        unsafe { kill::exit_if_killed(me) };
        self.take(who);
        // A closeioproc that took over before this lock found no call to
        // interrupt: the call is interrupted here.
        self.with_lock(|_| {
            let closing = self.holder.load(Ordering::Relaxed) == CLOSING;
            self.set_phase(if closing { Phase::Cancelled } else { Phase::Waiting });
        });
        let mut call = Call { op, result: -1, errno: sys::errno() };
        self.exchange((&raw mut call) as usize);
        self.release();
        // SAFETY: the running thread.
        if unsafe { (*me).dying() } {
            undo(call.result);
            // SAFETY: as above; killed during the call.
            unsafe { kill::exit_if_killed(me) };
        }
        sys::set_errno(call.errno);
        call.result
    }

    /// Interrupts the call in progress, if any (see the module comment).
    pub fn interrupt(&self) {
        if matches!(self.phase(), Phase::Idle | Phase::Cancelled | Phase::Signalled) {
            return;
        }
        self.interrupt_locked();
    }

    /// [`Ioproc::interrupt`], deciding under the lock alone.
    fn interrupt_locked(&self) {
        self.with_lock(|timer| match self.phase() {
            Phase::Waiting => self.set_phase(Phase::Cancelled),
            Phase::Running => {
                // Signalled first: the timer's first signal goes out at
                // once, and the I/O proc it wakes must see the phase.
                self.set_phase(Phase::Signalled);
                self.timer_of(timer).arm();
            }
            Phase::Idle | Phase::Cancelled | Phase::Signalled => {}
        });
    }

    /// Whether iointerrupt has signalled the operation running in the I/O
    /// proc (which a signal from elsewhere may also have cut short).
    pub fn interrupted(&self) -> bool {
        self.phase() == Phase::Signalled
    }

    /// Ends the I/O proc, waits for its OS thread to end, and frees the
    /// Ioproc. A call in progress is interrupted, and the Ioproc closed
    /// once the calling thread has it back.
    ///
    /// # Safety
    /// `io` came from [`create`]; nobody uses it afterwards.
    pub unsafe fn close(io: *mut Ioproc) {
        // SAFETY: per the contract.
        let this = unsafe { &mut *io };
        this.take_for_close();
        this.exchange(0);
        if let Some(t) = this.os_thread.get_mut().take() {
            sys::join_os_thread(t);
        }
        channel::free(this.requests);
        channel::free(this.replies);
        channel::free(this.released);
        *this.timer.get_mut() = None;
        // Volatile: a plain store just before the free would be left out.
        // SAFETY: a field of the live Ioproc.
        unsafe { ptr::write_volatile(&raw mut this.magic, MAGIC_FREED) };
        // SAFETY: the I/O proc has ended; the box is ours again. Its memory
        // keeps MAGIC_FREED until reused, which catches most closes and
        // calls on a closed Ioproc.
        drop(unsafe { Box::from_raw(io) });
    }

    fn phase(&self) -> Phase {
        match self.phase.load(Ordering::Acquire) {
            0 => Phase::Idle,
            1 => Phase::Waiting,
            2 => Phase::Cancelled,
            3 => Phase::Running,
            _ => Phase::Signalled,
        }
    }

    /// Called with the lock held.
    fn set_phase(&self, p: Phase) {
        self.phase.store(p as u32, Ordering::Release);
    }

    fn take(&self, who: &str) {
        match self.holder.compare_exchange(FREE, CALLING, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => {}
            Err(CLOSING) => die!("{who}: Ioproc {:p} is being closed", self),
            Err(_) => die!("{who}: two calls at once on Ioproc {:p}", self),
        }
    }

    /// Ends a call: frees the Ioproc, or hands it to a closeioproc that
    /// waits for it (even when the caller was killed meanwhile, so the
    /// send defers kills).
    fn release(&self) {
        if self.holder.compare_exchange(CALLING, FREE, Ordering::Release, Ordering::Relaxed).is_err() {
            let _kill = kill::Deferred::new();
            send_word(self.released, 1);
        }
    }

    /// Takes the Ioproc for closeioproc: at once when it is free; from a
    /// call in progress by interrupting the call and waiting, as a thread,
    /// until the caller has it back. Kills wait meanwhile, as in
    /// [`Ioproc::exchange`].
    fn take_for_close(&self) {
        loop {
            match self.holder.compare_exchange(FREE, CLOSING, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return,
                Err(CLOSING) => die!("closeioproc: Ioproc {:p} closed twice", self),
                Err(_) => {}
            }
            if self.holder.compare_exchange(CALLING, CLOSING, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                break;
            }
        }
        let _kill = kill::Deferred::new();
        self.interrupt_locked();
        while alt::recv_word(self.released, true, "closeioproc").0 != 1 {}
    }

    /// Hands the I/O proc a request, a Call or 0 to end, and waits, as a
    /// thread, for its reply. Kills wait meanwhile: a thread killed as it
    /// sends (a scheduling point) would leave the Ioproc taken for good,
    /// and one killed while it waits would free the stack the I/O proc
    /// uses. If the waiting thread is interrupted, it waits on. A kill takes
    /// effect once the call is over (see [`Ioproc::call`]).
    fn exchange(&self, request: usize) {
        let _kill = kill::Deferred::new();
        // Only the I/O proc, a service proc that deadlock detection does
        // not watch, can end this wait.
        let _hold = deadlock::Hold::new();
        send_word(self.requests, request);
        while alt::recv_word(self.replies, true, "iocall").0 != 1 {}
    }

    fn with_lock<R>(&self, f: impl FnOnce(&mut Option<Timer>) -> R) -> R {
        self.lock.lock();
        // SAFETY: the lock is held, which gives us the timer.
        let r = unsafe { f(&mut *self.timer.get()) };
        // SAFETY: we hold the lock.
        unsafe { self.lock.unlock() };
        r
    }

    /// The interrupt timer, made now if need be. Called with the lock
    /// held and the I/O proc running an operation, so `tid` is set.
    fn timer_of<'t>(&self, timer: &'t mut Option<Timer>) -> &'t Timer {
        if timer.is_none() {
            let tid = self.tid.load(Ordering::Acquire);
            match Timer::new(tid) {
                Ok(t) => *timer = Some(t),
                Err(e) => die!("iointerrupt: cannot create a timer for Ioproc {:p}: {}", self, crate::fatal::Errno(e)),
            }
        }
        timer.as_ref().expect("made above")
    }

    /// In the I/O proc: whether to run the operation of the call just
    /// received (false when it was interrupted first).
    fn begin(&self) -> bool {
        self.with_lock(|_| {
            if self.phase() == Phase::Cancelled {
                return false;
            }
            self.set_phase(Phase::Running);
            true
        })
    }

    /// In the I/O proc, once the operation has returned: stops the
    /// interrupt signals, and has the last of them delivered here, now.
    fn end(&self) {
        self.with_lock(|timer| {
            if self.phase() == Phase::Signalled {
                timer.as_ref().expect("armed").disarm();
            }
            self.set_phase(Phase::Idle);
        });
    }
}

/// Hands `w` to the other side of an Ioproc's channel `c`.
fn send_word(c: *mut Channel, w: usize) {
    if alt::send_word(c, w, true, "iocall") != 1 {
        die!("iocall: cannot hand a call to the I/O proc");
    }
}

/// The I/O proc's one thread.
unsafe extern "C" fn io_main(arg: *mut c_void) {
    // SAFETY: arg is the Ioproc, which outlives this proc.
    let io = unsafe { &*arg.cast::<Ioproc>() };
    io.tid.store(sys::gettid(), Ordering::Release);
    interrupt::unblock();
    // SAFETY: the name is a NUL-terminated string.
    unsafe { crate::thread::set_name(c"ioproc".as_ptr()) };
    loop {
        let call = loop {
            if let (1, w) = alt::recv_word(io.requests, true, "ioproc") {
                break w as *mut Call;
            }
        };
        if call.is_null() {
            break;
        }
        // SAFETY: the caller waits for our reply, so the call is alive.
        unsafe { run(io, &mut *call) };
        send_word(io.replies, 1);
    }
    send_word(io.replies, 0);
}

/// Runs one call in the I/O proc, with the caller's errno in, and the
/// operation's errno out.
fn run(io: &Ioproc, call: &mut Call) {
    sys::set_errno(call.errno);
    call.result = if io.begin() {
        (call.op)()
    } else {
        sys::set_errno(libc::EINTR);
        -1
    };
    call.errno = sys::errno();
    io.end();
}
