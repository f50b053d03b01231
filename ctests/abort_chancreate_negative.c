// chancreate with a negative element size is a programming error: the program aborts with a message naming chancreate.
// expect: abort "chancreate"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	chancreate(-1, 0);
	FAILF("chancreate(-1, 0) returned");
}
