// A stack overflow in threadmain's own thread prints "thread N (name): stack overflow" on stderr and aborts the program.
// qemu: qemu-user accepts MADV_GUARD_INSTALL but installs no guard
// expect: abort "thread " "(deep)" "stack overflow"
#include "stack_overflow.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	deep(NULL);
}
