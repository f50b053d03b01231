/*
 * The library's main: starts the runtime and runs threadmain on a thread
 * with mainstacksize bytes of stack. Both main and mainstacksize are weak,
 * so a program's own definitions win, whether it links libthread.so or
 * libthread.a; threadmain is a weak reference, so a program with its own
 * main and no threadmain still links.
 *
 * p9main is the same entry point under plan9port's name: plan9port's
 * libc.h renames main to p9main, and lib9's own main calls p9main, so a
 * program linked with plan9port's lib9 starts here through lib9.
 *
 * Start-up, as plan9port does it: set lib9's argv0 (when the program has
 * lib9), go to the background if threadmaybackground() asks for it (see
 * src/background.rs), install lib9's lock hooks (csrc/lib9hooks.c), and
 * run threadmain.
 */
#include <stddef.h>

typedef void (*ThreadFn)(void *);

extern void threadmain(int argc, char *argv[]) __attribute__((weak));
extern char *argv0 __attribute__((weak));
extern void p9thread_start(ThreadFn fn, void *arg, int stacksize) __attribute__((noreturn));
extern void p9thread_background(void);
extern void p9thread_install_lib9_hooks(void);

/* Plan 9's default is 8 KiB; every stack gets at least 32 KiB anyway. */
int mainstacksize __attribute__((weak)) = 256 * 1024;

/* A program that should go to the background once threadmain has set
   things up (a file server) defines its own, returning 1. */
int threadmaybackground(void) __attribute__((weak));

int
threadmaybackground(void)
{
	return 0;
}

static int main_argc;
static char **main_argv;

static void
run_threadmain(void *arg)
{
	(void)arg;
	threadmain(main_argc, main_argv);
}

static void __attribute__((noreturn))
start(int argc, char *argv[])
{
	main_argc = argc;
	main_argv = argv;
	if(&argv0 != NULL && argc > 0)
		argv0 = argv[0];
	if(threadmaybackground())
		p9thread_background();
	p9thread_install_lib9_hooks();
	p9thread_start(threadmain != NULL ? run_threadmain : NULL, NULL, mainstacksize);
}

int main(int argc, char *argv[]) __attribute__((weak));
int p9main(int argc, char *argv[]) __attribute__((weak));

int
main(int argc, char *argv[])
{
	start(argc, argv);
}

int
p9main(int argc, char *argv[])
{
	start(argc, argv);
}
