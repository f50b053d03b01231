//! p9thread: Plan 9's thread library (thread(2)) for Linux, with a C ABI.
//!
//! Threads are coroutines switched in user space inside procs (OS threads);
//! channels and alt work within and across procs. The tree follows the
//! concepts: `arch` (machine code), `sys` (OS calls), `sync` (primitives),
//! `stack`, `thread` (and `ids`), `proc`, `sched`, `channel`, `alt`, `signal`, `exec`
//! and `wait` (child processes), `lib9` (plan9port's lock hooks),
//! `background`, `ioproc` (slave I/O procs), and `ffi`, the one module that exports symbols.

#![warn(unsafe_op_in_unsafe_fn)]
#![allow(clippy::missing_safety_doc)]
// Runtime records are made in one way, by their `new`; a Default would
// mislead.
#![allow(clippy::new_without_default)]

pub mod alt;
pub mod arch;
pub mod background;
pub mod channel;
pub mod deadlock;
pub mod debug;
pub mod exec;
pub mod fatal;
pub mod ids;
pub mod kill;
pub mod ffi;
pub mod lib9;
pub mod note;
pub mod ioproc;
pub mod proc;
pub mod registry;
pub mod sanitizer;
pub mod sched;
pub mod signal;
pub mod stack;
pub mod sync;
pub mod sys;
pub mod thread;
pub mod wait;
