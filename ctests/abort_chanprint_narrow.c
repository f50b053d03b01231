// chanprint on a channel of elements narrower than a pointer aborts with a message: the string's address would arrive cut short, the string lost.
// expect: abort "chanprint: channel " "has 4-byte elements, smaller than a pointer"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	Channel *c = chancreate(sizeof(int), 1);
	chanprint(c, "%d", 42);
	FAILF("chanprint on an int channel returned");
}
