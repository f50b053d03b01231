//! lib9's locks made thread-aware: the implementations behind the hooks
//! (_lock, _qlock, _rlock, _rsleep, ...) that plan9port's lib9 calls, so
//! that a program or library compiled against plan9port's headers and
//! linked with its lib9 blocks threads, not procs, in qlock, rlock, wlock
//! and rsleep. The hooks are installed at start-up by csrc/lib9hooks.c.
//!
//! The structures are mirrors of lib9's, whose layout is fixed (see
//! plan9port's libc.h): Lock, QLock, Rendez, RWLock and Ref. The fields
//! lib9 leaves to the hook implementation (owner, writer, the wait lists)
//! hold this library's Thread pointers; wait lists are run queues
//! (proc::RunQueue), free to link threads through `Thread::next` since a
//! thread waiting for a lock is on no run queue.
//!
//! Locking rules: a Lock is a proc-level spin lock on its `held` word (a
//! zeroed Lock is unlocked, and lib9's own fallback also just stores 1 in
//! `held`); it is held for a few instructions, never across a thread
//! switch. Each QLock's and RWLock's owner and wait lists are guarded by the
//! Lock inside it; a Rendez's wait list by its QLock, which callers of
//! rsleep and rwakeup hold. A thread is readied only after the Lock is
//! dropped: once readied, it may run at once in another proc and free the
//! structure.

use core::ffi::{c_int, c_long, c_void};
use core::ptr;

use crate::proc::{self, Proc, RunQueue};
use crate::sync::{AtomicI64, Ordering, SpinLock};
use crate::thread::{Thread, WaitTag};
use crate::{die, sched};

/// lib9's Lock.
#[repr(C)]
pub struct Lock {
    /// plan9port's flag for its lazily initialised mutex; unused here.
    init: c_int,
    /// plan9port's mutex; unused here.
    mutex: libc::pthread_mutex_t,
    /// The lock word: 0 free, 1 held.
    held: SpinLock,
}

/// lib9's QLock.
#[repr(C)]
pub struct QLock {
    l: Lock,
    /// The holder, or null.
    owner: *mut Thread,
    /// Threads waiting for it, in order.
    waiting: RunQueue,
}

/// lib9's Rendez.
#[repr(C)]
pub struct Rendez {
    /// The QLock that guards the condition; set by the program.
    l: *mut QLock,
    /// Threads asleep in rsleep, in order.
    waiting: RunQueue,
}

/// lib9's RWLock.
#[repr(C)]
pub struct RWLock {
    l: Lock,
    /// Readers holding it.
    readers: c_int,
    /// The writer holding it, or null.
    writer: *mut Thread,
    /// Would-be readers, in order.
    rwaiting: RunQueue,
    /// Would-be writers, in order.
    wwaiting: RunQueue,
}

/// plan9port's Ref.
#[repr(C)]
pub struct Ref {
    /// Unused: the count is atomic.
    lock: Lock,
    /// The count.
    count: AtomicI64,
}

#[cfg(all(target_arch = "x86_64", target_env = "gnu"))]
const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(size_of::<Lock>() == 56 && offset_of!(Lock, held) == 48 && offset_of!(Lock, mutex) == 8);
    assert!(size_of::<QLock>() == 80 && offset_of!(QLock, owner) == 56 && offset_of!(QLock, waiting) == 64);
    assert!(size_of::<Rendez>() == 24 && offset_of!(Rendez, waiting) == 8);
    assert!(size_of::<RWLock>() == 104 && offset_of!(RWLock, readers) == 56 && offset_of!(RWLock, writer) == 64);
    assert!(offset_of!(RWLock, rwaiting) == 72 && offset_of!(RWLock, wwaiting) == 88);
    assert!(size_of::<Ref>() == 64 && offset_of!(Ref, count) == 56);
};

