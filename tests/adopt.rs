//! The C API used from Rust threads the library did not start: each test
//! runs on its own OS thread, which the library adopts as a proc on its
//! first call.

use core::ffi::c_void;
use core::ptr;

use thread::channel::{Alt, ChanOp, Channel};
use thread::ffi::*;

unsafe extern "C" fn echo(arg: *mut c_void) {
    let c = arg.cast::<Channel>();
    loop {
        let v = chanrecvul(c);
        if v == 0 {
            return;
        }
        chansendul(c, v + 1);
    }
}

#[test]
fn adopted_thread_talks_to_a_created_thread() {
    let c = chancreate(8, 0);
    threadcreate(Some(echo), c.cast(), 8192);
    for i in 1..1000u64 {
        assert_eq!(chansendul(c, i as _), 1);
        assert_eq!(chanrecvul(c), (i + 1) as _);
    }
    chansendul(c, 0);
    chanfree(c);
}

#[test]
fn adopted_thread_talks_to_another_proc() {
    let c = chancreate(8, 0);
    proccreate(Some(echo), c.cast(), 8192);
    for i in 1..1000u64 {
        assert_eq!(chansendul(c, i as _), 1);
        assert_eq!(chanrecvul(c), (i + 1) as _);
    }
    chansendul(c, 0);
}

#[test]
fn two_foreign_os_threads_rendezvous() {
    let c = chancreate(8, 0) as usize;
    let sender = std::thread::spawn(move || {
        for i in 1..=10_000u64 {
            assert_eq!(chansendul(c as *mut Channel, i as _), 1);
        }
    });
    let mut sum = 0u64;
    for _ in 0..10_000 {
        sum += chanrecvul(c as *mut Channel) as u64;
    }
    sender.join().unwrap();
    assert_eq!(sum, 10_000 * 10_001 / 2);
}

#[test]
fn buffered_channel_is_fifo_and_nonblocking_calls_report_would_block() {
    let c = chancreate(4, 3);
    for i in 0..3i32 {
        let mut v = i;
        assert_eq!(unsafe { channbsend(c, (&raw mut v).cast()) }, 1);
    }
    let mut v = 99i32;
    assert_eq!(unsafe { channbsend(c, (&raw mut v).cast()) }, 0);
    for i in 0..3 {
        assert_eq!(unsafe { channbrecv(c, (&raw mut v).cast()) }, 1);
        assert_eq!(v, i);
    }
    assert_eq!(unsafe { channbrecv(c, (&raw mut v).cast()) }, 0);
    assert_eq!(chanclosing(c), -1);
    assert_eq!(chanclose(c), 0);
    assert_eq!(chanclose(c), -1);
    assert_eq!(chanclosing(c), 0);
    assert_eq!(unsafe { chanrecv(c, (&raw mut v).cast()) }, -1);
    chanfree(c);
}

#[test]
fn alt_with_nothing_ready_returns_the_noblock_index() {
    let c = chancreate(8, 0);
    let mut v = 0u64;
    let mut a = [
        Alt { c, v: (&raw mut v).cast(), op: ChanOp::CHANRCV as u32, err: ptr::null_mut() },
        Alt { c: ptr::null_mut(), v: ptr::null_mut(), op: ChanOp::CHANNOP as u32, err: ptr::null_mut() },
        Alt { c: ptr::null_mut(), v: ptr::null_mut(), op: ChanOp::CHANNOBLK as u32, err: ptr::null_mut() },
    ];
    assert_eq!(unsafe { chanalt(a.as_mut_ptr()) }, 2);
    chanfree(c);
}

#[test]
fn thread_and_proc_data_start_nil_and_ids_are_distinct() {
    assert!(unsafe { *threaddata() }.is_null());
    assert!(unsafe { *procdata() }.is_null());
    let me = threadid();
    let other = std::thread::spawn(|| threadid()).join().unwrap();
    assert_ne!(me, other);
    assert!(me > 0 && other > 0);
}
