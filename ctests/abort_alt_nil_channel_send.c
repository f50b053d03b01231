// A nil channel in an alt send entry is a programming error: the program aborts with a message naming alt.
// expect: abort "alt"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	int v = 0;
	(void)argc; (void)argv;
	Alt a[] = {
		{ NULL, &v, CHANSND, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	alt(a);
	FAILF("alt with a nil channel returned");
}
