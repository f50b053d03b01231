// chanprint on a nil channel is a programming error: the program aborts with a message naming chanprint.
// expect: abort "chanprint: nil channel"
#include "test.h"

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	chanprint(NULL, "%d", 1);
	threadexitsall(NULL);
}
