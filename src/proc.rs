//! Procs: OS threads, each running its threads as coroutines from a run
//! queue of its own.
//!
//! Locking and ownership rules:
//! - A proc's run queue, its `current` thread, its stack cache and its
//!   counters are touched only by the proc's own OS thread.
//! - Other procs hand a proc work only through its inbox, a lock-free stack
//!   of threads, and then unpark it (see [`Proc::ready_remote`]); and ask it
//!   to interrupt its threads through a second such stack (kill.rs), which
//!   it carries out between threads.
//! - A proc's registry of threads has its own lock (registry.rs).
//! - Proc records are never freed: a proc that ends goes back to a free
//!   list and is reused. A waker may touch a proc just after the thread it
//!   readied has run and the proc has ended; that must stay harmless.
//! - Threads of a proc are created only by the proc itself (or, for a new
//!   proc, by its creator before its OS thread starts).

use core::cell::Cell;
use core::ffi::{c_int, c_void};
use core::ptr;

use crate::stack::StackCache;
use crate::sync::{self, AtomicBool, AtomicI32, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Mutex, Once, Ordering, Parker};
use crate::registry::Registry;
use crate::sched::Lookahead;
use crate::thread::{self, State, Thread, ThreadFn};
use crate::{alt, arch, deadlock, debug, die, fatal, note, sanitizer, sched, signal, sys};

/// How a proc came to be, which decides what happens when it runs out of threads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The program's main OS thread, running threadmain.
    Main,
    /// Made by proccreate.
    Spawned,
    /// A foreign OS thread that called the library.
    Adopted,
    /// Made by the library for its own work (reaping children, delivering
    /// notes): it does not keep the program alive.
    Service,
}

/// A FIFO of threads linked through `Thread::next`: a proc's run queue, and
/// the wait lists of lib9's locks (lib9.rs), whose layout it shares. `tail`
/// means something only while `head` is not nil: taking the last thread
/// leaves it stale, which spares every switch in a proc of two threads a
/// store.
#[repr(C)]
pub struct RunQueue {
    head: *mut Thread,
    tail: *mut Thread,
}

impl RunQueue {
    pub const fn new() -> RunQueue {
        RunQueue { head: ptr::null_mut(), tail: ptr::null_mut() }
    }

    /// Empties the queue and returns its threads, linked through `next`.
    pub fn take_all(&mut self) -> *mut Thread {
        self.tail = ptr::null_mut();
        core::mem::replace(&mut self.head, ptr::null_mut())
    }

    /// # Safety
    /// `t` is valid and in no other queue.
    #[inline]
    pub unsafe fn push(&mut self, t: *mut Thread) {
        // SAFETY: t and the queue's threads are valid per the contract.
        unsafe {
            (*t).next = ptr::null_mut();
            if self.head.is_null() {
                self.head = t;
            } else {
                (*self.tail).next = t;
            }
        }
        self.tail = t;
    }

    #[inline]
    pub fn pop(&mut self) -> *mut Thread {
        let t = self.head;
        if !t.is_null() {
            // SAFETY: queued threads are valid.
            self.head = unsafe { (*t).next };
        }
        t
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_null()
    }
}

pub struct Proc {
    /// The running thread; null while the proc is between threads.
    pub current: *mut Thread,
    /// Threads ready to run, in order.
    pub runq: RunQueue,
    /// Threads other procs readied, newest first.
    inbox: AtomicPtr<Thread>,
    /// Threads of this proc to interrupt, newest first (kill.rs).
    interrupts: AtomicPtr<Thread>,
    /// This proc's threads, for lookups by id or group.
    pub registry: Registry,
    /// Where an idle proc sleeps.
    parker: Parker,
    /// Threads alive in this proc.
    pub nthreads: usize,
    /// The OS thread's own context, resumed when the proc has no threads left.
    pub base: *mut u8,
    /// A thread that exited and whose stack the next thread frees.
    pub dead: *mut Thread,
    /// Free stacks for this proc's next threads.
    pub stacks: StackCache,
    /// State of the random generator alt uses to choose among ready entries.
    rng: Cell<u64>,
    /// Scratch list of alt's entry indices (alt::probe), kept to spare
    /// every large alt an allocation.
    pub alt_order: Vec<u32>,
    /// The per-proc pointer of procdata().
    pub data: *mut c_void,
    /// This OS thread's errno.
    pub errno_loc: *mut c_int,
    /// Context switches so far; threadyield reports how many it saw.
    pub nswitch: u64,
    /// Predicts which threads the proc will ready next (sched.rs).
    pub lookahead: Lookahead,
    pub kind: Kind,
    /// Set while the proc is idle, for deadlock detection.
    idle: AtomicBool,
    /// Until this time (sys::now_ns), an idle proc sleeps after its short
    /// spin instead of yielding the CPU: the machine looked saturated
    /// (spin_for_mail).
    no_yield_before: u64,
    /// How long the last such period was, in nanoseconds; 0 when the proc
    /// has yielded without losing the CPU since.
    saturated_ns: u64,
    /// Kernel thread id, for debugging output, threadpid and threadint's
    /// signal; 0 until the proc's OS thread has started, which may be
    /// after its threads can be looked up.
    pub tid: AtomicI32,
    /// Set while a threadint signal sent to the OS thread is on its way:
    /// one pending signal interrupts a system call as well as many, and a
    /// program interrupting a busy proc in a loop must not fill the
    /// process's queue of real-time signals (see kill::request).
    int_signal_pending: AtomicBool,
    /// Names the proc to the BiasedLocks biased towards it: nonzero, and
    /// the same for the life of the record (a reused record keeps it).
    pub lock_id: u32,
    /// The OS thread's own stack, for the sanitizer.
    pub os_stack: (*const u8, usize),
    /// The alternate signal stack the library mapped for the OS thread;
    /// null when the thread came with one (see signal::setup_os_thread).
    alt_stack: *mut u8,
    /// AddressSanitizer's state of the OS thread's own stack while it
    /// waits; or ThreadSanitizer's fiber of the OS thread.
    pub base_san: *mut c_void,
    /// rfork flags the proc applies to itself when it starts.
    rfork: c_int,
    /// The creator's signal mask, which a new proc's OS thread takes on once
    /// it is ready to handle signals.
    sigmask: libc::sigset_t,
}

