//! The synchronisation primitives the runtime is built on, in one place, so
//! that a model checker or a sanitizer build can substitute its own.
//!
//! The runtime needs only three things besides plain atomics: a short
//! critical-section lock ([`SpinLock`]), the same biased towards the one
//! proc that uses a channel ([`BiasedLock`]), and a way for an idle proc to
//! sleep until another proc hands it work ([`Parker`]). Process-wide state
//! touched rarely (the list of procs, note handlers) sits in a [`Mutex`].
//!
//! ThreadSanitizer sees none of this, since the library is not
//! instrumented: a [`SpinLock`] tells it what it orders; the library's own
//! bookkeeping, under an [`InternalLock`] or a [`Mutex`], is hidden from it
//! (see sanitizer.rs).

pub use core::sync::atomic::{
    compiler_fence, fence, AtomicBool, AtomicI32, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicU8, AtomicUsize, Ordering,
};

use core::ops::{Deref, DerefMut};

use crate::{sanitizer, sys};

/// A test-and-test-and-set lock for critical sections of a few dozen
/// instructions (a channel's queues and buffer), whose ordering of memory
/// ThreadSanitizer is told of: what a holder did is ordered before what
/// the next holder does. Channels and lib9's locks order the program's
/// memory this way.
#[repr(transparent)]
pub struct SpinLock(Spin);

impl SpinLock {
    pub const fn new() -> SpinLock {
        SpinLock(Spin::new())
    }

    #[inline]
    pub fn lock(&self) {
        self.0.lock();
        sanitizer::acquire(self);
    }

    /// Takes the lock if it is free; returns whether it did.
    #[inline]
    pub fn try_lock(&self) -> bool {
        let taken = self.0.try_lock();
        if taken {
            sanitizer::acquire(self);
        }
        taken
    }

    /// # Safety
    /// The caller holds the lock.
    #[inline]
    pub unsafe fn unlock(&self) {
        sanitizer::release(self);
        self.0.unlock();
    }
}

/// The same lock for the library's own bookkeeping (the pools of free
/// stacks, an I/O proc's state), which ThreadSanitizer is not told of: it
/// orders procs only by chance of timing, and would hide the program's
/// races if it were shown. The accesses made under it, the growth of the
/// pools' vectors among them, are ignored instead.
pub struct InternalLock(Spin);

impl InternalLock {
    pub const fn new() -> InternalLock {
        InternalLock(Spin::new())
    }

    #[inline]
    pub fn lock(&self) {
        self.0.lock();
        sanitizer::ignore_begin();
    }

    /// # Safety
    /// The caller holds the lock.
    #[inline]
    pub unsafe fn unlock(&self) {
        sanitizer::ignore_end();
        self.0.unlock();
    }
}

/// The lock itself. Release is a plain store, so an uncontended lock/unlock
/// pair costs one atomic read-modify-write. A waiter spins briefly, then
/// yields the CPU, so that a holder preempted by the kernel gets to run and
/// release the lock.
#[repr(transparent)]
struct Spin {
    /// 0 when free, 1 when held.
    held: AtomicU32,
}

impl Spin {
    const fn new() -> Spin {
        Spin { held: AtomicU32::new(0) }
    }

    #[inline]
    fn lock(&self) {
        if self.held.compare_exchange_weak(0, 1, Ordering::Acquire, Ordering::Relaxed).is_err() {
            self.lock_contended();
        }
    }

    #[inline]
    fn try_lock(&self) -> bool {
        self.held.load(Ordering::Relaxed) == 0
            && self.held.compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok()
    }

    #[cold]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        loop {
            while self.held.load(Ordering::Relaxed) != 0 {
                if spins < 100 {
                    core::hint::spin_loop();
                    spins += 1;
                } else {
                    sys::yield_cpu();
                }
            }
            if self.held.compare_exchange_weak(0, 1, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                return;
            }
        }
    }

    #[inline]
    fn unlock(&self) {
        self.held.store(0, Ordering::Release);
    }
}

