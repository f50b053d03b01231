//! Messages for programming errors, which end the program, as thread(2)
//! says: "if errors occur, the entire program is aborted".
//!
//! Messages are formatted into a buffer on the stack and written with one
//! write(2), so they are safe to produce in a signal handler and do not
//! interleave with output from other procs.

use core::fmt::{self, Write};

use crate::sys;

/// A fixed buffer that formats text, truncating what does not fit.
pub struct MsgBuf {
    buf: [u8; 512],
    len: usize,
}

impl MsgBuf {
    pub const fn new() -> MsgBuf {
        MsgBuf { buf: [0; 512], len: 0 }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Appends a program's text (a thread's name or state string) as its
    /// bytes are, whatever their encoding, cut to [`TEXT_SHOWN`] bytes with
    /// "..." after, so that the rest of the message still fits.
    pub fn write_text(&mut self, text: &[u8]) {
        let shown = &text[..text.len().min(TEXT_SHOWN)];
        let n = shown.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&shown[..n]);
        self.len += n;
        if shown.len() < text.len() {
            let _ = self.write_str("...");
        }
    }
}

/// The most bytes of a program's text a message shows.
pub(crate) const TEXT_SHOWN: usize = 128;

impl Write for MsgBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let n = s.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}

/// Prints `thread: <msg>` and the calling thread, then aborts.
#[cold]
pub fn die(msg: fmt::Arguments) -> ! {
    let mut m = MsgBuf::new();
    let _ = write!(m, "thread: {msg}");
    crate::thread::describe_current(&mut m);
    let _ = m.write_str("\n");
    sys::write_stderr(m.as_bytes());
    // SAFETY: abort has no preconditions.
    unsafe { libc::abort() }
}

/// Shorthand for [`die`] with format arguments.
#[macro_export]
macro_rules! die {
    ($($arg:tt)*) => { $crate::fatal::die(format_args!($($arg)*)) };
}

/// Displays an errno value as strerror(3) does.
pub struct Errno(pub i32);

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut buf = [0u8; 128];
        // SAFETY: buf is valid for its length; the GNU-independent XSI
        // variant fills it with a NUL-terminated string.
        let ok = unsafe { libc::strerror_r(self.0, buf.as_mut_ptr().cast(), buf.len()) } == 0;
        let len = buf.iter().position(|&b| b == 0).unwrap_or(0);
        match core::str::from_utf8(&buf[..len]) {
            Ok(s) if ok => f.write_str(s),
            _ => write!(f, "errno {}", self.0),
        }
    }
}
