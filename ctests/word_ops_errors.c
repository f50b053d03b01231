// sendul, recvul, sendp, recvp and their non-blocking forms abort with a message naming the call and the problem when given a nil channel, a freed channel, or a channel whose elements are larger than a word.
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const AbortCase cases[] = {
	{ "nil-sendul", "sendul: nil channel" },
	{ "nil-recvp", "recvp: nil channel" },
	{ "freed-recvul", "recvul: channel 0x" },
	{ "freed-nbsendp", "nbsendp: channel 0x" },
	{ "wide-sendul", "sendul: channel 0x" },
	{ "wide-nbrecvul", "nbrecvul: channel 0x" },
};

// The second half of each message, after the channel's address.
static const char *tail(const char *mode)
{
	if(strncmp(mode, "freed", 5) == 0)
		return " was freed";
	if(strncmp(mode, "wide", 4) == 0)
		return " has 16-byte elements, larger than a pointer or ulong";
	return "";
}

static void run_mode(const char *mode)
{
	static Channel freed;	// chaninit storage stays mapped after chanfree
	Channel *wide = chancreate(16, 1);

	CHECKEQ(chaninit(&freed, sizeof(ulong), 1), 1);
	chanfree(&freed);
	if(strcmp(mode, "nil-sendul") == 0)
		sendul(NULL, 1);
	else if(strcmp(mode, "nil-recvp") == 0)
		recvp(NULL);
	else if(strcmp(mode, "freed-recvul") == 0)
		recvul(&freed);
	else if(strcmp(mode, "freed-nbsendp") == 0)
		nbsendp(&freed, NULL);
	else if(strcmp(mode, "wide-sendul") == 0)
		sendul(wide, 1);
	else if(strcmp(mode, "wide-nbrecvul") == 0)
		nbrecvul(wide);
	else
		FAILF("unknown mode %s", mode);
	FAILF("%s returned", mode);
}

void threadmain(int argc, char *argv[])
{
	if(argc > 1) {
		run_mode(argv[1]);
		return;
	}
	for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		Child c;
		child_expect_abort(&c, cases[i].mode, cases[i].message);
		if(strstr(c.err, tail(cases[i].mode)) == NULL)
			FAILF("%s: stderr lacks \"%s...%s\": %s", cases[i].mode, cases[i].message, tail(cases[i].mode), c.err);
	}
	threadexits(NULL);
}
