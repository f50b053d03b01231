//! Socket calls for the I/O procs: connecting to an Internet or Unix-domain
//! address, and passing a file descriptor over a Unix-domain socket.
//! Errors are errno values; getaddrinfo's own codes are mapped onto errno
//! (see [`gai_errno`]).

use core::ffi::{c_int, c_void, CStr};
use core::mem::{size_of, zeroed};
use core::ptr;

use super::errno;

/// The errno value that stands for a getaddrinfo error: ENXIO (no such
/// device or address) when the host or service has no address, EAGAIN for
/// a temporary failure of name resolution, ENOMEM, EAFNOSUPPORT and
/// ESOCKTNOSUPPORT for what they say, errno itself for EAI_SYSTEM, and
/// EINVAL otherwise.
fn gai_errno(code: c_int) -> c_int {
    match code {
        libc::EAI_NONAME | libc::EAI_SERVICE | libc::EAI_NODATA => libc::ENXIO,
        libc::EAI_AGAIN => libc::EAGAIN,
        libc::EAI_MEMORY => libc::ENOMEM,
        libc::EAI_FAMILY => libc::EAFNOSUPPORT,
        libc::EAI_SOCKTYPE => libc::ESOCKTNOSUPPORT,
        libc::EAI_SYSTEM => errno(),
        _ => libc::EINVAL,
    }
}

/// Connects a new socket of type `socktype` (SOCK_STREAM or SOCK_DGRAM) to
/// `host` and `service` (names or numbers), trying each address the
/// resolver gives in turn. Returns the socket, or the errno value of the
/// last failure.
pub fn connect_inet(host: &CStr, service: &CStr, socktype: c_int) -> Result<c_int, c_int> {
    // SAFETY: hints is zeroed (a valid addrinfo); the list getaddrinfo
    // returns is walked while alive and freed once.
    unsafe {
        let mut hints: libc::addrinfo = zeroed();
        hints.ai_family = libc::AF_UNSPEC;
        hints.ai_socktype = socktype;
        let mut list: *mut libc::addrinfo = ptr::null_mut();
        let r = libc::getaddrinfo(host.as_ptr(), service.as_ptr(), &hints, &mut list);
        if r != 0 {
            return Err(gai_errno(r));
        }
        let mut result = Err(libc::ENXIO);
        let mut a = list;
        while !a.is_null() {
            result = connect_to((*a).ai_family, (*a).ai_socktype, (*a).ai_protocol, (*a).ai_addr, (*a).ai_addrlen);
            if result.is_ok() || result == Err(libc::EINTR) {
                break;
            }
            a = (*a).ai_next;
        }
        libc::freeaddrinfo(list);
        result
    }
}

/// Connects a new stream socket to the Unix-domain socket at `path`.
pub fn connect_unix(path: &CStr) -> Result<c_int, c_int> {
    // SAFETY: an all-zero sockaddr_un is valid.
    let mut sun: libc::sockaddr_un = unsafe { zeroed() };
    let bytes = path.to_bytes();
    if bytes.len() >= sun.sun_path.len() {
        return Err(libc::ENAMETOOLONG);
    }
    sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (d, &s) in sun.sun_path.iter_mut().zip(bytes) {
        *d = s as libc::c_char;
    }
    let len = (size_of::<libc::sa_family_t>() + bytes.len() + 1) as libc::socklen_t;
    // SAFETY: sun is a valid address of length len.
    unsafe { connect_to(libc::AF_UNIX, libc::SOCK_STREAM, 0, (&raw const sun).cast(), len) }
}

/// # Safety
/// `addr` is a valid socket address of `len` bytes.
unsafe fn connect_to(family: c_int, socktype: c_int, proto: c_int, addr: *const libc::sockaddr, len: libc::socklen_t) -> Result<c_int, c_int> {
    // SAFETY: socket takes no pointers.
    let fd = unsafe { libc::socket(family, socktype, proto) };
    if fd < 0 {
        return Err(errno());
    }
    // SAFETY: per the contract.
    if unsafe { libc::connect(fd, addr, len) } != 0 {
        let e = errno();
        super::io::close(fd);
        return Err(e);
    }
    Ok(fd)
}

