// closeioproc of an Ioproc already closed is a programming error: it aborts with a message naming the function and saying the Ioproc was closed.
// expect: abort "closeioproc: Ioproc" "was closed"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	Ioproc *io;
	(void)argc; (void)argv;

	io = ioproc();
	CHECKEQ(iosleep(io, 0), 0);
	closeioproc(io);
	closeioproc(io);
	FAILF("the second closeioproc returned");
}
