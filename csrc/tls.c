/*
 * The calling OS thread's proc. Kept in C to choose the initial-exec TLS
 * model: inside libthread.so, Rust's thread-locals cost a call of
 * __tls_get_addr on every channel operation; this costs one load.
 */
#include <stddef.h>

static __thread void *current_proc __attribute__((tls_model("initial-exec")));

void *
p9thread_proc(void)
{
	return current_proc;
}

void
p9thread_setproc(void *p)
{
	current_proc = p;
}