/// Room for the control messages of one received message: a sender that
/// is not [`send_fd`] may pass several descriptors, which the receiver must
/// see in order to close them.
#[repr(C)]
union FdControl {
    buf: [u8; 256],
    _align: libc::cmsghdr,
}

/// A message of one byte at `iov` with `control` for its control
/// messages, for sendmsg (`len` bytes of them) and recvmsg (all of it).
fn fd_message(iov: &mut libc::iovec, control: &mut FdControl, len: usize) -> libc::msghdr {
    // SAFETY: an all-zero msghdr is a valid empty message.
    let mut msg: libc::msghdr = unsafe { zeroed() };
    msg.msg_iov = iov;
    msg.msg_iovlen = 1;
    msg.msg_control = (control as *mut FdControl).cast();
    msg.msg_controllen = len;
    msg
}

/// Sends `fd` over the Unix-domain socket `sock`, with one byte of data.
/// Returns 0, or -1 with errno set.
pub fn send_fd(sock: c_int, fd: c_int) -> c_int {
    let mut byte = 0u8;
    let mut iov = libc::iovec { iov_base: (&raw mut byte).cast(), iov_len: 1 };
    // SAFETY: the message's buffers are locals that outlive sendmsg; the
    // control buffer is aligned and large enough for CMSG_SPACE(int).
    unsafe {
        let mut control: FdControl = zeroed();
        // SAFETY: CMSG_SPACE only computes a size.
        let len = libc::CMSG_SPACE(size_of::<c_int>() as u32) as usize;
        let msg = fd_message(&mut iov, &mut control, len);
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(size_of::<c_int>() as u32) as usize;
        ptr::write_unaligned(libc::CMSG_DATA(cmsg).cast::<c_int>(), fd);
        if libc::sendmsg(sock, &msg, libc::MSG_NOSIGNAL) != 1 {
            return -1;
        }
    }
    0
}

/// Receives a descriptor sent by [`send_fd`] over `sock`. Returns it, or
/// -1 with errno set: ECONNRESET when the peer closed the socket, EPROTO
/// when the message carried no descriptor. Descriptors beyond the first,
/// which another sender may have passed, are closed.
pub fn recv_fd(sock: c_int) -> c_int {
    let mut byte = 0u8;
    let mut iov = libc::iovec { iov_base: (&raw mut byte).cast::<c_void>(), iov_len: 1 };
    // SAFETY: as in send_fd; control messages are read only within the
    // length the kernel reports, through the CMSG macros.
    unsafe {
        let mut control: FdControl = zeroed();
        let mut msg = fd_message(&mut iov, &mut control, size_of::<FdControl>());
        match libc::recvmsg(sock, &mut msg, 0) {
            n if n < 0 => return -1,
            0 => {
                super::set_errno(libc::ECONNRESET);
                return -1;
            }
            _ => {}
        }
        let mut first = -1;
        let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(cmsg);
                let nfd = ((*cmsg).cmsg_len - data.offset_from(cmsg.cast::<u8>()) as usize) / size_of::<c_int>();
                for i in 0..nfd {
                    let fd = ptr::read_unaligned(data.cast::<c_int>().add(i));
                    if first < 0 {
                        first = fd;
                    } else {
                        super::io::close(fd);
                    }
                }
            }
            cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
        }
        if first < 0 {
            // The kernel drops the descriptors it has no room for in the
            // receiver's table, and says only that the control data was cut.
            super::set_errno(if msg.msg_flags & libc::MSG_CTRUNC != 0 { libc::EMFILE } else { libc::EPROTO });
        }
        first
    }
}