extern "C" {
    /// Sets the calling OS thread's proc, a C thread-local for its cheaper
    /// TLS model (csrc/tls.c); arch::current_proc reads it.
    fn p9thread_setproc(p: *mut c_void);
}

/// Procs that are alive; in a program started by threadmain, the process
/// exits when this drops to zero.
static LIVE_PROCS: AtomicUsize = AtomicUsize::new(0);

/// Whether the library's main started the program. Otherwise the program
/// has its own main, which decides when the process ends.
static STARTED_BY_THREADMAIN: AtomicBool = AtomicBool::new(false);

/// How long an idle proc waits for work before it sleeps, in nanoseconds:
/// LIBTHREAD_SPIN microseconds, 50 by default.
static IDLE_WAIT_NS: AtomicU64 = AtomicU64::new(50_000);

/// Whether idle procs cut their wait short on a saturated machine
/// (Proc::spin_for_mail): by default, but not when LIBTHREAD_SPIN says
/// how long to wait.
static ADAPT_IDLE_WAIT: AtomicBool = AtomicBool::new(true);

/// The CPUs the process may run on, as the kernel reported when a proc
/// first judged a yield (others_took_cpu); 0 until then.
static CPUS: AtomicU64 = AtomicU64::new(0);

/// Reads LIBTHREAD_SPIN; called once at start-up.
fn init_idle_wait() {
    let Ok(v) = std::env::var("LIBTHREAD_SPIN") else { return };
    match v.trim().parse::<u64>() {
        Ok(us) if us <= 1_000_000 => {
            IDLE_WAIT_NS.store(us * 1000, Ordering::Relaxed);
            ADAPT_IDLE_WAIT.store(false, Ordering::Relaxed);
        }
        _ => sys::write_stderr(format!("thread: LIBTHREAD_SPIN: want microseconds from 0 to 1000000, not {v:?}\n").as_bytes()),
    }
}

/// Every proc record ever made, for reuse and for debugging output.
static ALL_PROCS: Mutex<Vec<usize>> = Mutex::new(Vec::new());
static FREE_PROCS: Mutex<Vec<usize>> = Mutex::new(Vec::new());

/// The proc of the calling OS thread, adopting it on its first call.
#[inline]
pub fn current() -> *mut Proc {
    let p = arch::current_proc().cast::<Proc>();
    if p.is_null() { adopt() } else { p }
}

/// The proc of the calling OS thread, or null; never adopts. Safe to call
/// from a signal handler.
#[inline]
pub fn current_or_null() -> *mut Proc {
    arch::current_proc().cast()
}

/// Dies, naming `who`, when the calling thread runs in one of the
/// library's service procs: the program's code runs there in note handlers
/// and in iocall's functions, and a thread created there, or ending there,
/// would be the library's.
pub fn refuse_in_service_proc(who: &str) {
    // SAFETY: the calling proc's kind is fixed for its life.
    if unsafe { (*current()).kind } == Kind::Service {
        die!("{who}: called in a note handler or an iocall function, which run in a proc of the library's");
    }
}

/// The lock id of proc `p` (see BiasedLock). For null, an OS thread that
/// has no proc, an id no lock is biased towards, so that such a thread
/// always takes a lock's spin lock: not 0, which a shared lock's owner is.
/// `p` is null or a proc record, and proc records are never freed.
#[inline]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn lock_id(p: *mut Proc) -> u32 {
    // SAFETY: proc records are never freed.
    if p.is_null() { u32::MAX } else { unsafe { (*p).lock_id } }
}

/// The running thread, adopting the calling OS thread if need be.
#[inline]
pub fn current_thread() -> *mut Thread {
    // SAFETY: a proc always has a current thread while one of its threads
    // runs library code.
    unsafe { (*current()).current }
}

