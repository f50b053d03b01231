//! Channels: the buffer, the queues of blocked partners, creation, close
//! and free. Every send and receive goes through alt (alt.rs).
//!
//! Locking rules: each channel has one lock, which guards every field but
//! the constants `elsize` and `cap`; `magic` is also read without it. It is
//! held only for a few dozen instructions and never across a context
//! switch. The lock is biased towards the proc that made the channel (see
//! sync::BiasedLock): until another proc touches the channel, taking it
//! costs no atomic operation. Alt locks several channels at once in address
//! order, after removing the bias of any channel biased towards another
//! proc. A thread is readied only after every channel lock is dropped: once
//! readied, it may run at once in another proc and free the channel.
//!
//! Ownership: chancreate mallocs the channel and its buffer in one block.
//! chaninit uses the caller's storage and mallocs only the buffer. A channel
//! freed while threads are blocked on it is freed by the last of them to
//! leave its queues (the seed's delayed free).

use core::ffi::{c_char, c_int, c_void};
use core::mem::size_of;
use core::ptr;

use crate::proc::{self, Proc};
use crate::sync::{AtomicU32, BiasedLock, Ordering};
use crate::thread::Thread;
use crate::{alt, die};

/// A channel as programs see it: storage of the right size and alignment,
/// whose contents belong to the library.
#[repr(C)]
pub struct Channel {
    _private: [*mut c_void; 16],
}

/// One entry of an alt array.
#[repr(C)]
pub struct Alt {
    /// The channel.
    pub c: *mut Channel,
    /// Where the value comes from or goes to; may be nil.
    pub v: *mut c_void,
    /// A ChanOp.
    pub op: crate::ffi::uint,
    /// Set by alt to "channel was closed" when the entry failed for that.
    pub err: *mut c_char,
}

/// The operation of an alt entry.
#[repr(C)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum ChanOp {
    CHANEND = 0,
    CHANSND = 1,
    CHANRCV = 2,
    CHANNOP = 3,
    CHANNOBLK = 4,
}

/// The string alt puts in the err field of an entry that failed because
/// its channel was closed.
pub static CLOSED_MSG: &core::ffi::CStr = c"channel was closed";

/// `magic` of a usable channel, with the flags below clear.
const MAGIC_LIVE: u32 = 0x6368_616c; // "chal"
/// Flag in `magic`: chanclose was called.
const CLOSED: u32 = 1;
/// Flag in `magic`: chanfree was called while threads were blocked on the
/// channel, and the last of them to leave releases it.
const FREED: u32 = 2;
/// Flag in `magic`, fixed at creation: elements are exactly a word (a
/// pointer or ulong), so that sendp, recvul and the like check the channel
/// and its element size with one comparison.
const WORD: u32 = 0x10;
/// `magic` of a channel whose memory was given back.
const MAGIC_RELEASED: u32 = 0x6465_6164; // "dead"

const _: () = assert!((MAGIC_LIVE | MAGIC_RELEASED) & (CLOSED | FREED | WORD) == 0);

/// The largest buffer a channel may have.
const MAX_BUFFER: usize = 1 << 30;

/// A thread blocked in alt on one entry: lives on that thread's stack.
#[derive(Clone, Copy)]
pub struct Waiter {
    next: *mut Waiter,
    prev: *mut Waiter,
    /// The blocked thread.
    pub thread: *mut Thread,
    /// The thread's proc: its completer starts to fetch that proc's inbox
    /// with the waiter, not after the thread's record.
    pub proc: *mut Proc,
    /// The channel the waiter is queued on, once queued.
    pub ch: *mut Chan,
    /// The entry's value pointer.
    pub v: *mut c_void,
    /// The entry's index in the alt array.
    pub index: u32,
    /// The thread waits on other entries too, so whoever completes this one
    /// must first win the thread's `wake` word (see alt.rs).
    pub shared: bool,
    /// Whether it waits to send (in the channel's sendq) or to receive.
    pub send: bool,
    /// Whether the waiter is linked in its channel's queue.
    pub queued: bool,
    /// Its completer has also done the thread's leaving of the channel (see
    /// alt::settle): once awake, the thread need not touch the channel
    /// again.
    pub settled: bool,
}

