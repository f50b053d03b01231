// chancreate with a negative buffer size is a programming error: the program aborts with a message naming chancreate.
// expect: abort "chancreate"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	chancreate(sizeof(int), -5);
	FAILF("chancreate(4, -5) returned");
}