impl Proc {
    fn new(kind: Kind) -> *mut Proc {
        let fresh = Proc {
            current: ptr::null_mut(),
            runq: RunQueue::new(),
            inbox: AtomicPtr::new(ptr::null_mut()),
            interrupts: AtomicPtr::new(ptr::null_mut()),
            registry: Registry::new(ptr::null_mut()),
            parker: Parker::new(),
            nthreads: 0,
            base: ptr::null_mut(),
            dead: ptr::null_mut(),
            stacks: StackCache::new(),
            rng: Cell::new(0),
            alt_order: Vec::new(),
            data: ptr::null_mut(),
            errno_loc: ptr::null_mut(),
            nswitch: 0,
            lookahead: Lookahead::new(),
            kind,
            idle: AtomicBool::new(false),
            no_yield_before: 0,
            saturated_ns: 0,
            tid: AtomicI32::new(0),
            int_signal_pending: AtomicBool::new(false),
            lock_id: 0,
            os_stack: (ptr::null(), 0),
            alt_stack: ptr::null_mut(),
            rfork: 0,
            base_san: ptr::null_mut(),
            // SAFETY: an all-zero sigset_t is a valid (empty) set.
            sigmask: unsafe { core::mem::zeroed() },
        };
        let reused = FREE_PROCS.lock().pop();
        let p = match reused {
            // SAFETY: a free proc record is unused; its inbox is empty and
            // only a late unpark can touch its parker, which is harmless. Its
            // registry is empty and closed, and its lock may be held by a
            // late lookup: the registry is kept as it is, not a byte of it
            // written, so the other fields are reset one by one. Its stack
            // cache and alt's scratch list are kept too, not leaked.
            Some(addr) => unsafe {
                let p = addr as *mut Proc;
                // Naming every field makes a new one a compile error here
                // until it is reset or kept.
                let Proc {
                    current,
                    runq,
                    inbox,
                    interrupts,
                    registry: _,
                    parker,
                    nthreads,
                    base,
                    dead,
                    stacks: _,
                    rng,
                    alt_order: _,
                    data,
                    errno_loc,
                    nswitch,
                    lookahead,
                    kind,
                    idle,
                    no_yield_before,
                    saturated_ns,
                    tid,
                    int_signal_pending,
                    lock_id: _,
                    os_stack,
                    alt_stack,
                    base_san,
                    rfork,
                    sigmask,
                } = fresh;
                ptr::write(&raw mut (*p).current, current);
                ptr::write(&raw mut (*p).runq, runq);
                ptr::write(&raw mut (*p).inbox, inbox);
                ptr::write(&raw mut (*p).interrupts, interrupts);
                ptr::write(&raw mut (*p).parker, parker);
                ptr::write(&raw mut (*p).nthreads, nthreads);
                ptr::write(&raw mut (*p).base, base);
                ptr::write(&raw mut (*p).dead, dead);
                ptr::write(&raw mut (*p).rng, rng);
                ptr::write(&raw mut (*p).data, data);
                ptr::write(&raw mut (*p).errno_loc, errno_loc);
                ptr::write(&raw mut (*p).nswitch, nswitch);
                ptr::write(&raw mut (*p).lookahead, lookahead);
                ptr::write(&raw mut (*p).kind, kind);
                ptr::write(&raw mut (*p).idle, idle);
                ptr::write(&raw mut (*p).no_yield_before, no_yield_before);
                ptr::write(&raw mut (*p).saturated_ns, saturated_ns);
                ptr::write(&raw mut (*p).tid, tid);
                ptr::write(&raw mut (*p).int_signal_pending, int_signal_pending);
                ptr::write(&raw mut (*p).os_stack, os_stack);
                ptr::write(&raw mut (*p).alt_stack, alt_stack);
                ptr::write(&raw mut (*p).base_san, base_san);
                ptr::write(&raw mut (*p).rfork, rfork);
                ptr::write(&raw mut (*p).sigmask, sigmask);
                p
            },
            None => {
                static NEXT_LOCK_ID: AtomicU32 = AtomicU32::new(1);
                let p = Box::into_raw(Box::new(Proc { lock_id: NEXT_LOCK_ID.fetch_add(1, Ordering::Relaxed), ..fresh }));
                // SAFETY: p is fresh; the placeholder registry has no drop.
                unsafe { ptr::write(&mut (*p).registry, Registry::new(p)) };
                ALL_PROCS.lock().push(p as usize);
                p
            }
        };
        // SAFETY: p is ours.
        unsafe { (*p).rng.set(seed(p)) };
        p
    }

    /// Binds the calling OS thread to this proc, and unblocks the threadint
    /// signal there, whatever mask the thread came with: threadint must be
    /// able to break a system call of any proc.
    fn enter(&mut self) {
        sys::unblock_signal(signal::threadint_signal());
        // A reused record, its stack cache and vectors among it, comes from
        // an ended proc, which released it.
        sanitizer::acquire(self);
        self.errno_loc = sys::errno_location();
        self.tid.store(sys::gettid(), Ordering::Release);
        self.os_stack = sanitizer::os_thread_stack();
        self.alt_stack = signal::setup_os_thread();
        // SAFETY: writes a thread-local pointer.
        unsafe { p9thread_setproc((self as *mut Proc).cast()) };
    }

    /// Makes `t`, one of this proc's threads, runnable; called from another proc.
    ///
    /// # Safety
    /// `t` is blocked, and the caller won the right to ready it.
    pub unsafe fn ready_remote(&self, t: *mut Thread) {
        // SAFETY: t is blocked, and its `next` the caller's until published.
        unsafe { self.post(&self.inbox, t, &raw mut (*t).next) };
    }

    /// Starts fetching the inbox, for a proc about to ready one of our
    /// threads: the fetch overlaps the completer's claim of the thread.
    #[inline(always)]
    pub fn prefetch_inbox(&self) {
        arch::prefetch_write(self.inbox.as_ptr().cast_const().cast());
    }

    /// Queues `t`, one of this proc's threads, to be interrupted; called
    /// from any proc.
    ///
    /// # Safety
    /// The caller holds this proc's registry lock (so `t` cannot exit) and
    /// set `t`'s int_pending flag.
    pub unsafe fn post_interrupt(&self, t: *mut Thread) {
        // SAFETY: the caller holds our registry lock, so t is valid; its
        // int_next is ours since its int_pending flag was set by the caller.
        unsafe { self.post(&self.interrupts, t, &raw mut (*t).int_next) };
    }

