//! alt: the one path every channel operation takes. send, recv and their
//! variants are one-entry alts, so commit, wake-up and close are written once.
//!
//! Phases of an alt:
//! 1. scan: find the end of the array, check the entries;
//! 2. probe: try the entries in a random order, one channel lock at a time,
//!    and complete the first that can proceed (a large alt first tries a
//!    few entries drawn at random, and lists the entries only if none of
//!    those could proceed);
//! 3. if none could: lock every channel involved, in address order, and
//!    choose among the entries that can proceed now, uniformly at random;
//! 4. if none can and the alt may block: queue a waiter on each entry's
//!    channel, unlock, and sleep;
//! 5. once woken: leave the other queues and report the entry completed.
//!
//! Commit: a blocked thread's `wake` word holds PENDING (one entry) or
//! PENDING_MULTI (several) while it sleeps. Whoever completes one of its
//! entries (a partner, chanclose, an interrupt) stores the outcome there and
//! then readies it, after dropping every channel lock. When the thread waits
//! on several entries, completers in different procs may hold different
//! locks, so each must first win a compare-and-swap of the word from
//! PENDING_MULTI; a waiter whose word was won elsewhere is stale. When it
//! waits on one entry, that entry's channel lock makes partners and
//! chanclose unique, but an interrupt, carried out by the thread's own proc,
//! races with completers in other procs: they, and it, win the word from
//! PENDING with a compare-and-swap. A completer in the thread's own proc
//! cannot race with its interrupts and stores the outcome.
//!
//! Ownership of waiters: a waiter lives on its thread's stack. Only the
//! completer that won it, or its own thread, unlinks it from its queue;
//! stale waiters are skipped, not removed. Its own thread, once awake,
//! decrements the channel's `nwaiters`, so a channel the program frees stays
//! allocated until every thread that may still touch it has left; except
//! that the completer of a one-entry waiter does that for it (see
//! [`settle`]).
//!
//! Interrupts (threadint, threadkill) are carried out by the blocked
//! thread's own proc, between threads, when the thread cannot be running:
//! see [`interrupt_wait`].

use core::ffi::{c_int, c_void};
use core::mem::MaybeUninit;
use core::ptr;

use crate::channel::{copy_value, Alt, Chan, ChanOp, Channel, WaitQueue, Waiter, CLOSED_MSG};
use crate::proc::{self, Proc};
use crate::sync::Ordering;
use crate::thread::{Thread, Wait};
use crate::{channel, die, kill, sched};

/// `wake` while the thread waits on one entry.
pub(crate) const PENDING: u32 = u32::MAX;
/// `wake` while the thread waits on several entries.
pub(crate) const PENDING_MULTI: u32 = u32::MAX - 1;
/// `wake` of an interrupted wait.
pub(crate) const INTERRUPTED: u32 = u32::MAX - 2;
/// Flag on an entry index: the entry failed because its channel closed.
const CLOSED: u32 = 1 << 31;

/// Threads to ready once every channel lock is dropped. The first is held
/// apart, so that the common case, one thread, folds into straight-line
/// code; the others are linked through `Thread::next` (free while a thread
/// is blocked).
pub struct WakeList {
    first: *mut Thread,
    rest: *mut Thread,
}

impl WakeList {
    pub fn new() -> WakeList {
        WakeList { first: ptr::null_mut(), rest: ptr::null_mut() }
    }

    /// # Safety
    /// `t` is blocked, and the caller won the right to wake it.
    #[inline(always)]
    unsafe fn push(&mut self, t: *mut Thread) {
        if self.first.is_null() {
            self.first = t;
        } else {
            // SAFETY: a blocked thread's `next` is free.
            unsafe { (*t).next = self.rest };
            self.rest = t;
        }
    }

    /// Readies every thread on the list, from proc `me`.
    ///
    /// # Safety
    /// No channel lock is held; `me` is the calling OS thread's proc.
    #[inline(always)]
    pub unsafe fn ready_all(self, me: *mut Proc) {
        if self.first.is_null() {
            return;
        }
        // SAFETY: per the contract; `next` is read before ready() reuses it.
        unsafe {
            sched::ready_from(me, self.first);
            let mut t = self.rest;
            while !t.is_null() {
                let next = (*t).next;
                sched::ready_from(me, t);
                t = next;
            }
        }
    }
}

/// Records `outcome` as the end of the blocked operation `w` belongs to,
/// for a caller in proc `me`. Returns false when someone else completed
/// that operation first, or an interrupt ended it.
///
/// # Safety
/// The caller holds the lock of the channel `w` is queued on.
#[inline]
unsafe fn claim(w: *mut Waiter, outcome: u32, me: *mut Proc) -> bool {
    // SAFETY: queued waiters and their threads are valid.
    unsafe {
        let t = (*w).thread;
        let wake = &(*t).wake;
        if (*w).shared {
            wake.compare_exchange(PENDING_MULTI, outcome, Ordering::AcqRel, Ordering::Relaxed).is_ok()
        } else if (*t).proc == me {
            // Its interrupts are carried out by this proc, between threads:
            // a one-entry waiter still queued is pending.
            wake.store(outcome, Ordering::Relaxed);
            true
        } else {
            wake.compare_exchange(PENDING, outcome, Ordering::AcqRel, Ordering::Relaxed).is_ok()
        }
    }
}

/// Unlinks and returns the first waiter of `q` whose operation this caller
/// completes, skipping stale ones.
///
/// # Safety
/// The caller holds the lock of the channel `q` belongs to.
#[inline]
unsafe fn take_partner(q: *mut WaitQueue, me: *mut Proc) -> Option<*mut Waiter> {
    // SAFETY: per the contract; queued waiters are valid.
    unsafe {
        let mut w = (*q).first();
        if !w.is_null() {
            prefetch_resume(w);
            let p = (*w).proc;
            if p != me {
                (*p).prefetch_inbox();
            }
        }
        while !w.is_null() {
            let next = WaitQueue::after(w);
            // A killed thread leaves the queue when its proc carries out
            // the kill; a value handed to it meanwhile would be lost.
            if !(*(*w).thread).dying() && claim(w, (*w).index, me) {
                (*q).remove(w);
                return Some(w);
            }
            w = next;
        }
        None
    }
}

/// Starts loading what the thread of waiter `w` touches first when it
/// resumes, soon: the saved registers just below the waiter on its stack,
/// and the frame just above; not one cache miss after another.
#[inline(always)]
fn prefetch_resume(w: *mut Waiter) {
    let around = w.cast::<u8>();
    crate::arch::prefetch(around.wrapping_sub(64));
    crate::arch::prefetch(around.wrapping_add(64));
}

