// When memory for a new proc's stack or OS thread runs out, the abort names the call the program made (proccreate, procrfork, ioproc, threadspawn, threadwaitchan), not one of the library's own; threadspawn aborts before it starts the child. An alt over more entries than memory can list says so.
// qemu: limits the address space, of which qemu-user needs more for itself
// asan: limits the address space, which AddressSanitizer reserves terabytes of
// tsan: limits the address space, which ThreadSanitizer reserves terabytes of
#include "child.h"

#include <malloc.h>
#include <sys/resource.h>

static const char *marker = "abort_out_of_memory_names.ran";

static void nothing(void *arg)
{
	(void)arg;
}

// Lets the address space grow no more: no new chunk of stacks (16 MiB)
// and no OS thread's stack fits, while malloc still has a megabyte of
// heap, kept when freed, for small allocations.
static void limit_address_space(void)
{
	long pages = 0;
	CHECK(mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1);
	CHECK(mallopt(M_TRIM_THRESHOLD, 64 << 20) == 1);
	free(malloc(1 << 20));
	FILE *f = fopen("/proc/self/statm", "r");
	CHECK(f != NULL && fscanf(f, "%ld", &pages) == 1);
	fclose(f);
	struct rlimit r;
	r.rlim_cur = r.rlim_max = (rlim_t)pages * sysconf(_SC_PAGESIZE);
	CHECK(setrlimit(RLIMIT_AS, &r) == 0);
}

void threadmain(int argc, char *argv[])
{
	static const char *calls[] = { "proccreate", "procrfork", "ioproc", "threadspawn", "threadwaitchan" };

	if(argc > 1){
		char *cmd[] = { "sh", "-c", "echo > abort_out_of_memory_names.ran", NULL };
		int fd[3];
		enum { N = 4 << 20 };
		Alt *a = NULL;
		if(strcmp(argv[1], "alt") == 0){
			Channel *c = chancreate(sizeof(ulong), 0);
			a = calloc(N + 1, sizeof *a);
			CHECK(a != NULL);
			for(int i = 0; i < N; i++)
				a[i] = (Alt){ c, NULL, CHANRCV, NULL };
			a[N].op = CHANNOBLK;
		}
		test_sleep_ms(50);	// the library's own procs have started
		limit_address_space();
		if(strcmp(argv[1], "proccreate") == 0)
			proccreate(nothing, NULL, 0);
		else if(strcmp(argv[1], "procrfork") == 0)
			procrfork(nothing, NULL, 0, RFFDG);
		else if(strcmp(argv[1], "ioproc") == 0)
			ioproc();
		else if(strcmp(argv[1], "threadspawn") == 0){
			fd[0] = open("/dev/null", O_RDONLY);
			fd[1] = open("/dev/null", O_WRONLY);
			fd[2] = dup(2);
			threadspawn(fd, "sh", cmd);
		}else if(a != NULL)
			alt(a);
		else
			threadwaitchan();
		FAILF("%s returned", argv[1]);
	}
	unlink(marker);
	for(size_t i = 0; i < sizeof calls / sizeof calls[0]; i++){
		Child c;
		char want[64];
		child_run(&c, calls[i], NULL);
		snprintf(want, sizeof want, "thread: %s: ", calls[i]);
		if(!WIFSIGNALED(c.status) || WTERMSIG(c.status) != SIGABRT || strstr(c.err, want) == NULL
		|| (strstr(c.err, "out of memory mapping") == NULL && strstr(c.err, "cannot create an OS thread") == NULL))
			FAILF("%s: status %#x, stderr: %s", calls[i], c.status, c.err);
	}
	Child c;
	child_expect_abort(&c, "alt", "alt: out of memory for an alt of 4194304 entries");
	test_sleep_ms(100);
	CHECK(access(marker, F_OK) != 0);
	threadexitsall(NULL);
}