    /// Sends the threadint signal to this proc's OS thread, unless one is
    /// already on its way there.
    pub fn signal_interrupt(&self) {
        let tid = self.tid.load(Ordering::Acquire);
        // An OS thread not yet started is in no system call.
        if tid != 0 && !self.int_signal_pending.swap(true, Ordering::AcqRel) {
            signal::interrupt_os_thread(tid);
        }
    }

    /// Called by the threadint signal's handler, in this proc's OS thread:
    /// the next interrupt sends a signal again.
    pub fn interrupt_signal_arrived(&self) {
        self.int_signal_pending.store(false, Ordering::Release);
    }

    /// Pushes `t` onto `list`, one of this proc's lists that other procs
    /// add to (newest first), linked through `link`, and wakes the proc.
    ///
    /// # Safety
    /// `link` is `t`'s link for that list, and no one else writes it until
    /// the proc takes `t` off the list.
    #[inline]
    unsafe fn post(&self, list: &AtomicPtr<Thread>, t: *mut Thread, link: *mut *mut Thread) {
        sanitizer::release(list);
        let mut head = list.load(Ordering::Relaxed);
        loop {
            // SAFETY: per the contract.
            unsafe { *link = head };
            match list.compare_exchange_weak(head, t, Ordering::SeqCst, Ordering::Relaxed) {
                Ok(_) => break,
                Err(h) => head = h,
            }
        }
        // From here on t may run, and even exit: touch only the proc. The
        // push was SeqCst, as unpark requires.
        self.parker.unpark();
    }

    /// Carries out the interrupts queued for this proc's threads: a thread
    /// blocked in a channel operation is made ready, its operation failed.
    #[inline]
    pub fn take_interrupts(&mut self) {
        if !self.interrupts.load(Ordering::Relaxed).is_null() {
            self.carry_out_interrupts();
        }
    }

    #[cold]
    fn carry_out_interrupts(&mut self) {
        // AcqRel for the deadlock check, as in drain_inbox.
        let mut t = self.interrupts.swap(ptr::null_mut(), Ordering::AcqRel);
        sanitizer::acquire(&self.interrupts);
        while !t.is_null() {
            // SAFETY: a queued thread is one of ours and has not exited
            // (exit drains this queue after leaving the registry); it is not
            // running, since we are between threads.
            unsafe {
                let next = (*t).int_next;
                // A read-modify-write, not a store: a requester that finds
                // the flag still set leaves the thread to us, so its kill or
                // aim, written before its own swap, must be seen by the
                // loads below (a store could be passed by them).
                (*t).int_pending.swap(false, Ordering::AcqRel);
                let aimed = (*t).killed.load(Ordering::Relaxed) || (*t).interrupt_aimed_here();
                if aimed && (*t).state() == State::Blocked && alt::interrupt_wait(self, t) {
                    crate::debug!(Int, "thread {} interrupted: {}", (*t).id, (*t).waiting_on());
                    (*t).set_state(State::Ready);
                    self.runq.push(t);
                }
                t = next;
            }
        }
    }

    /// Whether deadlock detection waits for this proc: a live proc that
    /// keeps the program alive.
    pub fn counts_for_deadlock(&self) -> bool {
        counts_towards_exit(self.kind) && self.registry.is_open()
    }

    pub fn is_idle(&self) -> bool {
        self.idle.load(Ordering::SeqCst)
    }

    /// Whether another proc handed this one work.
    pub fn has_mail(&self, order: Ordering) -> bool {
        // One test of both words, not two: this runs at every switch.
        (self.inbox.load(order) as usize | self.interrupts.load(order) as usize) != 0
    }

    /// Moves the inbox to the run queue, oldest first. Returns false when
    /// the inbox was empty.
    pub fn drain_inbox(&mut self) -> bool {
        if self.inbox.load(Ordering::Relaxed).is_null() {
            return false;
        }
        // AcqRel, not Acquire: the deadlock check that reads the emptied
        // inbox must also see this proc's earlier leaving of idleness.
        let mut t = self.inbox.swap(ptr::null_mut(), Ordering::AcqRel);
        sanitizer::acquire(&self.inbox);
        let mut reversed: *mut Thread = ptr::null_mut();
        while !t.is_null() {
            // SAFETY: threads in the inbox are blocked and now ours.
            unsafe {
                let next = (*t).next;
                (*t).next = reversed;
                reversed = t;
                t = next;
            }
        }
        while !reversed.is_null() {
            // SAFETY: as above.
            unsafe {
                let next = (*reversed).next;
                self.runq.push(reversed);
                reversed = next;
            }
        }
        true
    }

    /// The next thread to run, waiting for one if there is none. Threads
    /// other procs readied join the run queue's tail first, so that local
    /// threads passing control back and forth cannot starve them.
    #[inline]
    pub fn next_runnable(&mut self) -> *mut Thread {
        let t = self.next_queued();
        if t.is_null() { self.next_runnable_slow() } else { t }
    }

