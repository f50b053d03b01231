// thread.h keeps plan9port's ABI: a 32-byte Alt {c, v, op, err}, the ChanOp values, the prefixed symbols behind the Plan 9 names.
#include "test.h"

#include <stddef.h>

_Static_assert(sizeof(Alt) == 32, "Alt is 32 bytes");
_Static_assert(offsetof(Alt, c) == 0, "Alt.c at 0");
_Static_assert(offsetof(Alt, v) == 8, "Alt.v at 8");
_Static_assert(offsetof(Alt, op) == 16, "Alt.op at 16");
_Static_assert(offsetof(Alt, err) == 24, "Alt.err at 24");
_Static_assert(CHANEND == 0 && CHANSND == 1 && CHANRCV == 2 && CHANNOP == 3 && CHANNOBLK == 4,
	"ChanOp values");
_Static_assert(sizeof(uchar) == 1 && sizeof(uint) == 4 && sizeof(ulong) == 8 &&
	sizeof(vlong) == 8 && sizeof(uvlong) == 8, "Plan 9 integer types");

// The Plan 9 names are macros onto the prefixed symbols: taking the
// address of each prefixed name must link.
typedef void (*fnptr)(void);
static fnptr symbols[] = {
	(fnptr)chanalt, (fnptr)chansend, (fnptr)chanrecv, (fnptr)chansendp,
	(fnptr)chanrecvp, (fnptr)chansendul, (fnptr)chanrecvul,
	(fnptr)channbsend, (fnptr)channbrecv, (fnptr)channbsendp,
	(fnptr)channbrecvp, (fnptr)channbsendul, (fnptr)channbrecvul,
	(fnptr)threadyield, (fnptr)chancreate, (fnptr)chanfree, (fnptr)chaninit,
	(fnptr)chanclose, (fnptr)chanclosing, (fnptr)chanprint,
	(fnptr)threadcreate, (fnptr)proccreate, (fnptr)threadexits,
	(fnptr)threadexitsall, (fnptr)threadid, (fnptr)threadsetname,
	(fnptr)threadgetname, (fnptr)threaddata, (fnptr)procdata,
};

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	for(size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
		CHECK(symbols[i] != NULL);
	// The macros really map onto those symbols.
	CHECK((fnptr)alt == (fnptr)chanalt);
	CHECK((fnptr)send == (fnptr)chansend);
	CHECK((fnptr)recv == (fnptr)chanrecv);
	CHECK((fnptr)nbrecvul == (fnptr)channbrecvul);
	CHECK((fnptr)yield == (fnptr)threadyield);
	threadexits(NULL);
}
