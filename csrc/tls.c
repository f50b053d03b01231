/*
 * The calling OS thread's proc. Kept in C to choose the initial-exec TLS
 * model: inside libthread.so, Rust's thread-locals cost a call of
 * __tls_get_addr on every channel operation; this costs one load. On
 * x86_64 the library reads the variable itself (src/arch/x86_64.rs), with
 * no call at all.
 */
#include <stddef.h>

__attribute__((visibility("hidden")))
__thread void *p9thread_current_proc __attribute__((tls_model("initial-exec")));

void *
p9thread_proc(void)
{
	return p9thread_current_proc;
}

void
p9thread_setproc(void *p)
{
	p9thread_current_proc = p;
}