/// Whether `q` holds a waiter that could still be completed.
///
/// # Safety
/// The caller holds the lock of the channel `q` belongs to.
unsafe fn has_partner(q: *mut WaitQueue) -> bool {
    // SAFETY: per the contract; queued waiters are valid.
    unsafe {
        let mut w = (*q).first();
        while !w.is_null() {
            let t = (*w).thread;
            let pending = if (*w).shared { PENDING_MULTI } else { PENDING };
            if !(*t).dying() && (*t).wake.load(Ordering::Relaxed) == pending {
                return true;
            }
            w = WaitQueue::after(w);
        }
        false
    }
}

/// Fails every waiter of one queue of a channel being closed: the senders,
/// or the receivers.
///
/// # Safety
/// The caller holds the lock of `ch`.
pub unsafe fn fail_all(ch: *mut Chan, senders: bool, woken: &mut WakeList, me: *mut Proc) {
    // SAFETY: per the contract.
    unsafe {
        let q = (*ch).queue(senders);
        let mut w = (*q).first();
        while !w.is_null() {
            let next = WaitQueue::after(w);
            if claim(w, (*w).index | CLOSED, me) {
                (*q).remove(w);
                woken.push((*w).thread);
            }
            w = next;
        }
    }
}

/// Whether an entry can proceed now, and how.
#[derive(PartialEq, Eq)]
enum Readiness {
    Blocked,
    Ready,
    Closed,
}

/// # Safety
/// The caller holds the lock of `ch`.
unsafe fn readiness(ch: *mut Chan, send: bool) -> Readiness {
    // SAFETY: per the contract.
    unsafe {
        let c = &mut *ch;
        if send {
            if c.is_closed() {
                Readiness::Closed
            } else if has_partner(&raw mut c.recvq) || c.count < c.cap {
                Readiness::Ready
            } else {
                Readiness::Blocked
            }
        } else if c.count > 0 || has_partner(&raw mut c.sendq) {
            Readiness::Ready
        } else if c.is_closed() {
            Readiness::Closed
        } else {
            Readiness::Blocked
        }
    }
}

/// Finishes, for the thread of a claimed one-entry waiter `w`, its leaving
/// of `ch`: the thread then resumes without locking the channel again
/// (which, across procs, spares a trip of the channel's cache line), and
/// the channel may be freed before it does. Its wait record still names the
/// channel, but an interrupt reads it only after winning the thread's
/// `wake` word, which this completer has won (see [`interrupt_wait`]).
///
/// # Safety
/// The caller holds the lock of `ch`, has just claimed and unlinked `w`, and
/// readies its thread after dropping the lock; `shared` is `w`'s.
#[inline(always)]
unsafe fn settle(ch: *mut Chan, w: *mut Waiter, shared: bool) {
    // SAFETY: per the contract; the waiter's thread sleeps until readied.
    unsafe {
        // A channel freed meanwhile is released by the last thread to leave
        // it, which must then be the waiter's own.
        if !shared && !(*ch).is_freed() {
            (*ch).nwaiters -= 1;
            (*w).settled = true;
        }
    }
}

/// Completes a send of the value at `v` (nil: zeros) or a receive into `v`
/// (nil: discard) on `ch`, for a thread of proc `me`. Returns Blocked when
/// a partner that looked ready was completed by someone else meanwhile.
///
/// # Safety
/// The caller holds the lock of `ch`; `v` is nil or valid for elsize bytes.
#[inline(always)]
unsafe fn complete(ch: *mut Chan, send: bool, v: *mut c_void, me: *mut Proc, woken: &mut WakeList) -> Readiness {
    // SAFETY: per the contract. A claimed waiter's thread sleeps until we
    // ready it, so its value pointer stays valid while we copy.
    unsafe {
        let c = &mut *ch;
        if send {
            if c.is_closed() {
                return Readiness::Closed;
            }
            if let Some(w) = take_partner(&raw mut c.recvq, me) {
                copy_value(v, (*w).v, c.elsize);
                settle(ch, w, (*w).shared);
                woken.push((*w).thread);
            } else if c.count < c.cap {
                c.put(v, c.elsize);
            } else {
                return Readiness::Blocked;
            }
        } else if c.count > 0 {
            c.take(v, c.elsize);
            // A slot opened: the first blocked sender's value moves in.
            if let Some(w) = take_partner(&raw mut c.sendq, me) {
                c.put((*w).v, c.elsize);
                settle(ch, w, (*w).shared);
                woken.push((*w).thread);
            }
        } else if let Some(w) = take_partner(&raw mut c.sendq, me) {
            copy_value((*w).v, v, c.elsize);
            settle(ch, w, (*w).shared);
            woken.push((*w).thread);
        } else if c.is_closed() {
            return Readiness::Closed;
        } else {
            return Readiness::Blocked;
        }
        Readiness::Ready
    }
}

/// Makes room in `v` for `extra` more items, for an alt of `n` entries;
/// aborts with a message saying so when memory runs out.
fn reserve<T>(v: &mut Vec<T>, extra: usize, n: usize) {
    if v.try_reserve(extra).is_err() {
        die!("alt: out of memory for an alt of {n} entries");
    }
}

/// A small vector on the stack, spilling to the heap past N items.
struct Small<T: Copy, const N: usize> {
    inline: [MaybeUninit<T>; N],
    heap: Vec<T>,
    len: usize,
}

impl<T: Copy, const N: usize> Small<T, N> {
    fn with_capacity(cap: usize) -> Self {
        let mut heap = Vec::new();
        if cap > N {
            reserve(&mut heap, cap, cap);
        }
        Small { inline: [const { MaybeUninit::uninit() }; N], heap, len: 0 }
    }

    /// Appends; never reallocates within the capacity given at creation.
    fn push(&mut self, x: T) {
        if self.heap.capacity() > 0 {
            self.heap.push(x);
        } else {
            self.inline[self.len].write(x);
        }
        self.len += 1;
    }

    /// Keeps the first `n` items.
    fn truncate(&mut self, n: usize) {
        self.len = n;
        self.heap.truncate(n);
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        if self.heap.capacity() > 0 {
            &mut self.heap[..]
        } else {
            // SAFETY: the first len items were written by push.
            unsafe { core::slice::from_raw_parts_mut(self.inline.as_mut_ptr().cast(), self.len) }
        }
    }
}

/// An entry of the array, as scanned in phase 1.
#[derive(Clone, Copy)]
struct Entry {
    ch: *mut Chan,
    send: bool,
}

/// The channels of an alt, each once, in address order, and how each
/// was entered.
struct Locks {
    chans: Small<*mut Chan, 8>,
    biased: Small<bool, 8>,
    /// The calling proc's lock id.
    me: u32,
}

impl Locks {
    fn new(entries: &mut [Option<Entry>], me: *mut Proc) -> Locks {
        let mut chans = Small::with_capacity(entries.len());
        for e in entries.iter().flatten() {
            chans.push(e.ch);
        }
        let s = chans.as_mut_slice();
        s.sort_unstable();
        let mut n = 0;
        for i in 0..s.len() {
            if i == 0 || s[i] != s[n - 1] {
                s[n] = s[i];
                n += 1;
            }
        }
        chans.truncate(n);
        let mut biased = Small::with_capacity(n);
        for _ in 0..n {
            biased.push(false);
        }
        Locks { chans, biased, me: proc::lock_id(me) }
    }

