//! crossbeam-channel peer: every "thread" of a workload is an OS thread
//! (std::thread), channels are crossbeam_channel::bounded(0) (rendezvous,
//! like p9thread's unbuffered channels), alt is crossbeam_channel::Select.
//!
//!	crossbeam pingpong N | ring HOPS N | create N [alive B] | mem N | fanin N K | scale HOPS P
//!	          | iocall N
//!	prints: crossbeam_NAME key=value ...

use crossbeam_channel::{bounded, Receiver, Select, Sender};
use p9thread_bench_peers::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

/// Small stacks for the many-thread workloads (as bench/pthread/ring.c).
const STACK: usize = 64 * 1024;

fn spawn<F: FnOnce() + Send + 'static>(f: F) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .unwrap_or_else(|e| {
            eprintln!("crossbeam: cannot create a thread: {}", e);
            std::process::exit(1)
        })
}

fn pingpong(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let (ping_tx, ping_rx) = bounded::<u64>(0);
    let (pong_tx, pong_rx) = bounded::<u64>(0);
    spawn(move || {
        while let Ok(v) = ping_rx.recv() {
            if pong_tx.send(v + 1).is_err() {
                break;
            }
        }
    });
    let run = |n: u64| {
        for i in 0..n {
            ping_tx.send(i).unwrap();
            if pong_rx.recv().unwrap() != i + 1 {
                eprintln!("pingpong: wrong value back");
                std::process::exit(1);
            }
        }
    };
    run(n / 10 + 1);
    let t = Instant::now();
    run(n);
    let el = ns_since(t);
    report(format!("crossbeam_pingpong ns_per_op={:.2} iters={}", el / n as f64, n));
}

/// Spawns a ring of `n` OS threads joined by bounded(0) channels: each
/// passes a received count, less one, to the next, and reports reaching 0
/// on the returned done channel (of capacity `done_cap`). Returns the
/// threads' input channels and the done channel.
fn spawn_ring(n: usize, done_cap: usize) -> (Vec<Sender<u64>>, Receiver<()>) {
    let (txs, rxs): (Vec<Sender<u64>>, Vec<Receiver<u64>>) = (0..n).map(|_| bounded(0)).unzip();
    let (done_tx, done_rx) = bounded::<()>(done_cap);
    for (i, rx) in rxs.into_iter().enumerate() {
        let out = txs[(i + 1) % n].clone();
        let done = done_tx.clone();
        spawn(move || {
            while let Ok(v) = rx.recv() {
                if v == 0 {
                    let _ = done.send(());
                } else if out.send(v - 1).is_err() {
                    break;
                }
            }
        });
    }
    (txs, done_rx)
}

/// Producer and consumer: an OS thread sends on a bounded(0) channel, main
/// receives (bench/prodcons.c).
fn prodcons(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let (tx, rx) = bounded::<u64>(0);
    thread::spawn(move || {
        let mut v = 1;
        while tx.send(v).is_ok() {
            v += 1;
        }
    });
    let mut next = 1;
    let mut consume = |n: u64| {
        for _ in 0..n {
            if rx.recv().ok() != Some(next) {
                eprintln!("prodcons: words out of order");
                std::process::exit(1);
            }
            next += 1;
        }
    };
    consume(n / 10 + 1);
    let t = Instant::now();
    consume(n);
    let el = ns_since(t);
    report(format!("crossbeam_prodcons ns_per_op={:.2} iters={}", el / n as f64, n));
}

fn ring(a: &[String]) {
    let hops = arg(a, 1, 1_000_000);
    let n = arg(a, 2, 503).max(1) as usize;
    let t0 = Instant::now();
    let (txs, done_rx) = spawn_ring(n, 0);
    let setup = ns_since(t0);
    let warm = if n > 100_000 { 1000 } else { n as u64 };
    txs[0].send(warm).unwrap();
    done_rx.recv().unwrap();
    let t = Instant::now();
    txs[0].send(hops).unwrap();
    done_rx.recv().unwrap();
    let el = ns_since(t);
    report(format!(
        "crossbeam_ring ns_per_op={:.2} iters={} threads={} setup_ms={:.1}",
        el / hops as f64, hops, n, setup / 1e6
    ));
}

static RAN: AtomicU64 = AtomicU64::new(0);

fn create(a: &[String]) {
    let n = arg(a, 1, 100_000);
    if word(a, 2) == "alive" {
        return create_alive(n, arg(a, 3, 10_000).max(1));
    }
    let spawn_n = |n: u64| {
        for _ in 0..n {
            thread::spawn(|| {
                RAN.fetch_add(1, Ordering::Relaxed);
            })
            .join()
            .unwrap();
        }
    };
    spawn_n(n / 10 + 1);
    let t = Instant::now();
    spawn_n(n);
    let el = ns_since(t);
    report(format!("crossbeam_create ns_per_op={:.2} iters={}", el / n as f64, n));
}

