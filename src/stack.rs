//! Thread stacks: lazily mapped, a guard region below each, carved from
//! large chunks and recycled.
//!
//! A stack is a power-of-two multiple of [`CLASS0`] bytes. Stacks of one
//! size class are carved from chunks of at least [`CHUNK`] bytes, so that a
//! million stacks cost a few thousand mappings, not two million: the guard
//! below each stack is a guard region installed in the page tables
//! (MADV_GUARD_INSTALL), which does not split the mapping. Only where the
//! kernel lacks guard regions does the guard fall back to mprotect, and
//! then vm.max_map_count bounds the number of stacks.
//!
//! Ownership: a free stack sits in the cache of the proc that freed it or,
//! when that cache is full, in the global pool of its class (its pages given
//! back to the kernel). Chunks are never unmapped, so a stale pointer into
//! a recycled stack never faults; the runtime never keeps one.

use crate::sync::InternalLock;
use crate::{fatal, sanitizer, sys};

/// The page size the layout below assumes: stacks and guards are
/// multiples of it, and a kernel with larger pages is refused at start-up.
pub(crate) const PAGE: usize = 4096;
const _: () = assert!(CLASS0 / PAGE * PAGE == CLASS0 && GUARD / PAGE * PAGE == GUARD);

/// The smallest stack: at least 32 KiB usable, because one glibc fprintf
/// alone needs about 10 KiB, plus room for the thread's record at the top.
pub(crate) const CLASS0: usize = 36 * 1024;
/// No thread may ask for more than this.
pub(crate) const MAX_STACK: usize = 1 << 30;
/// The guard region below each stack; frames larger than this could jump it.
pub(crate) const GUARD: usize = 16 * 1024;
/// Stacks of a class are carved from chunks of at least this size.
const CHUNK: usize = 16 << 20;
/// Size classes: CLASS0 << 0 .. CLASS0 << (NCLASSES-1), the last >= MAX_STACK.
pub(crate) const NCLASSES: usize = 16;
/// Free stacks a proc keeps per class before handing them to the pool,
/// and the most bytes of them (address space) it keeps per class: all 256
/// of the smallest, fewer of larger ones, none larger than 16 MiB, so that
/// the pool's bound on what free stacks keep holds (a big stack whose
/// thread touched it all holds all its pages).
const PROC_CACHE_MAX: usize = 256;
const PROC_CACHE_BYTES: usize = 16 << 20;
/// Bytes of free stacks per class (address space: a stack holds only the
/// pages its last thread touched, typically one or two) the pool keeps as
/// they are, 14,000 of the smallest. Past that, a freed stack's pages go
/// back to the kernel first: that costs a system call, with TLB shootdowns
/// in a process of several OS threads, and page faults when the stack is
/// used again, which made creating threads while 10,000 were alive three
/// times slower.
const POOL_WARM_BYTES: usize = 512 << 20;

/// A mapped stack: `[base, base + size)`, with the guard just below `base`.
#[derive(Clone, Copy)]
pub struct Stack {
    /// Lowest usable byte.
    pub base: *mut u8,
    /// Usable bytes; a power-of-two multiple of CLASS0.
    pub size: usize,
}

impl Stack {
    pub fn top(&self) -> *mut u8 {
        self.base.wrapping_add(self.size)
    }

    /// Whether `addr` falls in this stack's guard region.
    pub fn guard_contains(&self, addr: usize) -> bool {
        let base = self.base as usize;
        addr < base && addr >= base - GUARD
    }

    fn class(&self) -> usize {
        (self.size / CLASS0).trailing_zeros() as usize
    }
}

/// A LIFO list of free stacks of one class: their bases, kept apart from
/// the stacks, so that a stack whose pages went back to the kernel stays
/// without any (a link written into it would fault a page back in).
struct FreeList {
    bases: Vec<*mut u8>,
}

impl FreeList {
    const fn new() -> FreeList {
        FreeList { bases: Vec::new() }
    }

    fn len(&self) -> usize {
        self.bases.len()
    }

    fn push(&mut self, s: Stack) {
        self.bases.push(s.base);
    }

    fn pop(&mut self, size: usize) -> Option<Stack> {
        self.bases.pop().map(|base| Stack { base, size })
    }
}

/// Per-proc cache of free stacks; touched only by its proc.
pub struct StackCache {
    lists: [FreeList; NCLASSES],
}

impl StackCache {
    pub const fn new() -> StackCache {
        StackCache { lists: [const { FreeList::new() }; NCLASSES] }
    }
}

/// Per-class global state: the pool of free stacks, those whose pages are
/// kept and those whose pages went back to the kernel, and the chunk being
/// carved.
struct Class {
    lock: InternalLock,
    warm: core::cell::UnsafeCell<FreeList>,
    cold: core::cell::UnsafeCell<FreeList>,
    /// Next uncarved byte of the current chunk, and its end.
    carve: core::cell::UnsafeCell<(usize, usize)>,
}

// SAFETY: every field behind UnsafeCell is touched only under `lock`.
unsafe impl Sync for Class {}

