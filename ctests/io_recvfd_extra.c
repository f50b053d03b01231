// iorecvfd of a message carrying two descriptors (another sender may pass several) returns the first and closes the second: once the sender's and the receiver's copies are closed, both pipes read end of file.
#include <sys/socket.h>

#include "test.h"

#include <errno.h>
#include <fcntl.h>

// Sends one byte with the descriptors a and b in one SCM_RIGHTS message.
static void sendtwo(int sock, int a, int b)
{
	union { char buf[CMSG_SPACE(2 * sizeof(int))]; struct cmsghdr align; } control;
	char byte = 0;
	struct iovec iov = { &byte, 1 };
	struct msghdr msg;
	struct cmsghdr *cmsg;
	int fds[2] = { a, b };

	memset(&msg, 0, sizeof msg);
	memset(&control, 0, sizeof control);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control.buf;
	msg.msg_controllen = sizeof control.buf;
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(cmsg), fds, sizeof fds);
	CHECKEQ(sendmsg(sock, &msg, 0), 1);
}

// Whether the read end rd sees end of file now, without waiting.
static int at_eof(int rd)
{
	char c;

	CHECK(fcntl(rd, F_SETFL, O_NONBLOCK) == 0);
	return read(rd, &c, 1) == 0;
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	int sv[2], p1[2], p2[2], fd;
	(void)argc; (void)argv;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(pipe(p1) == 0);
	CHECK(pipe(p2) == 0);
	io = ioproc();
	sendtwo(sv[0], p1[1], p2[1]);
	close(p1[1]);
	close(p2[1]);
	fd = iorecvfd(io, sv[1]);
	CHECK(fd >= 0);
	CHECKEQ(iowrite(io, fd, "x", 1), 1);
	CHECKEQ(ioclose(io, fd), 0);
	// The descriptor returned was the first: its pipe has the byte, then
	// end of file.
	{
		char c;
		CHECKEQ(read(p1[0], &c, 1), 1);
		CHECKEQ(c, 'x');
	}
	CHECK(at_eof(p1[0]));
	// The second was closed, not left open in the process.
	CHECK(at_eof(p2[0]));
	closeioproc(io);
	threadexitsall(NULL);
}