    fn lock_all(&mut self) {
        let chans = self.chans.as_mut_slice();
        // SAFETY: the channels were checked in phase 1, and are kept alive
        // by the caller (or by our own waiters in them).
        unsafe {
            // Revoking a bias waits for its owner; do it holding no lock.
            for &ch in chans.iter() {
                if (*ch).lock.biased_elsewhere(self.me) {
                    (*ch).lock.unbias();
                }
            }
            for (&ch, biased) in chans.iter().zip(self.biased.as_mut_slice()) {
                *biased = (*ch).lock.lock(self.me);
            }
        }
    }

    fn unlock_all(&mut self) {
        for (&ch, &biased) in self.chans.as_mut_slice().iter().zip(self.biased.as_mut_slice().iter()) {
            // SAFETY: lock_all entered every lock this way.
            unsafe { (*ch).lock.unlock(biased) };
        }
    }
}

/// Runs an alt over the array at `a`; `who` names the calling function in
/// messages. See alt in thread(3) for the result.
///
/// # Safety
/// `a` points to an array of Alt ending in CHANEND or CHANNOBLK; value
/// pointers are nil or valid for their channel's element size.
pub unsafe fn alt(a: *mut Alt, who: &str) -> c_int {
    let p = proc::current();
    // Phase 1: scan. The entries that take part go in the proc's scratch
    // list, which no other alt of the proc uses before the probe is over:
    // nothing in between switches threads, except exiting a killed thread.
    // A small alt is checked and listed in one pass. A larger one is
    // checked to its end first; from SAMPLE_FROM entries on it is sampled,
    // and the rest of it listed only if that failed.
    // SAFETY: p is the calling proc; the array is valid per the contract.
    let (n, nonblocking) = unsafe {
        let order = &mut (*p).alt_order;
        order.clear();
        reserve(order, SMALL, SMALL);
        match scan(a, who, 0, Some(SMALL), order, true) {
            Some(end) => end,
            None => {
                let end = scan(a, who, SMALL, None, order, false);
                let (n, nonblocking) = end.unwrap_or_else(|| unreachable!("alt: an array without end"));
                if n >= SAMPLE_FROM {
                    if !nonblocking {
                        kill::exit_if_killed((*p).current);
                    }
                    if let Some(i) = sample(p, a, n, who) {
                        return i;
                    }
                }
                // The first SMALL entries are listed already.
                let order = &mut (*p).alt_order;
                reserve(order, n - SMALL, n);
                scan(a, who, SMALL, Some(n), order, true);
                (n, nonblocking)
            }
        }
    };
    // Whether there are channel entries matters only when none takes part.
    // SAFETY: the first n entries are the array's.
    let any_channel = unsafe { !(*p).alt_order.is_empty() || (0..n).any(|i| is_channel_op((*a.add(i)).op)) };
    // SAFETY: as above.
    let active = unsafe { (*p).alt_order.len() };
    if !nonblocking {
        // A blocking alt is a scheduling point, even when every entry has
        // been reported closed.
        // SAFETY: p is the calling proc.
        unsafe { kill::exit_if_killed((*p).current) };
    }
    if any_channel && active == 0 {
        return -1;
    }

    // Phase 2: probe.
    // SAFETY: the scanned entries are valid channel entries.
    if let Some(i) = unsafe { probe(p, a, who) } {
        return i;
    }
    if nonblocking {
        return n as c_int;
    }
    // SAFETY: as above.
    unsafe { alt_wait(p, a, n, active, who.as_ptr(), who.len()) }
}

/// [`alt_locked`], for [`alt_wait`], which the probe's failure leaves to
/// wait in nearly every case.
///
/// # Safety
/// As for [`alt_locked`]; `who` and `who_len` are a `&str`'s pointer and
/// length.
unsafe extern "C" fn alt_wait_body(p: *mut Proc, a: *mut Alt, n: usize, active: usize, who: *const u8, who_len: usize) -> c_int {
    // SAFETY: per the contract.
    unsafe { alt_locked(p, a, n, active, core::str::from_utf8_unchecked(core::slice::from_raw_parts(who, who_len))) }
}

crate::arch::return_by_jump!(fn alt_wait(p: *mut Proc, a: *mut Alt, n: usize, active: usize, who: *const u8, who_len: usize) -> c_int = alt_wait_body);

/// Phase 1: checks the entries from `start` on, up to the terminator but
/// not past `limit` entries if given, and when `list` is set appends to
/// `order` the index of every entry that takes part (a send or a receive
/// not already reported closed). Returns the number of entries before the
/// terminator and whether that is CHANNOBLK, or None when the limit came
/// first.
///
/// # Safety
/// As for [`alt`]; with `list`, a `limit` is given and `order` has room
/// for `limit - start` more indices.
#[inline(always)]
unsafe fn scan(a: *mut Alt, who: &str, start: usize, limit: Option<usize>, order: &mut Vec<u32>, list: bool) -> Option<(usize, bool)> {
    // The list is filled through a raw pointer: large alts make this loop
    // hot, and Vec::push would keep the length in memory.
    let buf = order.as_mut_ptr();
    let mut len = order.len();
    let mut end = None;
    let mut n = start;
    while limit != Some(n) {
        if !list && limit.is_none() {
            // SAFETY: per the contract.
            n = unsafe { skip_channel_entries(a, n) };
        }
        // SAFETY: the array runs up to its terminator, per the contract.
        let e = unsafe { &*a.add(n) };
        if is_channel_op(e.op) {
            if e.c.is_null() {
                bad_entry(who, n, e.op);
            }
            if list {
                // Written always, kept only for an entry that takes part:
                // no branch on the entry's state.
                // SAFETY: within the room the caller made.
                unsafe { buf.add(len).write(n as u32) };
                len += usize::from(e.err.cast_const() != CLOSED_MSG.as_ptr());
            }
        } else if e.op == ChanOp::CHANEND as u32 || e.op == ChanOp::CHANNOBLK as u32 {
            end = Some((n, e.op == ChanOp::CHANNOBLK as u32));
            break;
        } else if e.op != ChanOp::CHANNOP as u32 {
            bad_entry(who, n, e.op);
        }
        n += 1;
    }
    // SAFETY: the items up to len were written.
    unsafe { order.set_len(len) };
    end
}

/// The index of the first entry from `n` on that is not a send or receive
/// with a channel: the check that most entries of a large alt need, in a
/// loop kept tight (seven instructions an entry on x86_64).
///
/// # Safety
/// As for [`alt`].
#[inline(always)]
unsafe fn skip_channel_entries(a: *mut Alt, n: usize) -> usize {
    let mut e = a.wrapping_add(n).cast_const();
    // SAFETY: entries before the terminator are readable, and a send or
    // receive entry is not the terminator.
    unsafe {
        while is_channel_op((*e).op) && !(*e).c.is_null() {
            e = e.add(1);
        }
        e.offset_from(a) as usize
    }
}