/// Lets one OS thread sleep until another wakes it, with no lost wake-ups:
/// the sleeper announces itself, re-checks its condition, then waits on a
/// futex; a waker publishes its work first and then calls [`Parker::unpark`].
#[repr(transparent)]
pub struct Parker {
    /// 1 while the owner is (about to be) asleep.
    sleeping: AtomicU32,
}

impl Parker {
    pub const fn new() -> Parker {
        Parker { sleeping: AtomicU32::new(0) }
    }

    /// Sleeps unless `has_work` becomes true after the announcement.
    /// Spurious returns are allowed: callers re-check their condition.
    pub fn park(&self, has_work: impl Fn() -> bool) {
        // The announcement must be visible before `has_work` looks. A SeqCst
        // store and load would do in the memory model, but the fence does
        // not depend on the CPU keeping a store-release (stlr) and a later
        // load-acquire (ldar) in order: qemu-user on x86 hosts does not,
        // and lost this wake-up there about once in 30 runs of io_relay.
        // Parking precedes a futex wait, so the fence costs nothing that
        // shows.
        self.sleeping.store(1, Ordering::Relaxed);
        fence(Ordering::SeqCst);
        if has_work() {
            self.sleeping.store(0, Ordering::Relaxed);
            return;
        }
        if sanitizer::tsan() {
            Self::wait_under_tsan(&self.sleeping);
        } else {
            sys::futex_wait(&self.sleeping, 1);
        }
        self.sleeping.store(0, Ordering::Relaxed);
    }

    /// The futex wait under ThreadSanitizer, which runs a signal's handler
    /// only when the thread is in, or passes through, a C library call it
    /// intercepts, and a futex wait is neither: the handler of a note's
    /// signal that lands here would wait until work comes. So the wait
    /// ends now and then for such a call (clock_gettime), and goes on
    /// until [`Parker::unpark`].
    #[cold]
    fn wait_under_tsan(sleeping: &AtomicU32) {
        const SLICE_NS: u64 = 50_000_000;
        while sleeping.load(Ordering::SeqCst) != 0 {
            sys::futex_wait_for(sleeping, 1, SLICE_NS);
            sys::now_ns();
        }
    }

    /// Wakes the owner if it sleeps. The caller has published its work with
    /// an ordering at least as strong as SeqCst before calling this.
    #[inline]
    pub fn unpark(&self) {
        if self.sleeping.load(Ordering::SeqCst) != 0 && self.sleeping.swap(0, Ordering::SeqCst) != 0 {
            sys::futex_wake(&self.sleeping, 1);
        }
    }
}

/// Whether [`BiasedLock`]s may be biased: the kernel supports expedited
/// private membarrier, and the process registered for it.
static BIAS_ENABLED: AtomicBool = AtomicBool::new(false);

/// Enables biasing if the kernel allows it; called once at start-up,
/// after the sanitizers are known. Not under ThreadSanitizer, which would
/// not see a biased lock order anything: every lock is then a [`SpinLock`].
pub fn init_biasing() {
    BIAS_ENABLED.store(!sanitizer::tsan() && sys::membarrier_register(), Ordering::Relaxed);
}

/// A lock that costs no atomic read-modify-write while only one proc ever
/// takes it: most channels are used by the threads of a single proc.
///
/// A new lock is biased towards its creator, which enters by announcing
/// itself in `owner_inside` and re-checking `owner`, with plain stores and
/// loads. The first other proc to enter revokes the bias for good: it clears
/// `owner`, then runs membarrier, which puts a full memory barrier on every
/// CPU running the process. Afterwards the owner either sees the bias gone,
/// or its announcement is visible and the revoker waits for it to leave.
/// From then on everyone takes the spin lock.
///
/// A revoker waits while holding no other lock, and an owner inside never
/// waits for a revoker, so revocation cannot deadlock.
pub struct BiasedLock {
    lock: SpinLock,
    /// The lock id (Proc::lock_id) of the proc the lock is biased towards,
    /// or 0 once it is shared. An id rather than a pointer keeps the lock
    /// at 12 bytes, so a channel's hot fields fit in one cache line.
    owner: AtomicU32,
    /// Set when the owner is inside without the spin lock.
    owner_inside: AtomicBool,
}

