// A program's own mainstacksize is honoured, linked with libthread.so and with libthread.a: threadmain can use a 512 KiB local array.
// link: both
#include "test.h"

// Far above the 32 KiB floor: without this definition taking effect,
// touching the array below runs into the guard page and aborts.
int mainstacksize = 1 << 20;

enum { BIG = 512 * 1024, PAGE = 4096 };

// Touches the array page by page from the top down, the direction the
// stack grows, so that a too-small stack faults on its guard page instead
// of scribbling over whatever lies below it.
__attribute__((noinline)) static long usebig(int seed)
{
	volatile char big[BIG];
	long sum = 0;

	for(long i = BIG - 1; i >= 0; i -= PAGE)
		big[i] = (char)(i / PAGE + seed);
	for(long i = BIG - 1; i >= 0; i -= PAGE)
		sum += big[i];
	return sum;
}

void threadmain(int argc, char *argv[])
{
	long want = 0;
	(void)argc; (void)argv;

	CHECKEQ(mainstacksize, 1 << 20);
	for(long i = BIG - 1; i >= 0; i -= PAGE)
		want += (char)(i / PAGE + 1);
	CHECKEQ(usebig(1), want);
	threadexits(NULL);
}
