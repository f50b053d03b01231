// thread.h works from C++: a C++ program defines threadmain and mainstacksize and uses threads, procs, channels and alt.
// lang: c++
#include "test.h"

#include <string>
#include <vector>

int mainstacksize = 256 * 1024;

struct Pair {
	Channel *in;
	Channel *out;
};

static void doubler(void *arg)
{
	Pair *p = static_cast<Pair*>(arg);
	for(;;) {
		long v;
		if(recv(p->in, &v) != 1)
			break;
		v *= 2;
		send(p->out, &v);
	}
}

static void namer(void *arg)
{
	Channel *c = static_cast<Channel*>(arg);
	// The API takes char*, as Plan 9's does: no string literals in C++.
	static char namefmt[] = "cxx-%d", strfmt[] = "%s";
	threadsetname(namefmt, 7);
	chanprint(c, strfmt, threadgetname());
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	std::vector<long> got;
	Pair p = { chancreate(sizeof(long), 0), chancreate(sizeof(long), 4) };

	threadcreate(doubler, &p, 0);
	for(long i = 0; i < 10; i++) {
		CHECKEQ(send(p.in, &i), 1);
		long v = -1;
		CHECKEQ(recv(p.out, &v), 1);
		got.push_back(v);
	}
	for(long i = 0; i < 10; i++)
		CHECKEQ(got[i], 2 * i);

	Channel *s = chancreate(sizeof(char*), 1);
	proccreate(namer, s, 0);
	char *name = static_cast<char*>(recvp(s));
	CHECK(name != NULL);
	CHECK(std::string(name) == "cxx-7");
	free(name);

	long x = 0;
	Alt a[] = {
		{ p.out, &x, CHANRCV, NULL },
		{ NULL, NULL, CHANNOBLK, NULL },
	};
	static_assert(sizeof(Alt) == 32, "Alt is 32 bytes");
	CHECKEQ(alt(a), 1);
	CHECKEQ(chanclose(p.in), 0);
	threadexitsall(NULL);
}
