// send(c, nil) sends zeros for elements of every size up to a word (1 to 8 bytes), buffered and unbuffered, in send and in alt.
#include "test.h"

static int sizes[] = { 1, 2, 3, 4, 5, 7, 8 };

static void nilsender(void *arg)
{
	Channel *c = arg;
	Alt a[] = {
		{ c, NULL, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};

	CHECKEQ(send(c, NULL), 1);
	CHECKEQ(alt(a), 0);
}

static void check_zero(unsigned char *b, int n, const char *how)
{
	for(int i = 0; i < n; i++)
		if(b[i] != 0)
			FAILF("%s of %d-byte elements: byte %d is %#x, want 0", how, n, i, b[i]);
}

void threadmain(int argc, char *argv[])
{
	unsigned char buf[8], ones[8];
	(void)argc; (void)argv;

	memset(ones, 0xA5, sizeof ones);
	for(size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		int n = sizes[k];
		Channel *u = chancreate(n, 0), *b = chancreate(n, 1);

		// Unbuffered: the receiver's buffer is overwritten with zeros.
		threadcreate(nilsender, u, 0);
		for(int i = 0; i < 2; i++) {
			memset(buf, 0xFF, sizeof buf);
			CHECKEQ(recv(u, buf), 1);
			check_zero(buf, n, "unbuffered send(c, nil)");
		}

		// Buffered: zeros go into a slot that held another value.
		for(int i = 0; i < 2; i++) {
			CHECKEQ(send(b, ones), 1);
			CHECKEQ(recv(b, buf), 1);
			CHECK(memcmp(buf, ones, n) == 0);
			if(i == 0)
				CHECKEQ(send(b, NULL), 1);
			else {
				Alt a[] = {
					{ b, NULL, CHANSND, NULL },
					{ NULL, NULL, CHANEND, NULL },
				};
				CHECKEQ(alt(a), 0);
			}
			memset(buf, 0xFF, sizeof buf);
			CHECKEQ(recv(b, buf), 1);
			check_zero(buf, n, i == 0 ? "buffered send(c, nil)" : "buffered alt send of nil");
		}
		chanfree(u);
		chanfree(b);
	}
	threadexits(NULL);
}
