/*
 * The calling OS thread's proc. Kept in C to choose the initial-exec TLS
 * model: inside libthread.so, Rust's thread-locals cost a call of
 * __tls_get_addr on every channel operation. The library reads the
 * variable itself, with no call, from the thread pointer at the offset the
 * linker resolves (current_proc in src/arch/).
 */
#include <stddef.h>

__attribute__((visibility("hidden")))
__thread void *p9thread_current_proc __attribute__((tls_model("initial-exec")));

void
p9thread_setproc(void *p)
{
	p9thread_current_proc = p;
}