impl Waiter {
    pub fn new(thread: *mut Thread, proc: *mut Proc, v: *mut c_void, index: u32, shared: bool) -> Waiter {
        Waiter { next: ptr::null_mut(), prev: ptr::null_mut(), thread, proc, ch: ptr::null_mut(), v, index, shared, send: false, queued: false, settled: false }
    }
}

/// A FIFO of waiters, doubly linked so a waiter can leave from anywhere.
#[repr(C)]
pub struct WaitQueue {
    head: *mut Waiter,
    tail: *mut Waiter,
}

impl WaitQueue {
    /// # Safety
    /// `w` is valid, unqueued, and stays put until it leaves the queue.
    pub unsafe fn push(&mut self, w: *mut Waiter) {
        // SAFETY: per the contract; queued waiters are valid.
        unsafe {
            (*w).next = ptr::null_mut();
            (*w).prev = self.tail;
            if self.tail.is_null() {
                self.head = w;
            } else {
                (*self.tail).next = w;
            }
            (*w).queued = true;
        }
        self.tail = w;
    }

    /// # Safety
    /// `w` is in this queue.
    pub unsafe fn remove(&mut self, w: *mut Waiter) {
        // SAFETY: queued waiters are valid.
        unsafe {
            let (prev, next) = ((*w).prev, (*w).next);
            if prev.is_null() { self.head = next } else { (*prev).next = next }
            if next.is_null() { self.tail = prev } else { (*next).prev = prev }
            (*w).queued = false;
        }
    }

    /// [`WaitQueue::remove`] of the first waiter, `w`.
    ///
    /// # Safety
    /// `w` is the first waiter of this queue.
    #[inline(always)]
    pub unsafe fn remove_first(&mut self, w: *mut Waiter) {
        // SAFETY: queued waiters are valid.
        unsafe {
            let next = (*w).next;
            self.head = next;
            if next.is_null() { self.tail = ptr::null_mut() } else { (*next).prev = ptr::null_mut() }
            (*w).queued = false;
        }
    }

    pub fn first(&self) -> *mut Waiter {
        self.head
    }

    /// The waiter queued after `w`.
    ///
    /// # Safety
    /// `w` is queued, and the caller holds its channel's lock.
    pub unsafe fn after(w: *mut Waiter) -> *mut Waiter {
        // SAFETY: per the contract.
        unsafe { (*w).next }
    }
}

/// The library's view of a Channel. Everything an unbuffered send or
/// receive touches sits in the first 64 bytes, and chancreate aligns
/// channels to 64 bytes, so such an operation touches one cache line.
#[repr(C)]
pub struct Chan {
    /// Blocked senders. First, because malloc reuses the first 16 bytes of
    /// a freed block, and `magic` must survive a free to catch a second one.
    /// (glibc writes past them only in blocks of 1 KiB or more, which it
    /// keeps in size-sorted bins, or unmaps from 128 KiB on: chancreate's
    /// blocks hold the header alone.)
    pub sendq: WaitQueue,
    /// MAGIC_LIVE plus the CLOSED, FREED and WORD flags while usable,
    /// MAGIC_RELEASED once its memory is given back.
    magic: AtomicU32,
    /// Bytes per element.
    pub elsize: u32,
    pub lock: BiasedLock,
    /// Elements in the buffer.
    pub count: u32,
    /// Blocked receivers.
    pub recvq: WaitQueue,
    /// Buffer capacity in elements; 0 for an unbuffered channel.
    pub cap: u32,
    /// Threads that queued a waiter here and have not yet left (each
    /// leaves itself once awake, unless its completer settled it: see
    /// alt.rs): the channel cannot be freed before they leave.
    pub nwaiters: u32,
    // Second cache line: buffered channels, and the rest.
    /// Index of the oldest element in the buffer.
    head: u32,
    /// The channel came from chancreate (a malloc'd block).
    from_chancreate: bool,
    /// cap * elsize bytes, malloc'd; null when there are none.
    buf: *mut u8,
    /// Name from chansetname, malloc'd, for debugging output; null when unnamed.
    pub name: *mut c_char,
}

