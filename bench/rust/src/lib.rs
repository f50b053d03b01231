//! Helpers shared by the two peer programs (the same conventions as
//! bench/bench.h: one result line "NAME key=value ...", counts given as
//! 1000000 or 1e6, RSS from /proc/self/smaps_rollup).

use std::io::Write;
use std::time::Instant;

/// Argument `i` (1-based after the subcommand, as argv in the C programs) as a count.
pub fn arg(a: &[String], i: usize, def: u64) -> u64 {
    match a.get(i) {
        None => def,
        Some(s) if s.is_empty() => def,
        Some(s) => match s.parse::<f64>() {
            Ok(f) if f >= 0.0 => f as u64,
            _ => {
                eprintln!("bad number: {}", s);
                std::process::exit(2);
            }
        },
    }
}

/// Argument `i` as a word, or "".
pub fn word(a: &[String], i: usize) -> &str {
    a.get(i).map(|s| s.as_str()).unwrap_or("")
}

pub fn ns_since(t: Instant) -> f64 {
    t.elapsed().as_nanos() as f64
}

fn field_kb(path: &str, key: &str) -> i64 {
    let Ok(s) = std::fs::read_to_string(path) else { return -1 };
    for l in s.lines() {
        if let Some(rest) = l.strip_prefix(key) {
            if let Some(v) = rest.split_whitespace().next() {
                return v.parse().unwrap_or(-1);
            }
        }
    }
    -1
}

/// Resident set size in KiB.
pub fn rss_kb() -> i64 {
    let v = field_kb("/proc/self/smaps_rollup", "Rss:");
    if v >= 0 {
        v
    } else {
        field_kb("/proc/self/status", "VmRSS:")
    }
}

/// Print the result line and leave at once (threads still blocked are not joined).
pub fn report(line: String) -> ! {
    let mut o = std::io::stdout();
    let _ = writeln!(o, "{}", line);
    let _ = o.flush();
    std::process::exit(0);
}

pub fn usage(prog: &str) -> ! {
    eprintln!(
        "usage: {} pingpong N [workers] | ring HOPS N | create N [alive B] | mem N | fanin N K | sieve NPRIMES | scale HOPS P | iocall N",
        prog
    );
    std::process::exit(2);
}

/// The scale workload's shape (bench/scale.c): RING threads in a ring, TOKENS tokens.
pub const SCALE_RING: usize = 512;
pub const SCALE_TOKENS: usize = 64;