    /// The first thread of the run queue when no other proc has handed
    /// this one work; otherwise null, and [`Proc::next_runnable_slow`]
    /// finds the next thread. A thread that is blocking is never on the
    /// run queue here: only the slow path can return it, when it was
    /// readied meanwhile (and yield, which queues itself, checks first).
    #[inline(always)]
    pub fn next_queued(&mut self) -> *mut Thread {
        if self.has_mail(Ordering::Relaxed) {
            return ptr::null_mut();
        }
        let t = self.runq.pop();
        if !t.is_null() {
            // While `t` runs, bring in what resuming the thread after it
            // will touch first: with many threads ready, each would
            // otherwise start with a few cache misses (prefetching made
            // creating threads while 10,000 are alive 13-25% faster).
            // SAFETY: queued threads are valid.
            let n = unsafe { (*t).next };
            if !n.is_null() {
                arch::prefetch(n.cast());
                // SAFETY: as above.
                arch::prefetch_context(unsafe { (*n).ctx });
            }
        }
        t
    }

    /// The next thread to run when [`Proc::next_queued`] found none:
    /// takes the work other procs handed this one, and waits for some if
    /// there is none. Frees the stack of a thread that exited first, so
    /// that a proc with nothing to do keeps none.
    #[cold]
    pub fn next_runnable_slow(&mut self) -> *mut Thread {
        // SAFETY: this is the calling OS thread's proc.
        unsafe { sched::reap(self) };
        loop {
            self.take_interrupts();
            self.drain_inbox();
            let t = self.runq.pop();
            if !t.is_null() {
                return t;
            }
            if !self.has_mail(Ordering::Relaxed) {
                self.idle();
            }
        }
    }

    /// Waits until another proc hands this one a thread. Cross-proc
    /// hand-offs usually come within microseconds, so it first spins, then
    /// spins yielding the CPU (so that on a machine with more busy OS
    /// threads than cores, the proc it waits for gets to run), and only then
    /// sleeps. LIBTHREAD_SPIN sets how long it waits before sleeping.
    fn idle(&mut self) {
        let wait_ns = IDLE_WAIT_NS.load(Ordering::Relaxed);
        if wait_ns > 0 && self.spin_for_mail(wait_ns) {
            return;
        }
        let errno = sys::errno();
        let counted = counts_towards_exit(self.kind);
        if counted {
            self.idle.store(true, Ordering::SeqCst);
            deadlock::idle_enter();
        }
        self.parker.park(|| self.has_mail(Ordering::SeqCst));
        if counted {
            deadlock::idle_leave();
            self.idle.store(false, Ordering::SeqCst);
        }
        // SAFETY: errno_loc is this OS thread's errno.
        unsafe { *self.errno_loc = errno };
    }

    /// Spins, then spins yielding the CPU, until another proc hands this
    /// one work (true) or `wait_ns` nanoseconds have passed (false).
    ///
    /// When other programs keep every CPU busy, a sched_yield can hand one
    /// of them the CPU for a long while, and work that arrives meanwhile
    /// waits; a sleeping proc would have been woken at once. So unless
    /// LIBTHREAD_SPIN sets the wait, a proc whose yield lost it the CPU for
    /// long, to other programs rather than to its own process's threads,
    /// sleeps; for a while after that it spins only briefly, without
    /// yielding, before it sleeps. The while doubles each time the proc
    /// loses the CPU so, from 1 ms up to 100 ms, and halves each time it
    /// waits yielding without losing it. With two busy loops on two CPUs,
    /// a pipe relay through ioprocs took 1.4 to more than 30 s yielding
    /// always, 0.5 to 1 s adapting (0.25 s on the idle machine). The
    /// process's CPU time lags for threads running on other CPUs, so some
    /// yields to its own procs look lost: a ring over 8 procs on 2 CPUs
    /// runs about 10% slower than yielding always.
    fn spin_for_mail(&mut self, wait_ns: u64) -> bool {
        const SPIN_NS: u64 = 4_000;
        let adapt = ADAPT_IDLE_WAIT.load(Ordering::Relaxed);
        let start = sys::now_ns();
        // When adapting: the time and the process's CPU time just before
        // the last yield.
        let mut before_yield = None;
        loop {
            for _ in 0..64 {
                if self.has_mail(Ordering::Relaxed) {
                    if let Some(before) = before_yield {
                        self.judge_yield(before, sys::now_ns());
                    }
                    return true;
                }
                core::hint::spin_loop();
            }
            let now = sys::now_ns();
            if let Some(before) = before_yield {
                if self.judge_yield(before, now) {
                    return false;
                }
            }
            let waited = now - start;
            if waited > wait_ns || (waited > SPIN_NS && now < self.no_yield_before) {
                return false;
            }
            if waited > SPIN_NS {
                if adapt {
                    before_yield = Some((now, sys::process_cpu_ns()));
                }
                sys::yield_cpu();
            }
        }
    }

    /// Judges a yield made at `before` (time, process CPU time) and over by
    /// `now`: returns whether other programs took the CPU meanwhile, and
    /// lengthens or shortens accordingly the while in which the proc does
    /// not yield.
    fn judge_yield(&mut self, before: (u64, u64), now: u64) -> bool {
        const LOST_CPU_NS: u64 = 10_000;
        const SATURATED_MIN_NS: u64 = 1_000_000;
        const SATURATED_MAX_NS: u64 = 100_000_000;
        let wall = now - before.0;
        if wall > LOST_CPU_NS && others_took_cpu(before.1, wall) {
            self.saturated_ns = (self.saturated_ns * 2).clamp(SATURATED_MIN_NS, SATURATED_MAX_NS);
            self.no_yield_before = now + self.saturated_ns;
            true
        } else {
            self.saturated_ns /= 2;
            false
        }
    }

