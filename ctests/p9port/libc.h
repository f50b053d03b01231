/* Mock of plan9port's <libc.h>: the guard macro and nil, nothing else. */
#ifndef _LIBC_H_
#define _LIBC_H_ 1

#ifndef nil
#define nil ((void*)0)
#endif

#endif
