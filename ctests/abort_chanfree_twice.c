// Freeing a channel twice is a programming error: the program aborts with a message naming chanfree and saying twice.
// expect: abort "chanfree" "twice"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	Channel *c = chancreate(sizeof(int), 1);
	(void)argc; (void)argv;
	chanfree(c);
	chanfree(c);
	FAILF("the second chanfree returned");
}