    /// A random number below `n` (n > 0), for alt's choice among ready entries.
    pub fn random_below(&self, n: u32) -> u32 {
        // xorshift64*
        let mut x = self.rng.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng.set(x);
        let r = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) as u32;
        ((u64::from(r) * u64::from(n)) >> 32) as u32
    }
}

/// Whether, in the `wall` nanoseconds since its CPU time was `cpu`, the
/// process used less than all but three quarters of a CPU of those it may
/// run on: other programs took the rest.
fn others_took_cpu(cpu: u64, wall: u64) -> bool {
    let used = sys::process_cpu_ns().saturating_sub(cpu);
    let mut cpus = CPUS.load(Ordering::Relaxed);
    if cpus == 0 {
        // Looked up only now: it reads cgroup files, work that programs
        // whose procs never lose the CPU so need not do at start-up.
        cpus = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
        CPUS.store(cpus, Ordering::Relaxed);
    }
    4 * used < wall * (4 * cpus - 3)
}

fn seed(p: *mut Proc) -> u64 {
    (sys::now_ns() ^ (p as u64).rotate_left(32)) | 1
}

/// Procs that keep a program started by threadmain alive.
pub fn live_procs() -> usize {
    LIVE_PROCS.load(Ordering::SeqCst)
}

/// Every proc record, live or not (records are never freed).
pub fn all() -> Vec<*mut Proc> {
    ALL_PROCS.lock().iter().map(|&p| p as *mut Proc).collect()
}

/// Process-wide set-up, done by the first proc.
fn init_runtime() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        if sys::page_size() != crate::stack::PAGE {
            die!("this kernel's pages are {} bytes: the library's stacks and their guards are laid out for {}-byte pages", sys::page_size(), crate::stack::PAGE);
        }
        debug::init();
        init_idle_wait();
        signal::init();
        sanitizer::init();
        sync::init_biasing();
        sched::init_hooks();
    });
}

/// Adopts the calling OS thread as a proc whose one thread runs on the
/// caller's own stack, so that programs with their own main, and other
/// languages, can use the library without threadmain.
#[cold]
fn adopt() -> *mut Proc {
    init_runtime();
    deadlock::foreign_thread();
    deadlock::os_thread_started();
    let p = Proc::new(Kind::Adopted);
    let t = thread::adopt(p);
    // SAFETY: p is fresh and becomes this OS thread's proc.
    unsafe {
        (*p).nthreads = 1;
        (*p).current = t;
        (*p).enter();
        (*p).registry.add(t);
        (*p).registry.open();
        libc::pthread_setspecific(adopted_key(), p.cast());
    }
    note::start();
    p
}

/// The key whose destructor runs [`adopted_exit`] when an adopted OS
/// thread ends.
fn adopted_key() -> libc::pthread_key_t {
    static KEY: AtomicU32 = AtomicU32::new(0);
    static MADE: Once = Once::new();
    MADE.call_once(|| {
        let mut key: libc::pthread_key_t = 0;
        // SAFETY: key is a valid place for the new key.
        if unsafe { libc::pthread_key_create(&mut key, Some(adopted_exit)) } != 0 {
            die!("cannot make a thread-specific key for adopted threads");
        }
        KEY.store(key, Ordering::Release);
    });
    KEY.load(Ordering::Acquire)
}

/// Tears down the proc of an adopted OS thread that is ending, so that a
/// program whose pool of OS threads comes and goes does not leak a proc
/// for each. Threads it created that are still alive could never run
/// again: the proc is then left as it is.
unsafe extern "C" fn adopted_exit(arg: *mut c_void) {
    let p = arg.cast::<Proc>();
    // SAFETY: p is this OS thread's proc, its current thread the adopted
    // one, which is running its OS thread's end and waits for nothing.
    unsafe {
        if (*p).nthreads != 1 || current_or_null() != p {
            return;
        }
        let t = (*p).current;
        (*p).registry.remove(t);
        (*p).registry.close();
        // Interrupts queued for t before it left the registry.
        (*p).take_interrupts();
        sched::reap(p);
        thread::release(t);
        drop(Box::from_raw(t));
        (*p).current = ptr::null_mut();
        (*p).nthreads = 0;
    }
    leave_os_thread(p);
}

/// Unbinds the calling OS thread, which is ending, from its proc `p`,
/// which has no thread left, and frees the proc's record for reuse. The
/// proc's free stacks go to the pool, for the procs that live on.
fn leave_os_thread(p: *mut Proc) {
    // SAFETY: writes a thread-local pointer; p is this OS thread's proc,
    // whose threads have all exited and been reaped.
    unsafe {
        p9thread_setproc(ptr::null_mut());
        signal::teardown_os_thread((*p).alt_stack);
        crate::stack::flush(&mut (*p).stacks);
    }
    deadlock::os_thread_ended();
    sanitizer::release(p);
    FREE_PROCS.lock().push(p as usize);
}

/// Runs the threads of the calling OS thread's proc `p` until none is left.
///
/// # Safety
/// `p` is the calling OS thread's proc, not yet running any thread.
unsafe fn run(p: *mut Proc) {
    // SAFETY: p is ours; the first thread is valid.
    unsafe {
        let first = (*p).next_runnable();
        (*p).current = first;
        (*first).set_state(State::Running);
        let (bottom, size) = thread::stack_bounds(first);
        (*p).base_san = sanitizer::os_thread_fiber();
        sanitizer::before_switch(&mut (*p).base_san, bottom, size);
        sanitizer::switch_fiber((*first).san);
        crate::arch::switch(&mut (*p).base, (*first).ctx);
        // The last thread exited and switched back here.
        sanitizer::after_switch(&raw const (*p).base_san);
        sched::reap(p);
    }
}

