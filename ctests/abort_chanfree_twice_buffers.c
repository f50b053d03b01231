// A channel freed twice, or used after it was freed, is caught whatever the size of its buffer: none, small, 2 KB (which malloc would keep in bins that write past a block's first 16 bytes) or 200 KB (which it would unmap).
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

static const int sizes[] = { 0, 1, 2000, 200000 };

void threadmain(int argc, char *argv[])
{
	if(argc > 1){
		int n = atoi(argv[1] + 1);
		Channel *c = chancreate(1, n);
		chanfree(c);
		if(argv[1][0] == 'f')
			chanfree(c);
		else
			nbsendul(c, 1);
		FAILF("%s returned", argv[1]);
	}
	for(size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++){
		Child c;
		char mode[32];
		snprintf(mode, sizeof mode, "f%d", sizes[i]);
		child_expect_abort(&c, mode, "chanfree: channel ");
		CHECK(strstr(c.err, "freed twice") != NULL);
		snprintf(mode, sizeof mode, "u%d", sizes[i]);
		child_expect_abort(&c, mode, "nbsendul: channel ");
		CHECK(strstr(c.err, "was freed") != NULL);
	}
	threadexitsall(NULL);
}
