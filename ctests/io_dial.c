// iodial connects to a TCP listener on 127.0.0.1 (by number, and by name with net!localhost), a UDP socket, and a Unix-domain listener under a temporary directory; data flows both ways, and *cdfp is set to -1.
//
// The socket headers come before thread.h, whose send and recv macros
// (Plan 9's channel names) would otherwise rename the socket calls.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "test.h"

static int listen_tcp(int *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int s = socket(AF_INET, SOCK_STREAM, 0);

	CHECK(s >= 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(s, (struct sockaddr *)&sin, sizeof sin) == 0);
	CHECK(listen(s, 8) == 0);
	CHECK(getsockname(s, (struct sockaddr *)&sin, &len) == 0);
	*port = ntohs(sin.sin_port);
	return s;
}

// The connection is queued on the listener once iodial returns, so the
// test accepts it afterwards in the same thread.
static void exchange(Ioproc *io, int fd, int listener)
{
	char buf[8];
	int c = accept(listener, NULL, NULL);

	CHECK(c >= 0);
	CHECKEQ(iowrite(io, fd, "ping", 4), 4);
	CHECKEQ(read(c, buf, sizeof buf), 4);
	CHECK(memcmp(buf, "ping", 4) == 0);
	CHECKEQ(write(c, "pong", 4), 4);
	CHECKEQ(ioread(io, fd, buf, sizeof buf), 4);
	CHECK(memcmp(buf, "pong", 4) == 0);
	close(c);
	CHECKEQ(ioclose(io, fd), 0);
}

void threadmain(int argc, char *argv[])
{
	Ioproc *io = ioproc();
	char addr[256], dir[40], tmpl[] = "/tmp/p9thread-iodial-XXXXXX";
	int port, listener, fd, cfd = 123;
	struct sockaddr_un sun;
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	(void)argc; (void)argv;

	listener = listen_tcp(&port);
	snprintf(addr, sizeof addr, "tcp!127.0.0.1!%d", port);
	strcpy(dir, "junk");
	fd = iodial(io, addr, NULL, dir, &cfd);
	CHECK(fd >= 0);
	CHECKEQ(cfd, -1);
	CHECKEQ(dir[0], 0);
	exchange(io, fd, listener);

	// localhost may resolve to ::1 first, where nobody listens: iodial
	// goes on to the next address.
	snprintf(addr, sizeof addr, "net!localhost!%d", port);
	fd = iodial(io, addr, NULL, NULL, NULL);
	CHECK(fd >= 0);
	exchange(io, fd, listener);
	close(listener);

	// UDP: a datagram to a bound socket.
	{
		char buf[8];
		int u = socket(AF_INET, SOCK_DGRAM, 0);
		memset(&sin, 0, sizeof sin);
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		CHECK(bind(u, (struct sockaddr *)&sin, sizeof sin) == 0);
		CHECK(getsockname(u, (struct sockaddr *)&sin, &len) == 0);
		snprintf(addr, sizeof addr, "udp!127.0.0.1!%d", ntohs(sin.sin_port));
		fd = iodial(io, addr, NULL, NULL, NULL);
		CHECK(fd >= 0);
		CHECKEQ(iowrite(io, fd, "dgram", 5), 5);
		CHECKEQ(read(u, buf, sizeof buf), 5);
		CHECK(memcmp(buf, "dgram", 5) == 0);
		close(u);
		CHECKEQ(ioclose(io, fd), 0);
	}

	// Unix domain.
	CHECK(mkdtemp(tmpl) != NULL);
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s/sock", tmpl);
	listener = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(bind(listener, (struct sockaddr *)&sun, sizeof sun) == 0);
	CHECK(listen(listener, 8) == 0);
	snprintf(addr, sizeof addr, "unix!%s", sun.sun_path);
	fd = iodial(io, addr, NULL, NULL, &cfd);
	CHECK(fd >= 0);
	exchange(io, fd, listener);
	close(listener);
	unlink(sun.sun_path);
	rmdir(tmpl);

	closeioproc(io);
	threadexitsall(NULL);
}
