//! tokio peer: every "thread" of a workload is a tokio task; the runtime is
//! the current-thread one (one OS thread, like one p9thread proc) unless a
//! worker count is given (multi-thread runtime: pingpong's cross-proc case,
//! scale).  Channels are tokio::sync::mpsc with capacity 1 (tokio has no
//! rendezvous channel: a sender may run one message ahead) and oneshot; alt
//! over K channels is tokio_stream's StreamMap of K receivers.
//!
//!	tokio pingpong N [workers] | ring HOPS N | create N [alive B] | mem N
//!	      | fanin N K | sieve NPRIMES | scale HOPS P | iocall N
//!	prints: tokio_NAME key=value ...

use p9thread_bench_peers::*;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{mpsc, oneshot, Notify};
use tokio::task::{spawn, spawn_blocking, yield_now};
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::{StreamExt, StreamMap};

/// Run `f` as a task on a current-thread runtime (workers 0) or a
/// multi-thread runtime with that many workers, and wait for it.
fn run<F>(workers: usize, f: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let rt = if workers == 0 {
        tokio::runtime::Builder::new_current_thread().build()
    } else {
        tokio::runtime::Builder::new_multi_thread().worker_threads(workers).build()
    }
    .expect("tokio runtime");
    rt.block_on(async move { spawn(f).await.expect("task") })
}

/// Producer and consumer: one task sends on an mpsc of capacity 1, main
/// receives (bench/prodcons.c).
fn prodcons(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let el = run(0, async move {
        let (tx, mut rx) = mpsc::channel::<u64>(1);
        spawn(async move {
            let mut v = 1;
            while tx.send(v).await.is_ok() {
                v += 1;
            }
        });
        let mut next = 1;
        let mut consume = async |n: u64| {
            for _ in 0..n {
                if rx.recv().await != Some(next) {
                    eprintln!("prodcons: words out of order");
                    std::process::exit(1);
                }
                next += 1;
            }
        };
        consume(n / 10 + 1).await;
        let t = Instant::now();
        consume(n).await;
        ns_since(t)
    });
    report(format!("tokio_prodcons ns_per_op={:.2} iters={}", el / n as f64, n));
}

fn pingpong(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let workers = arg(a, 2, 0) as usize;
    let el = run(workers, async move {
        let (ping_tx, mut ping_rx) = mpsc::channel::<u64>(1);
        let (pong_tx, mut pong_rx) = mpsc::channel::<u64>(1);
        spawn(async move {
            while let Some(v) = ping_rx.recv().await {
                if pong_tx.send(v + 1).await.is_err() {
                    break;
                }
            }
        });
        let mut rounds = async |n: u64| {
            for i in 0..n {
                ping_tx.send(i).await.unwrap();
                if pong_rx.recv().await != Some(i + 1) {
                    eprintln!("pingpong: wrong value back");
                    std::process::exit(1);
                }
            }
        };
        rounds(n / 10 + 1).await;
        let t = Instant::now();
        rounds(n).await;
        ns_since(t)
    });
    report(format!(
        "tokio_pingpong ns_per_op={:.2} iters={} workers={}",
        el / n as f64, n, workers
    ));
}

/// A ring of mpsc channels, one task per member; a member that receives 0
/// reports on `done` instead of passing it on.  Returns the members' senders.
fn make_ring(n: usize, done: mpsc::Sender<()>) -> Vec<mpsc::Sender<u64>> {
    let (txs, rxs): (Vec<_>, Vec<_>) = (0..n).map(|_| mpsc::channel::<u64>(1)).unzip();
    for (i, mut rx) in rxs.into_iter().enumerate() {
        let out = txs[(i + 1) % n].clone();
        let done = done.clone();
        spawn(async move {
            while let Some(v) = rx.recv().await {
                if v == 0 {
                    let _ = done.send(()).await;
                } else if out.send(v - 1).await.is_err() {
                    break;
                }
            }
        });
    }
    txs
}

