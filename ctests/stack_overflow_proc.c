// A stack overflow in a thread of another proc prints "thread N (name): stack overflow" on stderr and aborts the program.
// qemu: qemu-user accepts MADV_GUARD_INSTALL but installs no guard
// expect: abort "thread " "(deep)" "stack overflow"
#include "stack_overflow.h"

void threadmain(int argc, char *argv[])
{
	Channel *c = chancreate(sizeof(int), 0);
	int v;
	(void)argc; (void)argv;
	proccreate(deep, NULL, 64 * 1024);
	recv(c, &v); // blocks until the overflow ends the program
	FAILF("recv returned");
}
