/* Mock of plan9port's <libc.h>: the guard macro, nil, and Waitmsg, which
 * thread.h must not define again. */
#ifndef _LIBC_H_
#define _LIBC_H_ 1

#ifndef nil
#define nil ((void*)0)
#endif

typedef struct Waitmsg
{
	int pid;
	ulong time[3];
	char *msg;
} Waitmsg;

#endif
