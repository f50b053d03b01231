// An alt that reaches a freed channel is a programming error: the program aborts with a message naming alt and the freed channel.
// expect: abort "alt: channel" "was freed"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	static Channel freed;	// chaninit storage stays mapped after chanfree
	Channel *never = chancreate(sizeof(int), 0);
	int v;
	(void)argc; (void)argv;

	CHECKEQ(chaninit(&freed, sizeof(int), 0), 1);
	chanfree(&freed);
	// Nothing else is ready, so alt tries every entry, the freed one too.
	Alt a[] = {
		{ never, &v, CHANRCV, NULL },
		{ &freed, &v, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	alt(a);
	FAILF("alt over a freed channel returned");
}