/// Whether an entry's op is a send or a receive, the entries with a channel.
#[inline(always)]
fn is_channel_op(op: u32) -> bool {
    const SND: u32 = ChanOp::CHANSND as u32;
    const RCV: u32 = ChanOp::CHANRCV as u32;
    const _: () = assert!(RCV == SND + 1);
    // One comparison for both.
    op.wrapping_sub(SND) <= RCV - SND
}

#[cold]
#[inline(never)]
fn bad_entry(who: &str, n: usize, op: u32) -> ! {
    if is_channel_op(op) {
        die!("{who}: entry {n} has a nil channel");
    }
    die!("{who}: entry {n} has unknown op {op}")
}

/// Phase 2: tries the entries in the proc's scratch list in a random order,
/// holding one channel lock at a time, and completes the first that can
/// proceed. The first ready entry of a uniformly random order is uniformly
/// distributed among the ready ones, and when many are ready the probe
/// stops early: a fan-in over K channels costs O(1) locks, not O(K).
/// Returns the completed entry's index, or None when none could proceed;
/// the caller then locks every channel, which a thread must hold to sleep.
///
/// # Safety
/// As for [`alt`]; the scratch list holds indices of send or receive
/// entries with non-nil channels.
unsafe fn probe(p: *mut Proc, a: *mut Alt, who: &str) -> Option<c_int> {
    // SAFETY: per the contract; the list is not used elsewhere meanwhile,
    // and nothing here switches threads.
    unsafe {
        let mut order = core::mem::take(&mut (*p).alt_order);
        let len = order.len();
        let mut chosen = None;
        for i in 0..len {
            // One step of a Fisher-Yates shuffle: order[i] is uniformly
            // random among the entries not yet tried.
            let j = i + (*p).random_below((len - i) as u32) as usize;
            order.swap(i, j);
            chosen = try_entry(p, a, order[i] as usize, who);
            if chosen.is_some() {
                break;
            }
        }
        (*p).alt_order = order;
        chosen
    }
}

/// Alts over fewer entries are checked and listed in one pass.
const SMALL: usize = 16;
/// Alts over at least this many entries try entries drawn at random before
/// listing those that take part.
const SAMPLE_FROM: usize = 32;
/// How many entries they draw.
const SAMPLES: usize = 8;

/// Phase 2 of a large alt: draws up to SAMPLES entries uniformly at random,
/// with replacement, and completes the first that takes part and can
/// proceed, holding one channel lock at a time. Each draw is uniform and
/// independent, so the entry completed is uniformly distributed among those
/// that could proceed; when none did, the caller goes on to the full probe,
/// which chooses uniformly as well. When many entries are ready this spares
/// listing them: a fan-in over 512 channels runs a quarter fewer
/// instructions.
///
/// # Safety
/// As for [`alt`]; the first `n` entries (n > 0) passed [`scan`].
unsafe fn sample(p: *mut Proc, a: *mut Alt, n: usize, who: &str) -> Option<c_int> {
    for _ in 0..SAMPLES {
        // SAFETY: per the contract, k < n.
        unsafe {
            let k = (*p).random_below(n as u32) as usize;
            let e = &*a.add(k);
            if !is_channel_op(e.op) || e.err.cast_const() == CLOSED_MSG.as_ptr() {
                continue;
            }
            if let Some(i) = try_entry(p, a, k, who) {
                return Some(i);
            }
        }
    }
    None
}

/// Completes entry `k` if it can proceed now, holding only its channel's
/// lock; returns its index then.
///
/// # Safety
/// As for [`alt`]; entry `k` is a send or receive with a non-nil channel.
#[inline(always)]
unsafe fn try_entry(p: *mut Proc, a: *mut Alt, k: usize, who: &str) -> Option<c_int> {
    // SAFETY: per the contract; nothing here switches threads.
    unsafe {
        let e = &mut *a.add(k);
        let ch = Chan::check(e.c, who);
        let biased = (*ch).lock.lock((*p).lock_id);
        let mut woken = WakeList::new();
        let how = complete(ch, e.op == ChanOp::CHANSND as u32, e.v, p, &mut woken);
        (*ch).lock.unlock(biased);
        match how {
            Readiness::Blocked => return None,
            Readiness::Ready => woken.ready_all(p),
            Readiness::Closed => e.err = CLOSED_MSG.as_ptr().cast_mut(),
        }
        Some(k as c_int)
    }
}

/// Phases 3 to 5: with every channel locked, chooses and completes an entry
/// that can proceed, or sleeps until one completes.
///
/// # Safety
/// As for [`alt`]; `n` and `active` are what the scan found.
unsafe fn alt_locked(p: *mut Proc, a: *mut Alt, n: usize, active: usize, who: &str) -> c_int {
    // The lists of a large alt are on the heap: they must be dropped before
    // a killed thread exits below, as an exiting thread's frames are never
    // unwound.
    let outcome = {
        let mut entries: Small<Option<Entry>, 4> = Small::with_capacity(n);
        for i in 0..n {
            // SAFETY: i is within the scanned array.
            let e = unsafe { &*a.add(i) };
            let used = is_channel_op(e.op) && e.err.cast_const() != CLOSED_MSG.as_ptr();
            entries.push(used.then(|| Entry { ch: Chan::check(e.c, who), send: e.op == ChanOp::CHANSND as u32 }));
        }
        let entries = entries.as_mut_slice();

        let mut locks = Locks::new(entries, p);
        locks.lock_all();

        // SAFETY: the locks are held; value pointers are valid per the
        // contract.
        unsafe {
            while let Some((i, how)) = choose(p, entries) {
                let e = entries[i].expect("chosen entries are used");
                let mut woken = WakeList::new();
                let how = if how == Readiness::Closed { how } else { complete(e.ch, e.send, (*a.add(i)).v, p, &mut woken) };
                if how == Readiness::Blocked {
                    continue; // the partner was taken meanwhile: choose again
                }
                locks.unlock_all();
                woken.ready_all(p);
                if how == Readiness::Closed {
                    (*a.add(i)).err = CLOSED_MSG.as_ptr().cast_mut();
                }
                return i as c_int;
            }
        }

        // SAFETY: the locks are held.
        unsafe { sleep(p, a, entries, active, &mut locks) }
    };
    // SAFETY: p is the calling proc.
    unsafe { kill::exit_if_killed((*p).current) };
    if outcome == INTERRUPTED {
        return -1;
    }
    let i = (outcome & !CLOSED) as usize;
    if outcome & CLOSED != 0 {
        // SAFETY: i is an index into the array.
        unsafe { (*a.add(i)).err = CLOSED_MSG.as_ptr().cast_mut() };
    }
    i as c_int
}