// On aarch64 pthread_mutex_t is 48 bytes, not 40: Lock and what holds one
// grow by 8. thread.h's own Ref follows.
#[cfg(all(target_arch = "aarch64", target_env = "gnu"))]
const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(size_of::<Lock>() == 64 && offset_of!(Lock, held) == 56 && offset_of!(Lock, mutex) == 8);
    assert!(size_of::<Ref>() == 72 && offset_of!(Ref, count) == 64);
};

/// The calling proc and its running thread.
fn me() -> (*mut Proc, *mut Thread) {
    let p = proc::current();
    // SAFETY: a proc's current thread is the caller.
    (p, unsafe { (*p).current })
}

static QLOCK: WaitTag = WaitTag("qlock");
static RLOCK: WaitTag = WaitTag("rlock");
static WLOCK: WaitTag = WaitTag("wlock");
static RSLEEP: WaitTag = WaitTag("rsleep");

/// Queues the running thread `t` on `list`, drops `l`, and sleeps until
/// whoever takes it off the list readies it.
///
/// # Safety
/// The caller holds `l`, which guards `list`; `p` and `t` are from [`me`].
unsafe fn wait_on(l: &Lock, list: &mut RunQueue, p: *mut Proc, t: *mut Thread, tag: &'static WaitTag) {
    // SAFETY: per the contract. A waker in another proc may ready t before
    // it blocks; block then returns at once.
    unsafe {
        list.push(t);
        (*t).set_waiting_for(tag);
        (*t).set_blocked();
        l.held.unlock();
        sched::block(p);
    }
}

/// Readies a chain of threads taken off a wait list, reading each link
/// before the thread can run and reuse it.
///
/// # Safety
/// The threads are blocked and were removed from their wait list by the
/// caller, who holds no Lock.
unsafe fn ready_chain(mut t: *mut Thread) {
    while !t.is_null() {
        // SAFETY: per the contract.
        unsafe {
            let next = (*t).next;
            sched::ready(t);
            t = next;
        }
    }
}

/// The _lock hook: takes `l`, spinning if `block`; 1 if taken.
///
/// # Safety
/// `l` points to a lib9 Lock.
pub unsafe fn lock(l: *mut Lock, block: bool) -> c_int {
    // SAFETY: per the contract.
    let held = unsafe { &(*l).held };
    if block {
        held.lock();
        1
    } else {
        c_int::from(held.try_lock())
    }
}

/// The _unlock hook.
///
/// # Safety
/// `l` points to a lib9 Lock the caller holds.
pub unsafe fn unlock(l: *mut Lock) {
    // SAFETY: per the contract.
    unsafe { (*l).held.unlock() }
}

/// The _qlock hook: 1 once the calling thread holds `q`; 0 if it is held
/// and `block` is false.
///
/// # Safety
/// `q` points to a lib9 QLock.
pub unsafe fn qlock(q: *mut QLock, block: bool) -> c_int {
    let (p, t) = me();
    // SAFETY: q is valid; its Lock guards owner and waiting.
    unsafe {
        let q = &mut *q;
        q.l.held.lock();
        if q.owner.is_null() {
            q.owner = t;
            q.l.held.unlock();
            return 1;
        }
        if !block {
            q.l.held.unlock();
            return 0;
        }
        if q.owner == t {
            q.l.held.unlock();
            die!("qlock: QLock {:p} is already held by the calling thread", q as *mut QLock);
        }
        // qunlock hands the lock over: we own it when we wake.
        wait_on(&q.l, &mut q.waiting, p, t, &QLOCK);
    }
    1
}

/// The _qunlock hook: gives `q` to the first waiter, if any.
///
/// # Safety
/// `q` points to a lib9 QLock.
pub unsafe fn qunlock(q: *mut QLock) {
    // SAFETY: q is valid; its Lock guards owner and waiting.
    let next = unsafe {
        let q = &mut *q;
        q.l.held.lock();
        if q.owner.is_null() {
            q.l.held.unlock();
            die!("qunlock: QLock {:p} is not locked", q as *mut QLock);
        }
        let next = q.waiting.pop();
        q.owner = next;
        q.l.held.unlock();
        next
    };
    // Readied only now: it may run at once in another proc and free q.
    if !next.is_null() {
        // SAFETY: next was blocked in qlock and is now ours to ready.
        unsafe { sched::ready(next) };
    }
}

