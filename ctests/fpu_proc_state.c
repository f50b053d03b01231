// The floating-point control state belongs to the proc: a rounding mode one thread sets is the one the proc's other threads (and the threads it creates) compute with after a switch, in SSE arithmetic as in fegetround.
// cflags: -frounding-math -Wl,--no-as-needed -lm
#include "test.h"
#include <fenv.h>

static volatile double one = 1.0, three = 3.0;
static Channel *c;

static double third(void)
{
	return one / three;
}

static void other(void *arg)
{
	double q;
	(void)arg;

	// Created and first run while threadmain rounds upward.
	q = third();
	CHECKEQ(fegetround(), FE_UPWARD);
	send(c, &q);
	// Now round downward, and switch back to threadmain.
	CHECK(fesetround(FE_DOWNWARD) == 0);
	q = third();
	send(c, &q);
}

void threadmain(int argc, char *argv[])
{
	double up, down, near, q;
	(void)argc; (void)argv;

	CHECKEQ(fegetround(), FE_TONEAREST);
	near = third();
	CHECK(fesetround(FE_DOWNWARD) == 0);
	down = third();
	CHECK(fesetround(FE_UPWARD) == 0);
	up = third();
	CHECK(up != down);	// the modes are told apart

	c = chancreate(sizeof(double), 0);
	threadcreate(other, NULL, 0);
	recv(c, &q);
	if(q != up)
		FAILF("new thread computed %a with the proc rounding upward, want %a", q, up);
	recv(c, &q);
	CHECK(q == down);
	// The other thread's fesetround holds here too.
	CHECKEQ(fegetround(), FE_DOWNWARD);
	q = third();
	if(q != down)
		FAILF("after a switch threadmain computed %a with the proc rounding downward, want %a", q, down);
	CHECK(fesetround(FE_TONEAREST) == 0);
	CHECK(third() == near);
	threadexits(NULL);
}