/// Picks uniformly at random among the entries that can proceed.
///
/// # Safety
/// The caller holds the locks of the entries' channels.
unsafe fn choose(p: *mut Proc, entries: &[Option<Entry>]) -> Option<(usize, Readiness)> {
    let mut chosen = None;
    let mut nready = 0;
    for (i, e) in entries.iter().enumerate() {
        let Some(e) = e else { continue };
        // SAFETY: per the contract.
        let r = unsafe { readiness(e.ch, e.send) };
        if r == Readiness::Blocked {
            continue;
        }
        nready += 1;
        // SAFETY: p is the calling proc.
        if nready == 1 || unsafe { (*p).random_below(nready) } == 0 {
            chosen = Some((i, r));
        }
    }
    chosen
}

/// Queues a waiter for every used entry, sleeps until one completes, then
/// leaves the other queues. Returns the outcome left in `wake`.
///
/// # Safety
/// The caller holds every lock in `locks`; `p` is the calling proc.
unsafe fn sleep(p: *mut Proc, a: *mut Alt, entries: &[Option<Entry>], active: usize, locks: &mut Locks) -> u32 {
    // SAFETY: per the contract. The waiters live in this frame, which does
    // not return before every one of them has left its queue.
    unsafe {
        let t = (*p).current;
        let shared = active > 1;
        let mut waiters: Small<Waiter, 4> = Small::with_capacity(entries.len());
        for i in 0..entries.len() {
            waiters.push(Waiter::new(t, p, (*a.add(i)).v, i as u32, shared));
        }
        let ws = waiters.as_mut_slice();
        (*t).wait.set(Wait::Forever);
        for (w, e) in ws.iter_mut().zip(entries) {
            let Some(e) = e else { continue };
            enqueue(e.ch, e.send, w);
            (*t).wait.set(Wait::Single { w });
        }
        if shared {
            (*t).wait.set(Wait::Multi);
        }
        (*t).set_waiting((*t).wait.get());
        (*t).wake.store(if shared { PENDING_MULTI } else { PENDING }, Ordering::Relaxed);
        (*t).set_blocked();
        locks.unlock_all();
        sched::block(p);
        (*t).wait.set(Wait::None);
        let outcome = (*t).wake.load(Ordering::Acquire);
        // A waiter on one entry may have been settled by its completer:
        // then it has left already, and its channel may be gone (freed by
        // the completer), so no lock of it may be taken again.
        if active > 0 && !ws.iter().any(|w| w.settled) {
            leave_queues(ws, entries, locks);
        }
        outcome
    }
}

/// Queues `w` on `ch` for a send or a receive.
///
/// # Safety
/// The caller holds the lock of `ch`; `w` stays put until it has left.
#[inline]
unsafe fn enqueue(ch: *mut Chan, send: bool, w: *mut Waiter) {
    // SAFETY: per the contract.
    unsafe {
        (*w).ch = ch;
        (*w).send = send;
        (*(*ch).queue(send)).push(w);
        (*ch).nwaiters += 1;
    }
}

/// Leaves the channel on which the caller queued `w`, once awake: unlinks
/// the waiter if nobody did, and returns whether the caller must free the
/// channel (the program freed it and the caller was the last to leave).
/// Nothing is left to do when the completer settled the waiter.
///
/// # Safety
/// The caller queued `w` and holds the lock of its channel.
#[inline]
unsafe fn leave(w: *mut Waiter) -> bool {
    // SAFETY: per the contract.
    unsafe {
        if (*w).settled {
            return false;
        }
        let ch = (*w).ch;
        (*ch).assert_live("alt");
        if (*w).queued {
            (*(*ch).queue((*w).send)).remove(w);
        }
        (*ch).nwaiters -= 1;
        (*ch).should_release()
    }
}

/// Takes the waiters of a woken alt out of the queues they are still in.
fn leave_queues(ws: &mut [Waiter], entries: &[Option<Entry>], locks: &mut Locks) {
    locks.lock_all();
    let mut release: Small<*mut Chan, 4> = Small::with_capacity(entries.len());
    for (w, e) in ws.iter_mut().zip(entries) {
        let Some(e) = e else { continue };
        // SAFETY: we hold every lock and queued each used entry's waiter.
        if unsafe { leave(w) } {
            release.push(e.ch);
        }
    }
    locks.unlock_all();
    for &ch in release.as_mut_slice().iter() {
        // SAFETY: the program freed the channel and its last waiter left.
        unsafe { channel::release(ch) };
    }
}