/// Batches of B threads alive at once: create B threads that each block
/// receiving on one shared channel, then send B values and join them all.
fn create_alive(n: u64, b: u64) {
    let batches = (n / b).max(1);
    let (tx, rx) = bounded::<u64>(0);
    let batch = |b: u64| {
        let hs: Vec<_> = (0..b)
            .map(|_| {
                let rx = rx.clone();
                spawn(move || {
                    rx.recv().unwrap();
                })
            })
            .collect();
        for i in 0..b {
            tx.send(i).unwrap();
        }
        for h in hs {
            h.join().unwrap();
        }
    };
    batch(b); // warm up: the batches timed reuse what it made
    let t = Instant::now();
    for _ in 0..batches {
        batch(b);
    }
    let el = ns_since(t);
    report(format!(
        "crossbeam_create ns_per_op={:.2} iters={} alive={}",
        el / (batches * b) as f64, batches * b, b
    ));
}

fn mem(a: &[String]) {
    let n = arg(a, 1, 10_000);
    let (tx, rx) = bounded::<u64>(0);
    let started = Arc::new(AtomicU64::new(0));
    let before = rss_kb();
    for _ in 0..n {
        let rx = rx.clone();
        let s = started.clone();
        // Rust's default stack (2 MiB reserved; RSS counts only touched pages)
        thread::Builder::new()
            .spawn(move || {
                s.fetch_add(1, Ordering::SeqCst);
                let _ = rx.recv();
            })
            .unwrap_or_else(|e| {
                eprintln!("crossbeam mem: cannot create a thread: {}", e);
                std::process::exit(1)
            });
    }
    while started.load(Ordering::SeqCst) < n {
        thread::yield_now();
    }
    let after = rss_kb();
    drop(tx);
    report(format!(
        "crossbeam_mem bytes_per_thread={:.1} threads={} rss_before_kb={} rss_after_kb={}",
        (after - before) as f64 * 1024.0 / n as f64, n, before, after
    ));
}

fn fanin(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let k = arg(a, 2, 8).max(1) as usize;
    let mut rxs = Vec::with_capacity(k);
    for _ in 0..k {
        let (tx, rx) = bounded::<u64>(0);
        rxs.push(rx);
        spawn(move || {
            let mut v = 1u64;
            while tx.send(v).is_ok() {
                v += 1;
            }
        });
    }
    let mut sel = Select::new();
    for rx in &rxs {
        sel.recv(rx);
    }
    let mut hits = vec![0u64; k];
    let mut consume = |n: u64| {
        for _ in 0..n {
            let op = sel.select();
            let i = op.index();
            op.recv(&rxs[i]).unwrap();
            hits[i] += 1;
        }
    };
    consume(n / 10 + 1);
    let t = Instant::now();
    consume(n);
    let el = ns_since(t);
    let minhits = *hits.iter().min().unwrap();
    report(format!(
        "crossbeam_fanin ns_per_op={:.2} iters={} k={} min_share={:.3}",
        el / n as f64, n, k, minhits as f64 * k as f64 / (n + n / 10 + 1) as f64
    ));
}

/// bench/scale.c's ring of SCALE_RING threads with SCALE_TOKENS tokens;
/// every member is an OS thread, so P (procs) has no equivalent: reported only.
fn scale(a: &[String]) {
    let hops = arg(a, 1, 1_000_000);
    let p = arg(a, 2, 2);
    let r = SCALE_RING;
    let t = SCALE_TOKENS;
    let (txs, done_rx) = spawn_ring(r, t);
    let lap = |per: u64| {
        for j in 0..t {
            txs[j * r / t].send(per).unwrap();
        }
        for _ in 0..t {
            done_rx.recv().unwrap();
        }
    };
    lap(r as u64);
    let per = (hops / t as u64).max(1);
    let s = Instant::now();
    lap(per);
    let el = ns_since(s);
    report(format!(
        "crossbeam_scale ns_per_op={:.2} iters={} procs={} threads={} tokens={}",
        el / (per * t as u64) as f64, per * t as u64, p, r, t
    ));
}

/// The operation of iocall: a no-op that returns its argument.
fn noop(x: u64) -> u64 {
    x
}

/// iocall of a no-op (bench/iocall.c): main hands a call, a function and
/// its argument, to a worker OS thread on one bounded(0) channel and waits
/// for the result on another; two hand-offs between OS threads per call.
fn iocall(a: &[String]) {
    let n = arg(a, 1, 100_000);
    let (call_tx, call_rx) = bounded::<(fn(u64) -> u64, u64)>(0);
    let (ret_tx, ret_rx) = bounded::<u64>(0);
    thread::spawn(move || {
        while let Ok((f, x)) = call_rx.recv() {
            if ret_tx.send(f(x)).is_err() {
                break;
            }
        }
    });
    let rounds = |n: u64| {
        for i in 0..n {
            call_tx.send((noop, i)).unwrap();
            if ret_rx.recv().ok() != Some(i) {
                eprintln!("iocall: wrong value back");
                std::process::exit(1);
            }
        }
    };
    rounds(n / 10 + 1);
    let t = Instant::now();
    rounds(n);
    let el = ns_since(t);
    report(format!("crossbeam_iocall ns_per_op={:.2} iters={}", el / n as f64, n));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a = &args[1.min(args.len())..];
    match word(a, 0) {
        "pingpong" => pingpong(a),
        "prodcons" => prodcons(a),
        "ring" => ring(a),
        "create" => create(a),
        "mem" => mem(a),
        "fanin" => fanin(a),
        "scale" => scale(a),
        "iocall" => iocall(a),
        _ => usage("crossbeam"),
    }
}