const _: () = assert!(core::mem::offset_of!(Chan, nwaiters) + 4 <= 64);
const _: () = assert!(size_of::<Chan>() <= size_of::<Channel>());
// Small enough for glibc to keep only in bins that leave `magic` alone.
const _: () = assert!(size_of::<Channel>() < 1024);
const _: () = assert!(core::mem::align_of::<Chan>() <= core::mem::align_of::<Channel>());
const _: () = assert!(size_of::<Alt>() == 32);

impl Chan {
    /// Checks that `c` is a usable channel and returns the library's view.
    #[inline]
    pub fn check(c: *mut Channel, who: &str) -> *mut Chan {
        let ch = c.cast::<Chan>();
        // SAFETY: reading the magic word of what the caller says is a
        // channel.
        if c.is_null() || unsafe { (*ch).magic.load(Ordering::Relaxed) & !(CLOSED | WORD) != MAGIC_LIVE } {
            bad_channel(c, who);
        }
        ch
    }

    /// The library's view of `c` if it is a usable channel whose elements
    /// are exactly a word; None otherwise, when the caller must go on to
    /// [`Chan::check`].
    #[inline(always)]
    pub fn check_word(c: *mut Channel) -> Option<*mut Chan> {
        let ch = c.cast::<Chan>();
        // SAFETY: as in Chan::check.
        let word = !c.is_null() && unsafe { (*ch).magic.load(Ordering::Relaxed) & !CLOSED == MAGIC_LIVE | WORD };
        word.then_some(ch)
    }

    /// Pointer to buffer slot `i` after the oldest, for `i < cap`.
    fn slot(&self, i: u32, elsize: u32) -> *mut u8 {
        self.buf.wrapping_add(self.wrap(self.head + i) as usize * elsize as usize)
    }

    /// `i mod cap`, for `i < 2 * cap`: without a division, which costs more
    /// than the rest of a buffered send.
    fn wrap(&self, i: u32) -> u32 {
        if i >= self.cap { i - self.cap } else { i }
    }

    /// Appends the element at `v` (nil: zeros) to the buffer, which has
    /// room. `n` is elsize: a caller that has it at hand passes it, which
    /// the compiler may not see the field still holds.
    ///
    /// # Safety
    /// `v` is nil or valid for elsize bytes.
    #[inline(always)]
    pub unsafe fn put(&mut self, v: *const c_void, n: u32) {
        let dst = self.slot(self.count, n);
        // SAFETY: dst is a buffer slot of n bytes; v per the contract.
        unsafe { copy_value(v, dst.cast(), n) };
        self.count += 1;
    }

    /// Removes the oldest element into `v` (nil: discard); `n` is elsize,
    /// as for [`Chan::put`].
    ///
    /// # Safety
    /// `v` is nil or valid for elsize bytes.
    #[inline(always)]
    pub unsafe fn take(&mut self, v: *mut c_void, n: u32) {
        let src = self.slot(0, n);
        // SAFETY: src is a buffer slot of n bytes; v per the contract.
        unsafe { copy_value(src.cast(), v, n) };
        self.head = self.wrap(self.head + 1);
        self.count -= 1;
    }

    /// Aborts unless this is a channel whose memory is still ours: a thread
    /// that counts itself in `nwaiters` is about to touch it, and the waiter
    /// protocol (alt.rs) must make a released or stale channel impossible
    /// here. The check is too cheap to leave out.
    #[inline]
    pub fn assert_live(&self, who: &str) {
        if self.magic.load(Ordering::Relaxed) & !(CLOSED | FREED | WORD) != MAGIC_LIVE {
            released_channel(self, who);
        }
    }

    /// Whether the channel can be freed now: freed by the program and no
    /// waiter left in it. Called with the lock held.
    pub fn should_release(&self) -> bool {
        self.is_freed() && self.nwaiters == 0
    }