static CLASSES: [Class; NCLASSES] = [const {
    Class {
        lock: InternalLock::new(),
        warm: core::cell::UnsafeCell::new(FreeList::new()),
        cold: core::cell::UnsafeCell::new(FreeList::new()),
        carve: core::cell::UnsafeCell::new((0, 0)),
    }
}; NCLASSES];

/// The size class whose stacks hold `bytes`.
pub fn class_for(bytes: usize) -> usize {
    let units = bytes.div_ceil(CLASS0).max(1);
    units.next_power_of_two().trailing_zeros() as usize
}

/// Returns a stack of at least `bytes` usable bytes (`bytes` <= MAX_STACK)
/// for the call `who`, which a failure names.
pub fn alloc(cache: &mut StackCache, bytes: usize, who: &str) -> Stack {
    let class = class_for(bytes);
    let size = CLASS0 << class;
    let s = cache.lists[class].pop(size).unwrap_or_else(|| {
        let c = &CLASSES[class];
        c.lock.lock();
        // SAFETY: we hold the class lock.
        let s = unsafe { (*c.warm.get()).pop(size).or_else(|| (*c.cold.get()).pop(size)) }.unwrap_or_else(|| carve(c, size, who));
        // SAFETY: locked above.
        unsafe { c.lock.unlock() };
        s
    });
    // SAFETY: the stack is free, and now ours.
    unsafe { sanitizer::reused_stack(s.base, s.size) };
    s
}

/// Recycles a stack no thread runs on any more.
///
/// # Safety
/// `s` came from [`alloc`] and nobody will touch it again.
pub unsafe fn free(cache: &mut StackCache, s: Stack) {
    // SAFETY: per the contract.
    unsafe { sanitizer::freed_stack(s.base, s.size) };
    let list = &mut cache.lists[s.class()];
    if list.len() < PROC_CACHE_MAX && (list.len() + 1) * s.size <= PROC_CACHE_BYTES {
        list.push(s);
        return;
    }
    to_pool(s);
}

/// Gives the stacks of an ending proc's cache to the pool, where other
/// procs find them.
pub fn flush(cache: &mut StackCache) {
    for (class, list) in cache.lists.iter_mut().enumerate() {
        while let Some(s) = list.pop(CLASS0 << class) {
            to_pool(s);
        }
        list.bases = Vec::new();
    }
}

/// Puts a free stack in the pool, its pages kept while the pool's warm
/// list is under its bound and given back to the kernel past it.
fn to_pool(s: Stack) {
    let c = &CLASSES[s.class()];
    c.lock.lock();
    // SAFETY: we hold the class lock, and own the stack.
    unsafe {
        let warm = &mut *c.warm.get();
        if warm.len() * s.size < POOL_WARM_BYTES {
            warm.push(s);
            c.lock.unlock();
            return;
        }
        c.lock.unlock();
        sys::discard(s.base, s.size);
        c.lock.lock();
        (*c.cold.get()).push(s);
        c.lock.unlock();
    }
}

/// Cuts a new stack of `size` bytes out of the class's current chunk,
/// mapping a new chunk when it is used up. Called with the class lock held.
fn carve(c: &Class, size: usize, who: &str) -> Stack {
    let stride = size + GUARD;
    // SAFETY: the caller holds the class lock.
    let carve = unsafe { &mut *c.carve.get() };
    if carve.1 - carve.0 < stride {
        let len = stride * (CHUNK / stride).max(1);
        let p = sys::map_lazy(len);
        if p.is_null() {
            fatal::die(format_args!(
                "{}: out of memory mapping {} bytes of stack: {}",
                who,
                len,
                fatal::Errno(sys::errno())
            ));
        }
        *carve = (p as usize, p as usize + len);
    }
    let guard = carve.0 as *mut u8;
    carve.0 += stride;
    // SAFETY: the guard range is the page-aligned start of a fresh slice of
    // our own chunk.
    if !unsafe { sys::install_guard(guard, GUARD) } {
        fatal::die(format_args!(
            "{}: cannot install a stack guard page ({}); raise vm.max_map_count",
            who,
            fatal::Errno(sys::errno())
        ));
    }
    let s = Stack { base: guard.wrapping_add(GUARD), size };
    sanitizer::new_stack(s.base, s.top());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_hold_what_is_asked() {
        assert_eq!(class_for(0), 0);
        assert_eq!(class_for(CLASS0), 0);
        assert_eq!(class_for(CLASS0 + 1), 1);
        assert_eq!(class_for(3 * CLASS0), 2);
        const { assert!(CLASS0 << (NCLASSES - 1) >= MAX_STACK) };
    }

    #[test]
    fn recycled_stacks_come_back_from_the_cache() {
        let mut cache = StackCache::new();
        let a = alloc(&mut cache, 1000, "test");
        assert_eq!(a.size, CLASS0);
        // SAFETY: the stack is ours and no longer used.
        unsafe { free(&mut cache, a) };
        let b = alloc(&mut cache, 2000, "test");
        assert_eq!(a.base, b.base);
        // The usable range is writable end to end.
        // SAFETY: b is a fresh stack of b.size bytes.
        unsafe { core::ptr::write_bytes(b.base, 0xa5, b.size) };
        assert!(b.guard_contains(b.base as usize - 1));
        assert!(!b.guard_contains(b.base as usize));
    }
}