impl BiasedLock {
    /// A lock biased towards the proc whose lock id is `owner`, or
    /// unbiased for 0.
    pub fn new(owner: u32) -> BiasedLock {
        let owner = if BIAS_ENABLED.load(Ordering::Relaxed) { owner } else { 0 };
        BiasedLock { lock: SpinLock::new(), owner: AtomicU32::new(owner), owner_inside: AtomicBool::new(false) }
    }

    /// Enters for the proc whose lock id is `me`. Returns whether it entered
    /// biased, which the matching [`BiasedLock::unlock`] needs.
    #[inline]
    pub fn lock(&self, me: u32) -> bool {
        if self.enter_biased(me) {
            return true;
        }
        self.lock_shared();
        false
    }

    /// Enters if the lock is biased towards the proc whose lock id is `me`,
    /// as [`BiasedLock::lock`] does; returns false, not having entered,
    /// otherwise. Leave with `unlock(true)`.
    #[inline(always)]
    pub fn enter_biased(&self, me: u32) -> bool {
        if self.owner.load(Ordering::Relaxed) == me {
            self.owner_inside.store(true, Ordering::Relaxed);
            // Pairs with the revoker's membarrier.
            compiler_fence(Ordering::SeqCst);
            if self.owner.load(Ordering::Relaxed) == me {
                return true;
            }
            self.owner_inside.store(false, Ordering::Release);
        }
        false
    }

    #[cold]
    fn lock_shared(&self) {
        self.lock.lock();
        if self.owner.load(Ordering::Relaxed) != 0 {
            self.owner.store(0, Ordering::Relaxed);
            sys::membarrier();
            let mut spins = 0u32;
            while self.owner_inside.load(Ordering::Acquire) {
                if spins < 100 {
                    core::hint::spin_loop();
                    spins += 1;
                } else {
                    sys::yield_cpu();
                }
            }
        }
    }

    /// Removes the bias, if any, so that every later entry takes the spin
    /// lock. The caller holds no lock.
    pub fn unbias(&self) {
        if self.owner.load(Ordering::Relaxed) != 0 {
            self.lock_shared();
            // SAFETY: lock_shared took the spin lock.
            unsafe { self.lock.unlock() };
        }
    }

    /// Whether the lock is biased towards a proc other than `me`.
    #[inline]
    pub fn biased_elsewhere(&self, me: u32) -> bool {
        let owner = self.owner.load(Ordering::Relaxed);
        owner != 0 && owner != me
    }

    /// # Safety
    /// The caller entered with `lock`, which returned `biased`.
    #[inline]
    pub unsafe fn unlock(&self, biased: bool) {
        if biased {
            self.owner_inside.store(false, Ordering::Release);
        } else {
            // SAFETY: per the contract.
            unsafe { self.lock.unlock() };
        }
    }
}

/// std's Once, whose ordering ThreadSanitizer is told of: what the
/// initialisation did (a descriptor it opened, say) is ordered before
/// everything after any call_once of the same Once.
pub struct Once(std::sync::Once);

impl Once {
    pub const fn new() -> Once {
        Once(std::sync::Once::new())
    }

    pub fn call_once(&self, f: impl FnOnce()) {
        self.0.call_once(|| {
            f();
            sanitizer::release(self);
        });
        sanitizer::acquire(self);
    }
}

/// std's mutex, for process-wide bookkeeping touched rarely, hidden from
/// ThreadSanitizer as an [`InternalLock`] is. A poisoned lock is taken all
/// the same: a panic in the library aborts the process.
pub struct Mutex<T>(std::sync::Mutex<T>);

pub struct MutexGuard<'a, T>(std::sync::MutexGuard<'a, T>);

impl<T> Mutex<T> {
    pub const fn new(value: T) -> Mutex<T> {
        Mutex(std::sync::Mutex::new(value))
    }

    pub fn lock(&self) -> MutexGuard<'_, T> {
        let guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        sanitizer::ignore_begin();
        MutexGuard(guard)
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        sanitizer::ignore_end();
    }
}
