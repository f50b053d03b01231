// procrfork refuses a flag Linux cannot honour, with a message naming it.
// expect: abort "procrfork" "RFNAMEG"
#include "test.h"

static void nothing(void *arg) { (void)arg; }

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	procrfork(nothing, NULL, 8192, RFNAMEG);
	threadexitsall("procrfork accepted RFNAMEG");
}