/// Ends the wait of `t`, blocked in a channel operation (or in a wait with
/// a cancel function: Wait::Cancel), as interrupted. Returns false when the
/// wait is already over (completed, or being completed by a partner who
/// will ready `t`).
///
/// # Safety
/// Called by `t`'s own proc `p`, between threads: `t` is not running, so its
/// wait record and waiters hold still. The channel of a one-entry wait may
/// be gone once a completer has won the wait (see the Single case).
pub unsafe fn interrupt_wait(p: *mut Proc, t: *mut Thread) -> bool {
    // SAFETY: per the contract.
    unsafe {
        match (*t).wait.get() {
            Wait::None => false,
            Wait::Forever => {
                (*t).wake.store(INTERRUPTED, Ordering::Relaxed);
                true
            }
            Wait::Cancel(cancel) => {
                if !cancel(t) {
                    return false;
                }
                (*t).wake.store(INTERRUPTED, Ordering::Relaxed);
                true
            }
            Wait::Multi => (*t)
                .wake
                .compare_exchange(PENDING_MULTI, INTERRUPTED, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok(),
            Wait::Single { w } => {
                if (*w).thread != t {
                    die!("threadint: internal error: thread {} has a stale wait record", (*t).id);
                }
                // A completer in another proc may be winning the word now.
                // Until we win it, the channel is not ours to touch: its
                // completer may have settled the waiter and the channel been
                // freed since.
                if (*t).wake.compare_exchange(PENDING, INTERRUPTED, Ordering::AcqRel, Ordering::Relaxed).is_err() {
                    return false;
                }
                // Won: nobody settled the waiter, so the thread still counts
                // in the channel's `nwaiters`, and the channel is allocated.
                let ch = (*w).ch;
                (*ch).assert_live("threadint");
                let biased = (*ch).lock.lock((*p).lock_id);
                if (*w).queued {
                    (*(*ch).queue((*w).send)).remove(w);
                }
                (*ch).lock.unlock(biased);
                true
            }
        }
    }
}

/// send or recv in all its forms: a one-entry alt, taking the same steps as
/// [`alt`] without the bookkeeping that several entries need. Returns 1 on
/// success, 0 when a non-blocking operation would block, -1 when the
/// channel is closed or the operation was interrupted.
///
/// What most operations find, a channel that only the calling proc uses
/// and on which, if anyone waits, it is a one-entry waiter of the proc, is
/// handled by [`quick`], inlined into every entry point: it makes no call
/// but a last one to memcpy, so it needs no frame and saves no registers.
/// Waiting and everything else go out of line: a thread that blocks saves
/// its registers there, once.
///
/// # Safety
/// `v` is nil or valid for the channel's element size.
#[inline(always)]
pub unsafe fn op(c: *mut Channel, send: bool, v: *mut c_void, block: bool, who: &str) -> c_int {
    let ch = Chan::check(c, who);
    // SAFETY: per the contract; elsize is constant.
    unsafe { op_rest(ch, send, v, block, quick(ch, send, v, block, (*ch).elsize)) }
}

/// What [`quick`] did, and what is left to [`op_slow`].
enum Quick {
    /// Finished the operation, with this result.
    Done(c_int),
    /// The calling thread of proc .0 must wait, with the channel's lock
    /// entered biased.
    Wait(*mut Proc),
    /// Everything else. .1 says whether proc .0, the caller's, entered the
    /// lock biased; if not, .0 is nil when the calling OS thread is not yet
    /// a proc, and otherwise has passed the scheduling point's kill check.
    Slow(*mut Proc, bool),
}

/// The quick path of [`op`], for a channel whose lock is biased towards the
/// calling proc: does what [`complete`] does when the partner, if any, is a
/// one-entry waiter of the proc and, for the buffer, when elements are at
/// most a word; and finds out whether the operation must wait. `n` is the
/// channel's elsize: a constant, when the caller knows it.
///
/// # Safety
/// As for [`op`], and `ch` passed Chan::check.
#[inline(always)]
unsafe fn quick(ch: *mut Chan, send: bool, v: *mut c_void, block: bool, n: u32) -> Quick {
    // SAFETY: ch is live, and entered for every access below; v per the
    // contract.
    unsafe {
        // Copying a larger element to or from the buffer calls memcpy.
        let small = n as usize <= size_of::<usize>();
        // An OS thread not yet adopted goes the slow way, which adopts it.
        let p = proc::current_or_null();
        if p.is_null() {
            return Quick::Slow(p, false);
        }
        if block {
            // A blocking operation is a scheduling point.
            kill::exit_if_killed((*p).current);
        }
        if !(*ch).lock.enter_biased((*p).lock_id) {
            return Quick::Slow(p, false);
        }
        let c = &mut *ch;
        if send {
            if c.is_closed() {
                c.lock.unlock(true);
                return Quick::Done(-1);
            }
            let w = c.recvq.first();
            if !w.is_null() {
                return hand_off(p, ch, &raw mut c.recvq, w, v, (*w).v, n);
            }
            if c.count < c.cap {
                if !small {
                    return Quick::Slow(p, true);
                }
                c.put(v, n);
                c.lock.unlock(true);
                return Quick::Done(1);
            }
        } else {
            let w = c.sendq.first();
            if c.count > 0 {
                // With a sender waiting, its value moves into the buffer.
                if !w.is_null() || !small {
                    return Quick::Slow(p, true);
                }
                c.take(v, n);
                c.lock.unlock(true);
                return Quick::Done(1);
            }
            if !w.is_null() {
                return hand_off(p, ch, &raw mut c.sendq, w, (*w).v, v, n);
            }
            if c.is_closed() {
                c.lock.unlock(true);
                return Quick::Done(-1);
            }
        }
        if !block {
            c.lock.unlock(true);
            return Quick::Done(0);
        }
        Quick::Wait(p)
    }
}

/// For [`quick`]: completes the operation of `w`, the first waiter of `q`,
/// the other side of `ch`, by copying `n` bytes from `src` to `dst` (one
/// of them the waiter's value), if it is a one-entry waiter of proc `p`;
/// otherwise leaves it to [`op_slow`].
///
/// # Safety
/// As for [`quick`], which entered the lock biased; `w` is the first
/// waiter of `q`.
#[inline(always)]
unsafe fn hand_off(p: *mut Proc, ch: *mut Chan, q: *mut WaitQueue, w: *mut Waiter, src: *const c_void, dst: *mut c_void, n: u32) -> Quick {
    // SAFETY: per the contract; a queued waiter and its thread are valid.
    unsafe {
        prefetch_resume(w);
        let t = (*w).thread;
        if (*w).shared || (*t).proc != p || (*t).dying() {
            return Quick::Slow(p, true);
        }
        // A one-entry waiter of this proc still queued is pending (claim).
        (*t).wake.store((*w).index, Ordering::Relaxed);
        (*q).remove_first(w);
        settle(ch, w, false);
        (*ch).lock.unlock(true);
        sched::ready_local(p, t);
        // The copy comes last, so that when it is a call to memcpy, nothing
        // is needed after it and the path still needs no frame. The waiter's
        // thread, of this proc, cannot run before we block or return, and
        // the copy touches no part of the channel.
        copy_value(src, dst, n);
        Quick::Done(1)
    }
}

/// Finishes what [`quick`] left of an operation, out of line, in a
/// function made for its kind of operation.
///
/// # Safety
/// As for [`quick`], which returned `rest`.
#[inline(always)]
unsafe fn op_rest(ch: *mut Chan, send: bool, v: *mut c_void, block: bool, rest: Quick) -> c_int {
    // SAFETY: per the contract.
    unsafe {
        match rest {
            Quick::Done(r) => r,
            Quick::Wait(p) => wait_status(p, ch, v as usize, if send { Waiting::SEND } else { Waiting::RECV }),
            Quick::Slow(p, entered) => match (send, block) {
                (true, true) => op_out_of_line::<true, true>(ch, v, p, entered),
                (true, false) => op_out_of_line::<true, false>(ch, v, p, entered),
                (false, true) => op_out_of_line::<false, true>(ch, v, p, entered),
                (false, false) => op_out_of_line::<false, false>(ch, v, p, entered),
            },
        }
    }
}

/// What the waiting part of a one-entry operation ([`wait_body`]) does:
/// send or receive, at a pointer or a word.
struct Waiting;

impl Waiting {
    /// Send the value at a pointer; the result is [`op`]'s.
    const SEND: u32 = 0;
    /// Flag: receive.
    const RECV: u32 = 1;
    /// Flag: the value is a word.
    const WORD: u32 = 2;
    /// Send a word; the result is [`op`]'s.
    const SEND_WORD: u32 = Waiting::WORD;
    /// Receive a word, passing 0; the result is the word, or 0 if the
    /// receive failed.
    const RECV_WORD: u32 = Waiting::RECV | Waiting::WORD;
}

/// The part of a one-entry operation that waits, when [`quick`] has found
/// it must, with the lock entered biased: [`op_block`] for each kind of
/// operation, `what` being one of [`Waiting`]'s, and `x` the pointer or
/// the word to send. Every such operation waits here, whatever it is, so
/// that a thread resumes through the same return addresses as the one
/// that switched to it, and the processor predicts them (see the arch
/// module): [`wait_status`], [`wait_word`] and [`wait_pointer`], which
/// the operations call in tail position, all call it from one place.
///
/// # Safety
/// As for [`op_block`]; `x` is a pointer valid for the channel's element
/// size, or a word for a channel whose elements are words.
unsafe extern "C" fn wait_body(p: *mut Proc, ch: *mut Chan, x: usize, what: u32) -> usize {
    // A word to receive starts as x, 0: a receive that fails leaves it so.
    let mut word = x;
    let v = if what & Waiting::WORD != 0 { (&raw mut word).cast() } else { x as *mut c_void };
    // SAFETY: per the contract.
    let r = unsafe { op_block::<false>(p, ch, what & Waiting::RECV == 0, v, true) };
    // A c_int result travels in the low half of the word.
    if what == Waiting::RECV_WORD { word } else { r as usize }
}

crate::arch::return_by_jump!(fn wait_shared(p: *mut Proc, ch: *mut Chan, x: usize, what: u32) -> usize = wait_body);

// [`wait_shared`] under each type the operations return.
crate::arch::jump_to!(fn wait_status(p: *mut Proc, ch: *mut Chan, x: usize, what: u32) -> c_int = wait_shared);
crate::arch::jump_to!(fn wait_word(p: *mut Proc, ch: *mut Chan, x: usize, what: u32) -> usize = wait_shared);
crate::arch::jump_to!(fn wait_pointer(p: *mut Proc, ch: *mut Chan, x: usize, what: u32) -> *mut c_void = wait_shared);

/// [`op_slow`], out of line, for [`op`].
///
/// # Safety
/// As for [`op_slow`].
#[inline(never)]
unsafe fn op_out_of_line<const SEND: bool, const BLOCK: bool>(ch: *mut Chan, v: *mut c_void, p: *mut Proc, entered: bool) -> c_int {
    // SAFETY: per the contract.
    unsafe { op_slow(ch, SEND, v, BLOCK, p, entered) }
}

/// [`op`] for the cases [`quick`] leaves to it, with `p` and `entered` as
/// in [`Quick::Slow`].
///
/// # Safety
/// As for [`op`], and `ch` passed Chan::check.
#[inline(always)]
unsafe fn op_slow(ch: *mut Chan, send: bool, v: *mut c_void, block: bool, mut p: *mut Proc, entered: bool) -> c_int {
    // SAFETY: ch is live and entered for every access below; v per the
    // contract.
    unsafe {
        if p.is_null() {
            p = proc::current();
            if block {
                kill::exit_if_killed((*p).current);
            }
        }
        let biased = entered || (*ch).lock.lock((*p).lock_id);
        let mut woken = WakeList::new();
        match complete(ch, send, v, p, &mut woken) {
            Readiness::Ready => {
                (*ch).lock.unlock(biased);
                woken.ready_all(p);
                1
            }
            Readiness::Closed => {
                (*ch).lock.unlock(biased);
                -1
            }
            Readiness::Blocked if !block => {
                (*ch).lock.unlock(biased);
                0
            }
            Readiness::Blocked => op_block::<true>(p, ch, send, v, biased),
        }
    }
}

/// A waiter in a cache line of its own.
#[repr(align(64))]
struct LineWaiter(Waiter);

const _: () = assert!(size_of::<LineWaiter>() == 64, "a waiter outgrew its cache line");

/// The rest of a one-entry operation that must wait: queues a waiter on
/// `ch`, whose lock the caller holds (entered as `biased` says), sleeps
/// until a partner, chanclose or an interrupt ends the wait, and leaves.
///
/// With OWN_LINE, on [`op_slow`]'s path (channels other procs use, and the
/// cases [`quick`] leaves), the waiter gets a cache line of its own: a
/// partner in another proc then takes one line from this thread's stack
/// for it, not two (cross-proc ping-pong: 8 to 14% faster). A partner in
/// this proc wants the opposite, the waiter packed with the frames around
/// it: aligned, it made every thread of a ring of 503 touch one line more
/// (26% slower).
///
/// # Safety
/// As for [`op`]; `p` is the calling proc.
#[inline(always)]
unsafe fn op_block<const OWN_LINE: bool>(p: *mut Proc, ch: *mut Chan, send: bool, v: *mut c_void, biased: bool) -> c_int {
    // SAFETY: the waiter stays in this frame until it has left the queue;
    // the channel stays allocated while it counts us in `nwaiters`.
    unsafe {
        let t = (*p).current;
        let mut packed;
        let mut lined;
        // Partners reach the waiter through this pointer: use no other.
        let w: *mut Waiter = if OWN_LINE {
            lined = LineWaiter(Waiter::new(t, p, v, 0, false));
            &raw mut lined.0
        } else {
            packed = Waiter::new(t, p, v, 0, false);
            &raw mut packed
        };
        enqueue(ch, send, w);
        (*t).wait.set(Wait::Single { w });
        (*t).set_waiting((*t).wait.get());
        (*t).wake.store(PENDING, Ordering::Relaxed);
        (*t).set_blocked();
        (*ch).lock.unlock(biased);
        sched::block(p);
        (*t).wait.set(Wait::None);
        if !(*w).settled {
            leave_channel(w);
        }
        let r = if (*t).wake.load(Ordering::Acquire) == 0 { 1 } else { -1 };
        kill::exit_if_killed(t);
        r
    }
}

/// The end of [`op_block`] for a waiter its completer did not settle:
/// leaves the channel, and frees it if the program did and nobody else is
/// left. Out of line, so that across the switch [`op_block`] keeps only
/// the thread and the waiter.
///
/// # Safety
/// The calling thread queued `w` and is awake.
#[cold]
#[inline(never)]
unsafe fn leave_channel(w: *mut Waiter) {
    // SAFETY: per the contract; the channel counts us in `nwaiters`.
    unsafe {
        let ch = (*w).ch;
        let biased = (*ch).lock.lock(proc::lock_id(proc::current()));
        let release = leave(w);
        (*ch).lock.unlock(biased);
        if release {
            channel::release(ch);
        }
    }
}

#[cold]
fn word_too_small(c: *mut Channel, elsize: usize, who: &str) -> ! {
    die!("{who}: channel {c:p} has {elsize}-byte elements, larger than a pointer or ulong")
}

/// `c`, checked as [`Chan::check`] does, as a channel a word can travel
/// on (elements of at most a word), and its element size; aborts, naming
/// `who`, if it is not one.
pub fn word_channel(c: *mut Channel, who: &str) -> (*mut Chan, u32) {
    let ch = Chan::check(c, who);
    // SAFETY: ch is a live channel; elsize is constant.
    let elsize = unsafe { (*ch).elsize };
    if elsize as usize > size_of::<usize>() {
        word_too_small(c, elsize as usize, who);
    }
    (ch, elsize)
}

/// Sends the word `w` (a pointer or unsigned long) on `c`, as [`op`] does.
/// `c` is checked as every channel operation checks it ([`Chan::check`]).
///
/// On a channel whose elements are a word, it keeps its frame free of
/// anything the out-of-line parts need, so that it calls them in tail
/// position: the value goes to them, not a pointer to it.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[inline(always)]
pub fn send_word(c: *mut Channel, w: usize, block: bool, who: &str) -> c_int {
    let Some(ch) = Chan::check_word(c) else {
        return narrow_send_word(c, w, block, who);
    };
    let mut word = w;
    // SAFETY: word is a local word, the channel's element size.
    unsafe {
        match quick(ch, true, (&raw mut word).cast(), block, WORD_BYTES) {
            Quick::Done(r) => r,
            Quick::Wait(p) => wait_status(p, ch, w, Waiting::SEND_WORD),
            Quick::Slow(p, entered) => send_word_slow(ch, w, block, p, entered),
        }
    }
}

/// [`send_word`] on a channel whose elements are not a word.
#[inline(never)]
fn narrow_send_word(c: *mut Channel, w: usize, block: bool, who: &str) -> c_int {
    let mut word = w;
    // SAFETY: word is a local word.
    unsafe { narrow_word_op(c, true, (&raw mut word).cast(), block, who) }
}

/// [`op_slow`] of [`send_word`].
///
/// # Safety
/// As for [`op_slow`].
#[inline(never)]
unsafe fn send_word_slow(ch: *mut Chan, w: usize, block: bool, p: *mut Proc, entered: bool) -> c_int {
    let mut word = w;
    // SAFETY: per the contract; word is a local word.
    unsafe { op_slow(ch, true, (&raw mut word).cast(), block, p, entered) }
}

/// Receives a word from `c`: [`op`]'s result, and the word (0 unless the
/// receive succeeded). `c` is checked as in [`send_word`].
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[inline(always)]
pub fn recv_word(c: *mut Channel, block: bool, who: &str) -> (c_int, usize) {
    // Written whole by a receive that succeeds (see word_op).
    let mut word = MaybeUninit::<usize>::uninit();
    // SAFETY: as in send_word.
    let r = unsafe { word_op(c, false, word.as_mut_ptr().cast(), block, who) };
    // SAFETY: per the above.
    (r, unsafe { word_if_received(r, word) })
}

/// A blocking [`recv_word`] for recvp and recvul, which return only the
/// word, as a pointer or an unsigned long: on a channel whose elements are
/// a word, it calls the out-of-line parts in tail position, as
/// [`send_word`] does.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[inline(always)]
pub fn recv_word_value<W: Word>(c: *mut Channel, who: &str) -> W {
    let Some(ch) = Chan::check_word(c) else {
        return W::from_word(narrow_recv_word(c, who));
    };
    let mut word = MaybeUninit::<usize>::uninit();
    // SAFETY: word is a local word, the channel's element size; a receive
    // that succeeds writes it whole.
    unsafe {
        match quick(ch, false, word.as_mut_ptr().cast(), true, WORD_BYTES) {
            Quick::Done(r) => W::from_word(word_if_received(r, word)),
            Quick::Wait(p) => W::wait(p, ch),
            Quick::Slow(p, entered) => W::from_word(recv_word_slow(ch, p, entered)),
        }
    }
}

/// A type a word received travels to the program as.
pub trait Word: Sized {
    /// The word as this type.
    fn from_word(w: usize) -> Self;

    /// The waiting part of [`recv_word_value`]: [`op_block`] with a word
    /// of its own, returning the word received or 0.
    ///
    /// # Safety
    /// As for [`op_block`], with the lock entered biased.
    unsafe fn wait(p: *mut Proc, ch: *mut Chan) -> Self;
}

impl Word for usize {
    fn from_word(w: usize) -> usize {
        w
    }

    unsafe fn wait(p: *mut Proc, ch: *mut Chan) -> usize {
        // SAFETY: per the contract.
        unsafe { wait_word(p, ch, 0, Waiting::RECV_WORD) }
    }
}

impl Word for *mut c_void {
    fn from_word(w: usize) -> *mut c_void {
        w as *mut c_void
    }

    unsafe fn wait(p: *mut Proc, ch: *mut Chan) -> *mut c_void {
        // SAFETY: per the contract.
        unsafe { wait_pointer(p, ch, 0, Waiting::RECV_WORD) }
    }
}

/// The word of a receive with result `r`, 0 unless it succeeded.
///
/// # Safety
/// A receive that succeeds wrote `word`.
#[inline(always)]
unsafe fn word_if_received(r: c_int, word: MaybeUninit<usize>) -> usize {
    // SAFETY: per the contract.
    if r == 1 { unsafe { word.assume_init() } } else { 0 }
}

/// [`recv_word_value`] on a channel whose elements are not a word.
#[inline(never)]
fn narrow_recv_word(c: *mut Channel, who: &str) -> usize {
    let mut word = MaybeUninit::<usize>::uninit();
    // SAFETY: word is a local word, which narrow_word_op fills.
    unsafe { word_if_received(narrow_word_op(c, false, word.as_mut_ptr().cast(), true, who), word) }
}

/// [`op_slow`] of [`recv_word_value`].
///
/// # Safety
/// As for [`op_slow`].
#[inline(never)]
unsafe fn recv_word_slow(ch: *mut Chan, p: *mut Proc, entered: bool) -> usize {
    let mut word = MaybeUninit::<usize>::uninit();
    // SAFETY: per the contract; a receive that succeeds writes the word.
    unsafe { word_if_received(op_slow(ch, false, word.as_mut_ptr().cast(), true, p, entered), word) }
}

/// Bytes in a word: the element size of the channels [`Chan::check_word`]
/// accepts.
const WORD_BYTES: u32 = size_of::<usize>() as u32;

/// [`op`] on the word at `v`, for a channel whose elements are a word,
/// as most that carry words have: one comparison checks the channel and
/// its element size, and the copy is of a size known here. A receive that
/// succeeds writes the whole word, uninitialised before.
///
/// # Safety
/// `v` points to a word.
#[inline(always)]
unsafe fn word_op(c: *mut Channel, send: bool, v: *mut c_void, block: bool, who: &str) -> c_int {
    // SAFETY: per the contract.
    unsafe {
        match Chan::check_word(c) {
            Some(ch) => op_rest(ch, send, v, block, quick(ch, send, v, block, WORD_BYTES)),
            None => narrow_word_op(c, send, v, block, who),
        }
    }
}

/// [`word_op`] for every other channel: one of smaller elements, which a
/// word travels on as its low-order bytes, or one the operation must
/// abort on.
///
/// # Safety
/// As for [`word_op`].
#[inline(never)]
unsafe fn narrow_word_op(c: *mut Channel, send: bool, v: *mut c_void, block: bool, who: &str) -> c_int {
    let (ch, elsize) = word_channel(c, who);
    // SAFETY: v points to a word, at least elsize bytes; a receive fills
    // the low-order elsize bytes of a word of zeros.
    unsafe {
        if !send {
            v.cast::<usize>().write(0);
        }
        op_rest(ch, send, v, block, quick(ch, send, v, block, elsize))
    }
}