/// The exit status the program ends with, plus one; 0 until the last
/// thread of the last proc has exited. The main OS thread, idle once its
/// proc has ended, waits on it and ends the process: atexit handlers and
/// the flushing of stdio run on the process's own stack, not on a proc's
/// small one.
static PROGRAM_EXIT: AtomicU32 = AtomicU32::new(0);

/// The last thread of a proc of kind `kind` is exiting, with status
/// `failed`; in a program started by threadmain, when that proc is the
/// last, the thread's status is the program's. Called from the thread,
/// before it leaves the registry: a thread that sees it gone, and exits
/// after it, sees this proc no longer counted, and so its own status wins.
pub fn last_thread_exiting(kind: Kind, failed: bool) {
    if counts_towards_exit(kind) && LIVE_PROCS.fetch_sub(1, Ordering::AcqRel) == 1 {
        PROGRAM_EXIT.store(u32::from(failed) + 1, Ordering::Release);
        sys::futex_wake(&PROGRAM_EXIT, 1);
    }
}

/// The main OS thread, whose proc has ended: waits for the last thread of
/// the last proc to exit, and ends the process with its status.
fn wait_for_program_end() -> ! {
    // Signals meant for the process go to the procs still running.
    sys::block_signals();
    loop {
        let code = PROGRAM_EXIT.load(Ordering::Acquire);
        if code != 0 {
            sys::exit(code as c_int - 1);
        }
        sys::futex_wait(&PROGRAM_EXIT, 0);
    }
}

/// Starts the program: runs `main_fn(argc, argv)` as the first thread of the
/// main proc, on a stack of `stacksize` bytes, and never returns.
///
/// # Safety
/// Called once, from the C main, on the main OS thread.
pub unsafe fn start_main(main_fn: ThreadFn, arg: *mut c_void, stacksize: usize) -> ! {
    init_runtime();
    let p = Proc::new(Kind::Main);
    STARTED_BY_THREADMAIN.store(true, Ordering::Relaxed);
    deadlock::enable();
    deadlock::os_thread_started();
    LIVE_PROCS.fetch_add(1, Ordering::AcqRel);
    // SAFETY: p is fresh and becomes this OS thread's proc.
    unsafe {
        (*p).enter();
        let t = thread::create(p, main_fn, arg, stacksize, 0, "threadmain");
        (*t).name = libc::strdup(c"threadmain".as_ptr());
        note::start();
        note::catch_quit();
        (*p).runq.push(t);
        (*p).registry.open();
        run(p);
        (*p).registry.close();
        // The OS thread keeps no proc: should the program call the library
        // here while the process ends (from an atexit handler), the thread
        // is adopted, as any OS thread the library did not start would be.
        p9thread_setproc(ptr::null_mut());
    }
    deadlock::proc_ended();
    // Unless this was the last proc, others live on: a program that asked
    // to go to the background is there now.
    if PROGRAM_EXIT.load(Ordering::Acquire) == 0 {
        crate::background::release_parent();
    }
    wait_for_program_end()
}

/// Creates a proc whose one thread runs `entry(arg)`; returns the thread's id.
pub fn create(entry: ThreadFn, arg: *mut c_void, stacksize: usize) -> c_int {
    spawn(Kind::Spawned, entry, arg, stacksize, 0, false, "proccreate").0
}

/// Which descriptor table a service proc works in.
pub enum Fds {
    /// Its creator's (note delivery, whose handlers use the program's).
    Shared,
    /// One of its own ([`OWN_FD_TABLE`]): for a proc that keeps
    /// descriptors of its own, and none of the program's (the reaper).
    Own,
}

/// Creates a service proc: like [`create`], but the program may end while
/// it runs. `who` names the call that needs it, should it be impossible.
pub fn create_service(entry: ThreadFn, arg: *mut c_void, stacksize: usize, fds: Fds, who: &str) -> c_int {
    let rfork = match fds {
        Fds::Shared => 0,
        Fds::Own => OWN_FD_TABLE,
    };
    spawn(Kind::Service, entry, arg, stacksize, rfork, false, who).0
}

/// [`create_service`], for a proc whose end its creator waits for, and
/// which shares its creator's descriptors (an I/O proc works on them): the
/// caller must pass the returned OS thread to `sys::join_os_thread`, which
/// returns once the proc's last thread has exited and its OS thread has
/// ended.
pub fn create_joinable(entry: ThreadFn, arg: *mut c_void, stacksize: usize, who: &str) -> (c_int, sys::OsThread) {
    spawn(Kind::Service, entry, arg, stacksize, 0, true, who)
}

/// Plan 9's rfork flags, as thread.h defines them.
pub mod rfork {
    use core::ffi::c_int;
    pub(crate) const RFNAMEG: c_int = 1 << 0;
    pub(crate) const RFENVG: c_int = 1 << 1;
    pub(crate) const RFFDG: c_int = 1 << 2;
    pub(crate) const RFNOTEG: c_int = 1 << 3;
    pub(crate) const RFPROC: c_int = 1 << 4;
    pub(crate) const RFMEM: c_int = 1 << 5;
    pub(crate) const RFNOWAIT: c_int = 1 << 6;
    pub(crate) const RFCNAMEG: c_int = 1 << 10;
    pub(crate) const RFCENVG: c_int = 1 << 11;
    pub(crate) const RFCFDG: c_int = 1 << 12;
    pub(crate) const RFREND: c_int = 1 << 13;
    pub(crate) const RFNOMNT: c_int = 1 << 14;
}

