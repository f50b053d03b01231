// A mainstacksize below the 32 KiB floor is raised to the floor: threadmain can still use 20 KiB of locals.
// link: both
#include "test.h"

int mainstacksize = 1024;

enum { USE = 20 * 1024, PAGE = 4096 };

// Touches the array from the top down (see mainstacksize.c).
__attribute__((noinline)) static long use(void)
{
	volatile char buf[USE];
	long sum = 0;
	for(long i = USE - 1; i >= 0; i -= PAGE / 4)
		buf[i] = 1;
	for(long i = USE - 1; i >= 0; i -= PAGE / 4)
		sum += buf[i];
	return sum;
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	CHECK(use() > 0);
	threadexits(NULL);
}
