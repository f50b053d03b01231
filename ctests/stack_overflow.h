// stack_overflow.h: unbounded recursion for the stack_overflow_*.c tests.
#include "test.h"

static volatile long depthlimit = 1L << 40; // never reached; hides the recursion from the compiler

__attribute__((noinline)) static long recurse(long n)
{
	volatile char frame[1024];
	frame[0] = (char)n;
	frame[sizeof frame - 1] = (char)n;
	if(n >= depthlimit)
		return frame[0];
	return recurse(n + 1) + frame[n % sizeof frame];
}

static void deep(void *arg)
{
	(void)arg;
	threadsetname("deep");
	recurse(0);
	FAILF("recursion returned");
}