/// [`create`] with Plan 9 rfork flags; see procrfork in thread(3).
pub fn create_rfork(entry: ThreadFn, arg: *mut c_void, stacksize: usize, flags: c_int) -> c_int {
    use rfork::*;
    let refused = [
        (RFNAMEG, "RFNAMEG: Linux has no per-proc name space for threads of one process"),
        (RFCNAMEG, "RFCNAMEG: Linux has no per-proc name space for threads of one process"),
        (RFENVG, "RFENVG: the environment belongs to the whole process on Linux"),
        (RFCENVG, "RFCENVG: the environment belongs to the whole process on Linux"),
        (RFNOTEG, "RFNOTEG: signals, which carry notes, belong to the whole process on Linux"),
        (RFREND, "RFREND: all procs must share one rendezvous group"),
        (RFNOMNT, "RFNOMNT: Linux has no per-proc mount restrictions"),
    ];
    for (flag, why) in refused {
        if flags & flag != 0 {
            die!("procrfork: flag {why}");
        }
    }
    let known = RFFDG | RFCFDG | RFPROC | RFMEM | RFNOWAIT;
    if flags & !known & !refused.iter().fold(0, |a, (f, _)| a | f) != 0 {
        die!("procrfork: unknown rfork flags {:#x}", flags & !known);
    }
    if flags & RFFDG != 0 && flags & RFCFDG != 0 {
        die!("procrfork: RFFDG and RFCFDG together");
    }
    spawn(Kind::Spawned, entry, arg, stacksize, flags & (RFFDG | RFCFDG), false, "procrfork").0
}

/// A flag of [`Proc::rfork`] the library's own service procs that hold
/// descriptors or may be started late (the reaper of children, the wait
/// channel's feeder) are made with:
/// a descriptor table of their own holding only standard error
/// (sys::own_fd_table), so that one made from a proc with a private table
/// does not keep that table, nor the program's descriptors, open.
const OWN_FD_TABLE: c_int = 1 << 30;

/// Gives the calling OS thread its own file descriptor table, as rfork
/// `flags` ask: a copy (RFFDG), an empty one (RFCFDG), or a service proc's
/// (OWN_FD_TABLE).
fn apply_rfork(flags: c_int) {
    let (done, who) = match flags {
        0 => return,
        OWN_FD_TABLE => (sys::own_fd_table(), "a service proc of the library's"),
        _ => (sys::unshare_files(flags & rfork::RFCFDG != 0), "procrfork"),
    };
    if let Err(e) = done {
        die!("{who}: cannot give the new proc its own file descriptors: {}", fatal::Errno(e));
    }
}

fn counts_towards_exit(kind: Kind) -> bool {
    kind != Kind::Service && STARTED_BY_THREADMAIN.load(Ordering::Relaxed)
}

/// Makes a proc of `kind` running `entry(arg)`; `who` names the call in
/// messages.
fn spawn(kind: Kind, entry: ThreadFn, arg: *mut c_void, stacksize: usize, rfork: c_int, joinable: bool, who: &str) -> (c_int, sys::OsThread) {
    // SAFETY: the calling proc's current thread, if any, is the creator.
    let grp = unsafe {
        let creator = (*current()).current;
        if creator.is_null() { 0 } else { (*creator).grp.load(Ordering::Relaxed) }
    };
    let p = Proc::new(kind);
    // SAFETY: the proc is not running yet.
    unsafe { (*p).rfork = rfork };
    // SAFETY: the new proc's OS thread has not started; its creator owns it.
    let id = unsafe {
        let t = thread::create(p, entry, arg, stacksize, grp, who);
        (*p).runq.push(t);
        (*p).registry.open();
        (*t).id
    };
    if counts_towards_exit(kind) {
        LIVE_PROCS.fetch_add(1, Ordering::AcqRel);
    }
    const OS_STACK: usize = 64 * 1024;
    // The OS thread starts with every signal blocked, and unblocks them
    // once it has its alternate signal stack.
    let mask = sys::block_signals();
    let mut passed_on = mask;
    note::mask_to_pass_on(&mut passed_on);
    // SAFETY: passed_on is initialised.
    unsafe { libc::sigdelset(&mut passed_on, signal::threadint_signal()) };
    // SAFETY: the proc is not running yet.
    unsafe { (*p).sigmask = passed_on };
    deadlock::os_thread_started();
    // SAFETY: proc_main takes the proc it is given.
    let r = unsafe { sys::spawn_os_thread(proc_main, p.cast(), OS_STACK, joinable) };
    sys::restore_signals(&mask);
    match r {
        Ok(os_thread) => (id, os_thread),
        Err(e) => die!("{who}: cannot create an OS thread: {}", fatal::Errno(e)),
    }
}

extern "C" fn proc_main(arg: *mut c_void) -> *mut c_void {
    let p = arg.cast::<Proc>();
    // SAFETY: the creator handed us this proc, which is now ours.
    unsafe {
        (*p).enter();
        apply_rfork((*p).rfork);
        sys::restore_signals(&(*p).sigmask);
        run(p);
        (*p).registry.close();
    }
    // SAFETY: the proc's kind is fixed for its life.
    if counts_towards_exit(unsafe { (*p).kind }) {
        deadlock::proc_ended();
    }
    leave_os_thread(p);
    ptr::null_mut()
}