fn ring(a: &[String]) {
    let hops = arg(a, 1, 1_000_000);
    let n = arg(a, 2, 503).max(1) as usize;
    let (el, setup) = run(0, async move {
        let t0 = Instant::now();
        let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
        let first = make_ring(n, done_tx).swap_remove(0);
        let setup = ns_since(t0);
        let warm = if n > 100_000 { 1000 } else { n as u64 };
        first.send(warm).await.unwrap();
        done_rx.recv().await.unwrap();
        let t = Instant::now();
        first.send(hops).await.unwrap();
        done_rx.recv().await.unwrap();
        (ns_since(t), setup)
    });
    report(format!(
        "tokio_ring ns_per_op={:.2} iters={} threads={} setup_ms={:.1}",
        el / hops as f64, hops, n, setup / 1e6
    ));
}

static RAN: AtomicU64 = AtomicU64::new(0);

fn create(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    if word(a, 2) == "alive" {
        return create_alive(n, arg(a, 3, 10_000).max(1));
    }
    let el = run(0, async move {
        let spawn_n = async |n: u64| {
            for _ in 0..n {
                spawn(async {
                    RAN.fetch_add(1, Ordering::Relaxed);
                })
                .await
                .unwrap();
            }
        };
        spawn_n(n / 10 + 1).await;
        let t = Instant::now();
        spawn_n(n).await;
        ns_since(t)
    });
    report(format!("tokio_create ns_per_op={:.2} iters={}", el / n as f64, n));
}

/// Batches of B tasks alive at once: spawn B tasks that each block on a
/// oneshot receiver, wait until all have started, send on the B oneshots,
/// and wait for the B tasks to finish.
fn create_alive(n: u64, b: u64) {
    let batches = (n / b).max(1);
    let el = run(0, async move {
        let batch = async |b: u64| {
            let started = Arc::new(AtomicU64::new(0));
            let mut txs = Vec::with_capacity(b as usize);
            let mut hs = Vec::with_capacity(b as usize);
            for _ in 0..b {
                let (tx, rx) = oneshot::channel::<u64>();
                let s = started.clone();
                txs.push(tx);
                hs.push(spawn(async move {
                    s.fetch_add(1, Ordering::Relaxed);
                    let _ = rx.await;
                }));
            }
            while started.load(Ordering::Relaxed) < b {
                yield_now().await;
            }
            for (i, tx) in txs.into_iter().enumerate() {
                let _ = tx.send(i as u64);
            }
            for h in hs {
                h.await.unwrap();
            }
        };
        batch(b).await; // warm up: the batches timed reuse what it made
        let t = Instant::now();
        for _ in 0..batches {
            batch(b).await;
        }
        ns_since(t)
    });
    report(format!(
        "tokio_create ns_per_op={:.2} iters={} alive={}",
        el / (batches * b) as f64, batches * b, b
    ));
}

/// N tasks blocked on one shared Notify (tokio's mpsc receivers cannot be
/// shared; a Notify is its one-object wait queue).
fn mem(a: &[String]) {
    let n = arg(a, 1, 100_000);
    let (before, after) = run(0, async move {
        let notify = Arc::new(Notify::new());
        let started = Arc::new(AtomicU64::new(0));
        let before = rss_kb();
        for _ in 0..n {
            let nt = notify.clone();
            let s = started.clone();
            spawn(async move {
                s.fetch_add(1, Ordering::Relaxed);
                nt.notified().await;
            });
        }
        while started.load(Ordering::Relaxed) < n {
            yield_now().await;
        }
        (before, rss_kb())
    });
    report(format!(
        "tokio_mem bytes_per_thread={:.1} threads={} rss_before_kb={} rss_after_kb={}",
        (after - before) as f64 * 1024.0 / n as f64, n, before, after
    ));
}

