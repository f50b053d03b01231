// A nil channel in an alt receive entry is a programming error: the program aborts with a message naming alt.
// expect: abort "alt"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	Channel *c = chancreate(sizeof(int), 0);
	int v;
	(void)argc; (void)argv;
	Alt a[] = {
		{ c, &v, CHANSND, NULL },
		{ NULL, &v, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	alt(a);
	FAILF("alt with a nil channel returned");
}
