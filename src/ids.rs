//! Thread ids. The program's threads are numbered 1, 2, 3, ... and the
//! library's own count down from the largest int, each kind in a range of
//! its own. Once a range has been given out, its numbers are given again,
//! skipping those of live threads, so that an id never goes negative and
//! never names two live threads.
//!
//! The first pass over a range takes one atomic add an id. Later passes
//! take a lock, and alternate between the range's two halves: each starts
//! with a list of the live threads' ids in its half, and skips them. A
//! thread whose id was given just before such a list was made may not be
//! in it yet, but its id lies in the other half, which the next pass does
//! not touch; by the pass after, it has long been listed.

use core::ffi::c_int;

use crate::sync::{AtomicI64, Mutex, Ordering};

pub struct IdSpace {
    /// The first id, and whether the ids count down from it.
    first: c_int,
    down: bool,
    /// How many ids the range holds: offsets 0 .. len.
    len: i64,
    /// Next offset of the first pass; past `len` once that pass is over
    /// (64 bits: it never wraps however many ids are taken).
    next: AtomicI64,
    pass: Mutex<Option<Pass>>,
}

/// A later pass over one half of the range.
struct Pass {
    /// Which half: offsets `[half * len / 2, (half + 1) * len / 2)`.
    half: i64,
    /// The next offset to try, and the end of the half.
    cursor: i64,
    end: i64,
    /// Offsets of live threads in the half, sorted; `skip[at..]` lie
    /// at or past the cursor.
    skip: Vec<i64>,
    at: usize,
}

impl Pass {
    /// The next offset of the half that no live thread had, if any.
    fn next(&mut self) -> Option<i64> {
        while self.cursor < self.end {
            let k = self.cursor;
            self.cursor += 1;
            while self.at < self.skip.len() && self.skip[self.at] < k {
                self.at += 1;
            }
            if self.skip.get(self.at) != Some(&k) {
                return Some(k);
            }
        }
        None
    }
}

impl IdSpace {
    /// The ids `first`, `first + 1`, ... (`first - 1`, ... when `down`),
    /// `len` of them.
    pub const fn new(first: c_int, down: bool, len: i64) -> IdSpace {
        IdSpace { first, down, len, next: AtomicI64::new(0), pass: Mutex::new(None) }
    }

    /// Ends the first pass, as if every id had been given once.
    #[cfg(test)]
    pub fn end_first_pass(&self) {
        self.next.store(self.len, Ordering::Relaxed);
    }

    fn id(&self, offset: i64) -> c_int {
        let k = offset as c_int;
        if self.down { self.first - k } else { self.first + k }
    }

    fn offset(&self, id: c_int) -> Option<i64> {
        let k = if self.down { self.first as i64 - id as i64 } else { id as i64 - self.first as i64 };
        (0..self.len).contains(&k).then_some(k)
    }

    /// A fresh id. `live` lists the ids of the live threads (of any kind);
    /// it is called only once the first pass is over, and must not take
    /// an id itself.
    pub fn take(&self, live: impl FnOnce() -> Vec<c_int>) -> c_int {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        if k < self.len { self.id(k) } else { self.take_again(live) }
    }

    #[cold]
    fn take_again(&self, live: impl FnOnce() -> Vec<c_int>) -> c_int {
        let mut pass = self.pass.lock();
        if let Some(k) = pass.as_mut().and_then(Pass::next) {
            return self.id(k);
        }
        // A new pass: the first pass ended in the upper half, and later
        // ones alternate.
        let half = pass.as_ref().map_or(0, |p| 1 - p.half);
        let (start, end) = (half * self.len / 2, (half + 1) * self.len / 2);
        let mut skip: Vec<i64> = live().into_iter().filter_map(|id| self.offset(id)).filter(|k| (start..end).contains(k)).collect();
        skip.sort_unstable();
        let p = pass.insert(Pass { half, cursor: start, end, skip, at: 0 });
        match p.next() {
            Some(k) => self.id(k),
            None => crate::die!("threadcreate: no thread id is free: {} threads of this kind are alive", self.len / 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(s: &IdSpace, n: usize, live: &[c_int]) -> Vec<c_int> {
        (0..n).map(|_| s.take(|| live.to_vec())).collect()
    }

    #[test]
    fn the_first_pass_counts_up_or_down() {
        assert_eq!(taken(&IdSpace::new(1, false, 8), 8, &[]), [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(taken(&IdSpace::new(100, true, 3), 3, &[]), [100, 99, 98]);
    }

    #[test]
    fn later_passes_alternate_halves_and_skip_live_ids() {
        let s = IdSpace::new(1, false, 8);
        taken(&s, 8, &[]);
        // Live: 2 and 3 in the lower half, 7 in the upper, 500 of another kind.
        let live = [2, 3, 7, 500];
        assert_eq!(taken(&s, 2, &live), [1, 4]);
        // The lower half is used up: the upper half, listed afresh.
        assert_eq!(taken(&s, 3, &live), [5, 6, 8]);
        assert_eq!(taken(&s, 2, &[1]), [2, 3]);
    }

    #[test]
    fn ids_stay_in_their_range() {
        let s = IdSpace::new(c_int::MAX, true, 4);
        let all = taken(&s, 12, &[]);
        assert!(all.iter().all(|&id| id > c_int::MAX - 4), "{all:?}");
    }
}