/// The _rlock hook: shares `l` with other readers unless a writer holds it
/// or waits for it.
///
/// # Safety
/// `l` points to a lib9 RWLock.
pub unsafe fn rlock(l: *mut RWLock, block: bool) -> c_int {
    let (p, t) = me();
    // SAFETY: l is valid; its Lock guards the rest.
    unsafe {
        let l = &mut *l;
        l.l.held.lock();
        if l.writer.is_null() && l.wwaiting.is_empty() {
            l.readers += 1;
            l.l.held.unlock();
            return 1;
        }
        if !block {
            l.l.held.unlock();
            return 0;
        }
        // wunlock counts us in before it readies us.
        wait_on(&l.l, &mut l.rwaiting, p, t, &RLOCK);
    }
    1
}

/// The _wlock hook: takes `l` alone.
///
/// # Safety
/// `l` points to a lib9 RWLock.
pub unsafe fn wlock(l: *mut RWLock, block: bool) -> c_int {
    let (p, t) = me();
    // SAFETY: l is valid; its Lock guards the rest.
    unsafe {
        let l = &mut *l;
        l.l.held.lock();
        if l.writer.is_null() && l.readers == 0 {
            l.writer = t;
            l.l.held.unlock();
            return 1;
        }
        if !block {
            l.l.held.unlock();
            return 0;
        }
        // The unlocker makes us the writer before it readies us.
        wait_on(&l.l, &mut l.wwaiting, p, t, &WLOCK);
    }
    1
}

/// The _runlock hook: the last reader out lets the first writer in.
///
/// # Safety
/// `l` points to a lib9 RWLock the caller holds for reading.
pub unsafe fn runlock(l: *mut RWLock) {
    // SAFETY: l is valid; its Lock guards the rest.
    let next = unsafe {
        let l = &mut *l;
        l.l.held.lock();
        if l.readers <= 0 {
            l.l.held.unlock();
            die!("runlock: RWLock {:p} is not locked for reading", l as *mut RWLock);
        }
        l.readers -= 1;
        let mut next = ptr::null_mut();
        if l.readers == 0 {
            next = l.wwaiting.pop();
            l.writer = next;
        }
        l.l.held.unlock();
        next
    };
    if !next.is_null() {
        // SAFETY: next was blocked in wlock and is now ours to ready.
        unsafe { sched::ready(next) };
    }
}

/// The _wunlock hook: lets every waiting reader in, or else the first
/// waiting writer.
///
/// # Safety
/// `l` points to a lib9 RWLock the caller holds for writing.
pub unsafe fn wunlock(l: *mut RWLock) {
    // SAFETY: l is valid; its Lock guards the rest.
    let woken = unsafe {
        let l = &mut *l;
        l.l.held.lock();
        if l.writer.is_null() {
            l.l.held.unlock();
            die!("wunlock: RWLock {:p} is not locked for writing", l as *mut RWLock);
        }
        let readers = l.rwaiting.take_all();
        let mut t = readers;
        while !t.is_null() {
            l.readers += 1;
            t = (*t).next;
        }
        l.writer = ptr::null_mut();
        if readers.is_null() {
            l.writer = l.wwaiting.pop();
            if !l.writer.is_null() {
                (*l.writer).next = ptr::null_mut();
            }
        }
        let woken = if readers.is_null() { l.writer } else { readers };
        l.l.held.unlock();
        woken
    };
    // SAFETY: the chain was taken off the lock's lists, whose Lock we dropped.
    unsafe { ready_chain(woken) };
}

/// The _rsleep hook: releases `r`'s QLock, sleeps until rwakeup, and takes
/// the QLock again.
///
/// # Safety
/// `r` points to a lib9 Rendez whose QLock the caller holds.
pub unsafe fn rsleep(r: *mut Rendez) {
    let (p, t) = me();
    // SAFETY: r is valid; its QLock, which we hold, guards its list.
    unsafe {
        let q = (*r).l;
        if q.is_null() {
            die!("rsleep: Rendez {r:p} has no QLock");
        }
        (*r).waiting.push(t);
        (*t).set_waiting_for(&RSLEEP);
        (*t).set_blocked();
        qunlock(q);
        sched::block(p);
        qlock(q, true);
    }
}

