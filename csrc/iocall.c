/*
 * iocall, which is variadic: it starts the caller's argument list and hands
 * a pointer to it to the library, whose I/O proc calls op with it. The list
 * stays valid there because the caller waits until op has returned.
 */
#include <stdarg.h>

typedef struct Ioproc Ioproc;

extern long p9thread_iocall(Ioproc *io, long (*op)(va_list *), va_list *arg);

long
iocall(Ioproc *io, long (*op)(va_list *), ...)
{
	va_list arg;
	long r;

	va_start(arg, op);
	r = p9thread_iocall(io, op, &arg);
	va_end(arg);
	return r;
}
