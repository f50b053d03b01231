// With lib9's formatter in the program (vsmprint, vseprint), chanprint, threadsetname, threadsetstate, chansetname and threadsysfatal format with it, so Plan 9's verbs (here %ud) work as in plan9port.
// link: both
// qemu: runs itself as a child, and qemu-user cannot exec a program of another CPU without binfmt_misc
#include "child.h"

#include <stdarg.h>

// A stand-in for lib9's formatter: it knows %ud (unsigned decimal, a
// verb printf reads as %u followed by a 'd') and marks its work.
static char *lib9fmt(char *fmt, va_list arg)
{
	char out[256], *o = out;
	for(char *f = fmt; *f != 0 && o < out + sizeof out - 16; f++){
		if(f[0] == '%' && f[1] == 'u' && f[2] == 'd'){
			o += sprintf(o, "%u", va_arg(arg, unsigned));
			f += 2;
		}else if(f[0] == '%' && f[1] == 's'){
			o += snprintf(o, 16, "%s", va_arg(arg, char*));
			f++;
		}else
			*o++ = *f;
	}
	*o = 0;
	char *s = malloc(strlen(out) + 8);
	sprintf(s, "lib9: %s", out);
	return s;
}

char *vsmprint(char *fmt, va_list arg)
{
	return lib9fmt(fmt, arg);
}

char *vseprint(char *buf, char *e, char *fmt, va_list arg)
{
	char *s = lib9fmt(fmt, arg);
	snprintf(buf, e - buf, "%s", s);
	free(s);
	return buf + strlen(buf);
}

static void fatal(const char *fmt, ...)
{
	va_list arg;
	va_start(arg, fmt);
	threadsysfatal((char *)fmt, arg);
	va_end(arg);
}

void threadmain(int argc, char *argv[])
{
	Channel *c;
	char *s;
	Child ch;

	if(argc > 1){
		fatal("%ud left", 7u);
		FAILF("threadsysfatal returned");
	}
	c = chancreate(sizeof(char*), 1);
	CHECKEQ(chanprint(c, "%ud items", 5u), 1);
	s = recvp(c);
	if(strcmp(s, "lib9: 5 items") != 0)
		FAILF("chanprint sent \"%s\"", s);
	free(s);

	threadsetname("worker %ud", 3u);
	CHECK(strcmp(threadgetname(), "lib9: worker 3") == 0);
	threadsetstate("at %s", "work");
	chansetname(c, "chan %ud", 1u);

	child_run(&ch, "fatal", NULL);
	CHECK(WIFEXITED(ch.status));
	CHECKEQ(WEXITSTATUS(ch.status), 1);
	CHECK(strstr(ch.err, ": lib9: 7 left\n") != NULL);
	chanfree(c);
	threadexitsall(NULL);
}
