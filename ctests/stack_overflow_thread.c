// A stack overflow in a thread prints "thread N (name): stack overflow" on stderr and aborts the program.
// qemu: qemu-user accepts MADV_GUARD_INSTALL but installs no guard
// link: both
// expect: abort "thread " "(deep)" "stack overflow"
#include "stack_overflow.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	threadcreate(deep, NULL, 64 * 1024);
	yield();
	test_sleep_ms(100);
	FAILF("the overflowing thread did not end the program");
}