    /// Whether chanclose was called. Called with the lock held.
    #[inline]
    pub fn is_closed(&self) -> bool {
        self.magic.load(Ordering::Relaxed) & CLOSED != 0
    }

    /// Whether chanfree was called: the channel waits for its last blocked
    /// thread to leave. Called with the lock held.
    #[inline]
    pub fn is_freed(&self) -> bool {
        self.magic.load(Ordering::Relaxed) & FREED != 0
    }

    /// The queue of blocked senders, or of blocked receivers.
    #[inline]
    pub fn queue(&mut self, send: bool) -> *mut WaitQueue {
        if send { &raw mut self.sendq } else { &raw mut self.recvq }
    }

    /// Sets a flag in `magic`. Called with the lock held.
    fn set_flag(&self, flag: u32) {
        self.magic.store(self.magic.load(Ordering::Relaxed) | flag, Ordering::Relaxed);
    }
}

#[cold]
fn released_channel(ch: &Chan, who: &str) -> ! {
    die!("{who}: internal error: a waiting thread returned to {:p}, which is no longer a channel", ch as *const Chan)
}

#[cold]
fn bad_channel(c: *mut Channel, who: &str) -> ! {
    if c.is_null() {
        die!("{who}: nil channel");
    }
    // SAFETY: as in Chan::check.
    match unsafe { (*c.cast::<Chan>()).magic.load(Ordering::Relaxed) } & !(CLOSED | FREED | WORD) {
        MAGIC_LIVE | MAGIC_RELEASED => die!("{who}: channel {c:p} was freed"),
        _ => die!("{who}: {c:p} is not a channel (uninitialised or corrupt)"),
    }
}

/// Copies one element of `n` bytes from `src` to `dst`; nil `src` sends
/// zeros, nil `dst` discards. Elements of up to a word (pointers, ulongs,
/// ints), by far the most common, are copied without a call to memcpy.
///
/// # Safety
/// Non-nil pointers are valid for `n` bytes and do not overlap.
#[inline(always)]
pub unsafe fn copy_value(src: *const c_void, dst: *mut c_void, n: u32) {
    // SAFETY: per the contract.
    unsafe {
        if n == 8 && !src.is_null() && !dst.is_null() {
            // Words first, ahead of every other test: the common case.
            dst.cast::<u64>().write_unaligned(src.cast::<u64>().read_unaligned());
            return;
        }
        if dst.is_null() || n == 0 {
            return;
        }
        if n <= 8 {
            copy_small(src.cast(), dst.cast(), n as usize);
        } else if src.is_null() {
            ptr::write_bytes(dst.cast::<u8>(), 0, n as usize);
        } else {
            ptr::copy_nonoverlapping(src.cast::<u8>(), dst.cast::<u8>(), n as usize);
        }
    }
}

/// [`copy_value`] of 1 to 8 bytes, as at most two pieces of a power of two
/// bytes that may overlap: no loop, which the compiler would turn back into
/// a call to memcpy.
///
/// # Safety
/// As for [`copy_value`]; `1 <= n <= 8` and `dst` is not nil.
#[inline(always)]
unsafe fn copy_small(src: *const u8, dst: *mut u8, n: usize) {
    /// Copies the first and the last `size_of::<T>()` bytes of the `n`.
    #[inline(always)]
    unsafe fn ends<T: Copy + Default>(src: *const u8, dst: *mut u8, n: usize) {
        let k = size_of::<T>();
        // SAFETY: k <= n, so both pieces lie within the n bytes.
        unsafe {
            let (a, b) = if src.is_null() {
                (T::default(), T::default())
            } else {
                (src.cast::<T>().read_unaligned(), src.add(n - k).cast::<T>().read_unaligned())
            };
            dst.cast::<T>().write_unaligned(a);
            dst.add(n - k).cast::<T>().write_unaligned(b);
        }
    }
    // SAFETY: per the contract.
    unsafe {
        match n {
            8 => ends::<u64>(src, dst, n),
            4..=7 => ends::<u32>(src, dst, n),
            2..=3 => ends::<u16>(src, dst, n),
            _ => ends::<u8>(src, dst, n),
        }
    }
}