/// The _rwakeup hook: wakes the first sleeper, or all of them; returns how
/// many woke.
///
/// # Safety
/// `r` points to a lib9 Rendez whose QLock the caller holds.
pub unsafe fn rwakeup(r: *mut Rendez, all: bool) -> c_int {
    let mut n = 0;
    loop {
        // SAFETY: the caller holds the QLock that guards the list. A woken
        // thread must take that QLock before it can touch r again.
        let t = unsafe { (*r).waiting.pop() };
        if t.is_null() {
            break;
        }
        // SAFETY: t slept in rsleep and is ours to ready.
        unsafe { sched::ready(t) };
        n += 1;
        if !all {
            break;
        }
    }
    n
}

/// Bytes of a lib9 Jmp (a p9jmp_buf, sized as sigjmp_buf): 200 on x86_64
/// glibc, 312 on aarch64; rounded up for safety.
const JMP_BYTES: usize = 512;

/// The _notejmpbuf hook: the calling thread's own jump buffer for lib9's
/// note handling, allocated on first use and freed with the thread.
pub fn note_jmpbuf() -> *mut c_void {
    let t = proc::current_thread();
    // SAFETY: t is the running thread; the buffer is its own.
    unsafe {
        if (*t).note_jmpbuf.is_null() {
            (*t).note_jmpbuf = libc::calloc(1, JMP_BYTES);
            if (*t).note_jmpbuf.is_null() {
                die!("_notejmpbuf: out of memory");
            }
        }
        (*t).note_jmpbuf
    }
}

/// Bytes of stack plan9port's needstack wants left beyond what the caller
/// asks for, for the calls that follow.
const NEEDSTACK_SLACK: usize = 256;

/// plan9port's needstack: the stack-overflow message and an abort when the
/// calling thread has less than `n` bytes of stack left, and
/// NEEDSTACK_SLACK more. A thread on its OS thread's own stack (one the
/// library adopted) is not checked: its size is the system's business.
#[inline(never)]
pub fn need_stack(n: c_int) {
    if n < 0 {
        die!("needstack: negative size {n}");
    }
    let t = proc::current_thread();
    // SAFETY: the running thread's record is valid while it runs.
    let Some(stack) = (unsafe { (*t).stack }) else { return };
    // The address of a local: this frame's, just below the caller's.
    let here = core::hint::black_box(0u8);
    let left = (&here as *const u8 as usize).saturating_sub(stack.base as usize);
    if left < n as usize + NEEDSTACK_SLACK {
        // SAFETY: as above.
        crate::signal::stack_overflow(unsafe { &*t }, format_args!(": needstack({n}) with {left} bytes left"));
    }
}

/// plan9port's incref: the new count.
///
/// # Safety
/// `r` is nil or points to a Ref.
pub unsafe fn incref(r: *mut Ref) -> c_long {
    if r.is_null() {
        die!("incref: nil Ref");
    }
    // SAFETY: per the contract.
    (unsafe { (*r).count.fetch_add(1, Ordering::SeqCst) } + 1) as c_long
}

/// plan9port's decref: the new count. Under ThreadSanitizer, what every
/// holder did before it dropped its reference is ordered before what the
/// holder that drops the last one does next (typically, free the object).
///
/// # Safety
/// `r` is nil or points to a Ref.
pub unsafe fn decref(r: *mut Ref) -> c_long {
    if r.is_null() {
        die!("decref: nil Ref");
    }
    crate::sanitizer::release(r);
    // SAFETY: per the contract.
    let n = (unsafe { (*r).count.fetch_sub(1, Ordering::SeqCst) } - 1) as c_long;
    if n == 0 {
        crate::sanitizer::acquire(r);
    }
    n
}