fn fanin(a: &[String]) {
    let n = arg(a, 1, 1_000_000);
    let k = arg(a, 2, 8).max(1) as usize;
    let (el, minhits) = run(0, async move {
        let mut map = StreamMap::with_capacity(k);
        for i in 0..k {
            let (tx, rx) = mpsc::channel::<u64>(1);
            spawn(async move {
                let mut v = 1u64;
                while tx.send(v).await.is_ok() {
                    v += 1;
                }
            });
            map.insert(i, ReceiverStream::new(rx));
        }
        let mut hits = vec![0u64; k];
        let mut consume = async |n: u64| {
            for _ in 0..n {
                let (i, _v) = map.next().await.unwrap();
                hits[i] += 1;
            }
        };
        consume(n / 10 + 1).await;
        let t = Instant::now();
        consume(n).await;
        let el = ns_since(t);
        (el, *hits.iter().min().unwrap())
    });
    report(format!(
        "tokio_fanin ns_per_op={:.2} iters={} k={} min_share={:.3}",
        el / n as f64, n, k, minhits as f64 * k as f64 / (n + n / 10 + 1) as f64
    ));
}

fn sieve(a: &[String]) {
    let n = arg(a, 1, 10_000);
    let (el, last) = run(0, async move {
        let t = Instant::now();
        let (tx, mut c) = mpsc::channel::<u64>(1);
        spawn(async move {
            let mut i = 2u64;
            while tx.send(i).await.is_ok() {
                i += 1;
            }
        });
        let mut prime = 0;
        for _ in 0..n {
            prime = c.recv().await.unwrap();
            let (tx1, rx1) = mpsc::channel::<u64>(1);
            let mut inp = c;
            spawn(async move {
                while let Some(i) = inp.recv().await {
                    if i % prime != 0 && tx1.send(i).await.is_err() {
                        break;
                    }
                }
            });
            c = rx1;
        }
        (ns_since(t), prime)
    });
    report(format!("tokio_sieve ms={:.2} primes={} last={}", el / 1e6, n, last));
}

/// bench/scale.c: a ring of SCALE_RING tasks with SCALE_TOKENS tokens on a
/// multi-thread runtime with P workers.
fn scale(a: &[String]) {
    let hops = arg(a, 1, 1_000_000);
    let p = arg(a, 2, 2).max(1) as usize;
    let (r, t) = (SCALE_RING, SCALE_TOKENS);
    let per = (hops / t as u64).max(1);
    let el = run(p, async move {
        let (done_tx, mut done_rx) = mpsc::channel::<()>(t);
        let txs = make_ring(r, done_tx);
        let mut lap = async |per: u64| {
            for j in 0..t {
                txs[j * r / t].send(per).await.unwrap();
            }
            for _ in 0..t {
                done_rx.recv().await.unwrap();
            }
        };
        lap(r as u64).await;
        let s = Instant::now();
        lap(per).await;
        ns_since(s)
    });
    report(format!(
        "tokio_scale ns_per_op={:.2} iters={} procs={} threads={} tokens={}",
        el / (per * t as u64) as f64, per * t as u64, p, r, t
    ));
}

/// The operation of iocall: a no-op that returns its argument.
fn noop(x: u64) -> u64 {
    x
}

/// iocall of a no-op (bench/iocall.c): on a current-thread runtime, run the
/// no-op with spawn_blocking (tokio's way to run a blocking call on another
/// OS thread, of its blocking pool) and await its result; two hand-offs
/// between OS threads per call.
fn iocall(a: &[String]) {
    let n = arg(a, 1, 100_000);
    let el = run(0, async move {
        let rounds = async |n: u64| {
            for i in 0..n {
                if spawn_blocking(move || noop(i)).await.ok() != Some(i) {
                    eprintln!("iocall: wrong value back");
                    std::process::exit(1);
                }
            }
        };
        rounds(n / 10 + 1).await;
        let t = Instant::now();
        rounds(n).await;
        ns_since(t)
    });
    report(format!("tokio_iocall ns_per_op={:.2} iters={}", el / n as f64, n));
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
        "sieve" => sieve(a),
        "scale" => scale(a),
        "iocall" => iocall(a),
        _ => usage("tokio"),
    }
}
