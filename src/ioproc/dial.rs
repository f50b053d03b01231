//! iodial's dial strings: `net!host!port`, `tcp!host!port`,
//! `udp!host!port` and `unix!/path`, with hosts and ports by name or
//! number. `net` means TCP, or UDP for a service only UDP knows. A string
//! of any other shape fails with EINVAL, an unknown network with
//! EAFNOSUPPORT.

use core::ffi::{c_int, CStr};
use std::ffi::CString;

use crate::sys::{self, net};

/// Where a dial string points.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An Internet host and port; `udp` for udp!, `fallback` for net!.
    Inet { host: CString, port: CString, udp: bool, fallback: bool },
    /// A Unix-domain stream socket.
    Unix { path: CString },
}

/// Parses a dial string; Err holds the errno value.
pub fn parse(addr: &CStr) -> Result<Target, c_int> {
    let s = addr.to_bytes();
    let owned = |b: &[u8]| CString::new(b).map_err(|_| libc::EINVAL);
    if let Some(path) = s.strip_prefix(b"unix!") {
        // A path may hold any byte but NUL, '!' too.
        return if path.is_empty() { Err(libc::EINVAL) } else { Ok(Target::Unix { path: owned(path)? }) };
    }
    let fields: Vec<&[u8]> = s.splitn(3, |&b| b == b'!').collect();
    match fields.as_slice() {
        [net @ (b"tcp" | b"udp" | b"net"), host, port] => {
            if host.is_empty() || port.is_empty() || port.contains(&b'!') || !port_in_range(port) {
                return Err(libc::EINVAL);
            }
            Ok(Target::Inet { host: owned(host)?, port: owned(port)?, udp: *net == b"udp", fallback: *net == b"net" })
        }
        [b"tcp" | b"udp" | b"net", ..] => Err(libc::EINVAL),
        [net, _, ..] if !net.is_empty() && *net != b"unix" => Err(libc::EAFNOSUPPORT),
        _ => Err(libc::EINVAL),
    }
}

/// Connects to `target`: the new descriptor, or the errno value.
pub fn connect(target: &Target) -> Result<c_int, c_int> {
    match target {
        Target::Unix { path } => net::connect_unix(path),
        Target::Inet { host, port, udp: true, .. } => net::connect_inet(host, port, libc::SOCK_DGRAM),
        Target::Inet { host, port, fallback, .. } => {
            let r = net::connect_inet(host, port, libc::SOCK_STREAM);
            match r {
                // The service may be one only UDP knows.
                Err(libc::ENXIO) if *fallback => net::connect_inet(host, port, libc::SOCK_DGRAM).or(r),
                _ => r,
            }
        }
    }
}

/// iodial, in the I/O proc: the connected descriptor, or -1 with errno set.
/// Whether `port`, if a number, is one: getaddrinfo takes 99999 for 34463.
fn port_in_range(port: &[u8]) -> bool {
    !port.iter().all(u8::is_ascii_digit) || core::str::from_utf8(port).ok().and_then(|p| p.parse::<u16>().ok()).is_some()
}

pub fn dial(addr: &CStr) -> c_int {
    match parse(addr).and_then(|t| connect(&t)) {
        Ok(fd) => fd,
        Err(e) => {
            sys::set_errno(e);
            -1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inet(host: &str, port: &str, udp: bool, fallback: bool) -> Result<Target, c_int> {
        Ok(Target::Inet { host: CString::new(host).unwrap(), port: CString::new(port).unwrap(), udp, fallback })
    }

    #[test]
    fn good_strings() {
        assert_eq!(parse(c"tcp!127.0.0.1!564"), inet("127.0.0.1", "564", false, false));
        assert_eq!(parse(c"udp!localhost!domain"), inet("localhost", "domain", true, false));
        assert_eq!(parse(c"net!example.org!http"), inet("example.org", "http", false, true));
        assert_eq!(parse(c"tcp!::1!80"), inet("::1", "80", false, false));
        assert_eq!(parse(c"tcp!host!65535"), inet("host", "65535", false, false));
        assert_eq!(parse(c"unix!/tmp/sock"), Ok(Target::Unix { path: CString::new("/tmp/sock").unwrap() }));
        assert_eq!(parse(c"unix!/tmp/a!b"), Ok(Target::Unix { path: CString::new("/tmp/a!b").unwrap() }));
    }

    #[test]
    fn bad_strings() {
        for s in [c"", c"tcp", c"tcp!host", c"tcp!!80", c"tcp!host!", c"tcp!a!b!c", c"unix!", c"unix", c"!!", c"localhost", c"!host!80", c"tcp!host!65536", c"udp!host!99999", c"net!host!4294967297"] {
            assert_eq!(parse(s), Err(libc::EINVAL), "{s:?}");
        }
        assert_eq!(parse(c"il!host!564"), Err(libc::EAFNOSUPPORT));
        assert_eq!(parse(c"bogus!x"), Err(libc::EAFNOSUPPORT));
    }
}
