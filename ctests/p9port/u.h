/* Mock of plan9port's <u.h>, only what thread.h must coexist with:
 * the guard macro and the basic typedefs, spelled as plan9port spells them. */
#ifndef _U_H_
#define _U_H_ 1

#include <stddef.h>
#include <stdint.h>

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long vlong;
typedef unsigned long long uvlong;
typedef uint8_t u8int;
typedef uint16_t u16int;
typedef uint32_t u32int;
typedef uint64_t u64int;
typedef uintptr_t uintptr;

#endif
