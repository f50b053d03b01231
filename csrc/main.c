/*
 * The library's main: starts the runtime and runs threadmain on a thread
 * with mainstacksize bytes of stack. Both main and mainstacksize are weak,
 * so a program's own definitions win, whether it links libthread.so or
 * libthread.a; threadmain is a weak reference, so a program with its own
 * main and no threadmain still links.
 */
#include <stddef.h>

typedef void (*ThreadFn)(void *);

extern void threadmain(int argc, char *argv[]) __attribute__((weak));
extern void p9thread_start(ThreadFn fn, void *arg, int stacksize) __attribute__((noreturn));

/* Plan 9's default is 8 KiB; every stack gets at least 32 KiB anyway. */
int mainstacksize __attribute__((weak)) = 256 * 1024;

static int main_argc;
static char **main_argv;

static void
run_threadmain(void *arg)
{
	(void)arg;
	threadmain(main_argc, main_argv);
}

int main(int argc, char *argv[]) __attribute__((weak));

int
main(int argc, char *argv[])
{
	main_argc = argc;
	main_argv = argv;
	p9thread_start(threadmain != NULL ? run_threadmain : NULL, NULL, mainstacksize);
}
