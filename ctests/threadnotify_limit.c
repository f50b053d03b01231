// threadnotify registers at most 32 handlers: the 33rd is refused with 0, a removal makes room again, and removing a handler that is not registered returns 0.
#include "test.h"

#define H(n) static int h##n(void *u, char *s) { (void)u; (void)s; return 0; }
H(0) H(1) H(2) H(3) H(4) H(5) H(6) H(7) H(8) H(9) H(10) H(11) H(12) H(13) H(14) H(15)
H(16) H(17) H(18) H(19) H(20) H(21) H(22) H(23) H(24) H(25) H(26) H(27) H(28) H(29) H(30) H(31)
H(32) H(33)

typedef int Handler(void*, char*);
static Handler *hs[] = {
	h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15,
	h16, h17, h18, h19, h20, h21, h22, h23, h24, h25, h26, h27, h28, h29, h30, h31,
};

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;

	for(int i = 0; i < 32; i++)
		CHECKEQ(threadnotify(hs[i], 1), 1);
	CHECKEQ(threadnotify(hs[5], 1), 1);	// already registered: still 1
	CHECKEQ(threadnotify(h32, 1), 0);	// the 33rd
	CHECKEQ(threadnotify(h32, 0), 0);	// was never registered
	CHECKEQ(threadnotify(hs[0], 0), 1);
	CHECKEQ(threadnotify(h32, 1), 1);	// room again
	CHECKEQ(threadnotify(h33, 1), 0);
	CHECKEQ(threadnotify(hs[0], 0), 0);	// removed already
	for(int i = 1; i < 32; i++)
		CHECKEQ(threadnotify(hs[i], 0), 1);
	CHECKEQ(threadnotify(h32, 0), 1);
	threadexits(NULL);
}