fn buffer_bytes(elsize: c_int, nel: c_int, who: &str) -> usize {
    if elsize < 0 {
        die!("{who}: negative element size {elsize}");
    }
    if nel < 0 {
        die!("{who}: negative buffer size {nel}");
    }
    let bytes = elsize as usize * nel as usize;
    if elsize as usize > MAX_BUFFER || bytes > MAX_BUFFER {
        die!("{who}: absurd channel size: {nel} elements of {elsize} bytes");
    }
    bytes
}

/// # Safety
/// `ch` points to writable storage of at least size_of::<Channel>() bytes.
unsafe fn init(ch: *mut Chan, elsize: c_int, nel: c_int, buf: *mut u8, from_chancreate: bool) {
    // SAFETY: per the contract.
    unsafe {
        ch.write(Chan {
            sendq: WaitQueue { head: ptr::null_mut(), tail: ptr::null_mut() },
            magic: AtomicU32::new(if elsize as usize == size_of::<usize>() { MAGIC_LIVE | WORD } else { MAGIC_LIVE }),
            elsize: elsize as u32,
            lock: BiasedLock::new(proc::lock_id(proc::current())),
            count: 0,
            recvq: WaitQueue { head: ptr::null_mut(), tail: ptr::null_mut() },
            cap: nel as u32,
            nwaiters: 0,
            head: 0,
            from_chancreate,
            buf,
            name: ptr::null_mut(),
        })
    }
}

/// `bytes` of memory aligned to `align` (a power of two, at least the size
/// of a pointer), for libc's free.
fn alloc_or_die(bytes: usize, align: usize, who: &str) -> *mut u8 {
    let mut p: *mut c_void = ptr::null_mut();
    // SAFETY: posix_memalign has no preconditions beyond `align`'s.
    if unsafe { libc::posix_memalign(&mut p, align, bytes.max(1)) } != 0 {
        die!("{who}: out of memory allocating {bytes} bytes");
    }
    p.cast()
}

pub fn create(elsize: c_int, nel: c_int) -> *mut Channel {
    let buf = alloc_buffer(elsize, nel, "chancreate");
    // Aligned to a cache line: see Chan.
    let ch = alloc_or_die(size_of::<Channel>(), 64, "chancreate").cast::<Chan>();
    // SAFETY: the block holds a Channel.
    unsafe { init(ch, elsize, nel, buf, true) };
    crate::debug!(Chan, "chancreate: channel {ch:p} of {nel} elements of {elsize} bytes");
    ch.cast()
}

/// A channel's buffer of `nel` elements of `elsize` bytes, null for none.
fn alloc_buffer(elsize: c_int, nel: c_int, who: &str) -> *mut u8 {
    let bytes = buffer_bytes(elsize, nel, who);
    if bytes == 0 { ptr::null_mut() } else { alloc_or_die(bytes, core::mem::align_of::<libc::max_align_t>(), who) }
}

/// # Safety
/// `c` is null or points to writable storage for a Channel.
pub unsafe fn init_storage(c: *mut Channel, elsize: c_int, nel: c_int) -> c_int {
    if c.is_null() {
        die!("chaninit: nil channel");
    }
    let buf = alloc_buffer(elsize, nel, "chaninit");
    // SAFETY: the caller provides the storage.
    unsafe { init(c.cast(), elsize, nel, buf, false) };
    1
}

/// Frees `c` now, or marks it to be freed by the last thread blocked on it.
pub fn free(c: *mut Channel) {
    if c.is_null() {
        return;
    }
    let ch = c.cast::<Chan>();
    // SAFETY: reading the magic word, as Chan::check does.
    let magic = unsafe { (*ch).magic.load(Ordering::Relaxed) };
    if magic == MAGIC_RELEASED || magic & !(CLOSED | WORD) == MAGIC_LIVE | FREED {
        die!("chanfree: channel {c:p} freed twice");
    }
    let ch = Chan::check(c, "chanfree");
    crate::debug!(Chan, "chanfree: channel {c:p}");
    // SAFETY: ch is a live channel; its lock guards the FREED flag.
    unsafe {
        let me = proc::lock_id(proc::current());
        let biased = (*ch).lock.lock(me);
        (*ch).set_flag(FREED);
        let now = (*ch).should_release();
        (*ch).lock.unlock(biased);
        if now {
            release(ch);
        }
    }
}

