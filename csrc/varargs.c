/*
 * The variadic entry points, which stable Rust cannot define.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Channel Channel;

extern void p9thread_setname(const char *name);
extern int chansendp(Channel *c, void *p);

void
threadsetname(char *fmt, ...)
{
	va_list arg;
	char *name;

	va_start(arg, fmt);
	if(vasprintf(&name, fmt, arg) < 0)
		name = NULL;
	va_end(arg);
	p9thread_setname(name);
	free(name);
}

int
chanprint(Channel *c, char *fmt, ...)
{
	va_list arg;
	char *s;

	va_start(arg, fmt);
	if(vasprintf(&s, fmt, arg) < 0)
		s = NULL;
	va_end(arg);
	if(s == NULL)
		return -1;
	if(chansendp(c, s) != 1){
		free(s);
		return -1;
	}
	return 1;
}
