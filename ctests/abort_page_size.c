// On a kernel whose pages are not 4 KiB, which the layout of stacks and their guards assumes, the library refuses to start with a message saying so (here sysconf is made to report 16 KiB pages).
// expect: abort "pages are 16384 bytes" "laid out for 4096-byte pages"
// link: both
// tsan: ThreadSanitizer's own runtime believes the page size this program fakes, and crashes
#include <dlfcn.h>

#include "test.h"

long sysconf(int name)
{
	static long (*real)(int);

	if(name == _SC_PAGESIZE)
		return 16384;
	if(real == NULL)
		real = (long (*)(int))dlsym(RTLD_NEXT, "sysconf");
	return real(name);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	FAILF("the library started");
}