/// Gives a channel's memory back.
///
/// # Safety
/// The channel was freed by the program and nothing refers to it any more.
pub unsafe fn release(ch: *mut Chan) {
    // SAFETY: per the contract.
    unsafe {
        (*ch).magic.store(MAGIC_RELEASED, Ordering::Relaxed);
        libc::free((*ch).name.cast());
        (*ch).name = ptr::null_mut();
        libc::free((*ch).buf.cast());
        if (*ch).from_chancreate {
            libc::free(ch.cast());
        }
    }
}

/// Replaces the name of `c` with a copy of `name` (nil: no name).
///
/// # Safety
/// `name` is nil or a NUL-terminated string.
pub unsafe fn set_name(c: *mut Channel, name: *const c_char) {
    let ch = Chan::check(c, "chansetname");
    // SAFETY: name is a string, per the contract.
    let copy = if name.is_null() { ptr::null_mut() } else { unsafe { libc::strdup(name) } };
    // SAFETY: ch is live; its lock guards the name.
    unsafe {
        let biased = (*ch).lock.lock(proc::lock_id(proc::current()));
        let old = core::mem::replace(&mut (*ch).name, copy);
        (*ch).lock.unlock(biased);
        libc::free(old.cast());
    }
}

/// Closes `c`: see chanclose in thread(3).
pub fn close(c: *mut Channel) -> c_int {
    let ch = Chan::check(c, "chanclose");
    crate::debug!(Chan, "chanclose: channel {c:p}");
    // SAFETY: ch is live; everything below runs under its lock.
    unsafe {
        let me = proc::current();
        let biased = (*ch).lock.lock((*me).lock_id);
        if (*ch).is_closed() {
            (*ch).lock.unlock(biased);
            return -1;
        }
        (*ch).set_flag(CLOSED);
        let mut woken = alt::WakeList::new();
        alt::fail_all(ch, true, &mut woken, me);
        if (*ch).count == 0 {
            alt::fail_all(ch, false, &mut woken, me);
        }
        (*ch).lock.unlock(biased);
        woken.ready_all(me);
    }
    0
}

/// -1 before chanclose, the number of buffered elements after.
pub fn closing(c: *mut Channel) -> c_int {
    let ch = Chan::check(c, "chanclosing");
    // SAFETY: ch is live; the fields are read under its lock.
    unsafe {
        let biased = (*ch).lock.lock(proc::lock_id(proc::current()));
        let r = if (*ch).is_closed() { (*ch).count as c_int } else { -1 };
        (*ch).lock.unlock(biased);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// copy_value copies exactly n bytes for every size around a word, sends
    /// zeros from nil and discards into nil.
    #[test]
    fn copy_value_copies_exactly_n_bytes() {
        for n in 0..=20u32 {
            let src: [u8; 24] = core::array::from_fn(|i| i as u8 + 1);
            for nil_src in [false, true] {
                let mut dst = [0xEEu8; 24];
                let from = if nil_src { ptr::null() } else { src.as_ptr().cast() };
                // SAFETY: both buffers hold more than n bytes.
                unsafe { copy_value(from, dst.as_mut_ptr().cast(), n) };
                for (i, &b) in dst.iter().enumerate() {
                    let want = if i >= n as usize { 0xEE } else if nil_src { 0 } else { src[i] };
                    assert_eq!(b, want, "n {n}, nil source {nil_src}, byte {i}");
                }
            }
            // SAFETY: nil destination: nothing is written.
            unsafe { copy_value(src.as_ptr().cast(), ptr::null_mut(), n) };
        }
    }
}
