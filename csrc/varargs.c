/*
 * The variadic entry points, which stable Rust cannot define.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Channel Channel;

extern void p9thread_setname(const char *name);
extern void p9thread_setstate(const char *state);
extern void p9thread_chansetname(Channel *c, const char *name);
extern int p9thread_procexec_start(Channel *cpid, char *file, char **args);
extern int p9thread_threadexec_start(Channel *cpid, int fd[3], char *cmd, char **argv);
extern int threadspawn(int fd[3], char *cmd, char **argv);
extern int p9thread_chanprint_send(Channel *c, char *s);
extern int chansendul(Channel *c, unsigned long v);
extern void threadexits(char *status) __attribute__((noreturn));
extern void p9thread_nil_format(const char *who) __attribute__((noreturn));
extern void p9thread_format_failed(const char *who, const char *fmt, int err) __attribute__((noreturn));

/* lib9's formatter, when the program has lib9 (plan9port's -l9): a weak
   reference, so that a program without lib9 needs none. */
extern char *vsmprint(char *fmt, va_list arg) __attribute__((weak));

/* The malloc'd text of a format and its arguments, formatted as Plan 9's
   print(2) does when the program has lib9 (its verbs, %r, %ud, %q and the
   program's own fmtinstall verbs), and as printf(3) otherwise. A nil
   format, or one that cannot be formatted (out of memory, or a format
   printf rejects), aborts naming who. */
static char *
vformat(const char *who, const char *fmt, va_list arg)
{
	char *s;

	if(fmt == NULL)
		p9thread_nil_format(who);
	if(vsmprint != NULL){
		errno = 0;
		if((s = vsmprint((char *)fmt, arg)) == NULL)
			p9thread_format_failed(who, fmt, errno);
		return s;
	}
	if(vasprintf(&s, fmt, arg) < 0)
		p9thread_format_failed(who, fmt, errno);
	return s;
}

void
threadsetname(char *fmt, ...)
{
	va_list arg;
	char *name;

	va_start(arg, fmt);
	name = vformat("threadsetname", fmt, arg);
	va_end(arg);
	p9thread_setname(name);
	free(name);
}

void
threadsetstate(char *fmt, ...)
{
	va_list arg;
	char *state;

	va_start(arg, fmt);
	state = vformat("threadsetstate", fmt, arg);
	va_end(arg);
	p9thread_setstate(state);
	free(state);
}

void
chansetname(Channel *c, char *fmt, ...)
{
	va_list arg;
	char *name;

	va_start(arg, fmt);
	name = vformat("chansetname", fmt, arg);
	va_end(arg);
	p9thread_chansetname(c, name);
	free(name);
}

int
chanprint(Channel *c, char *fmt, ...)
{
	va_list arg;
	char *s;

	va_start(arg, fmt);
	s = vformat("chanprint", fmt, arg);
	va_end(arg);
	if(p9thread_chanprint_send(c, s) != 1){
		free(s);
		return -1;
	}
	return 1;
}

/*
 * The rest of a nil-terminated argument list as a malloc'd argv array
 * (ending in nil), or nil when out of memory. The strings are not copied.
 */
static char **
argvlist(va_list arg)
{
	va_list count;
	char **argv;
	int n;

	va_copy(count, arg);
	for(n = 0; va_arg(count, char *) != NULL; n++)
		;
	va_end(count);
	argv = malloc((n + 1) * sizeof argv[0]);
	if(argv == NULL)
		return NULL;
	for(n = 0; (argv[n] = va_arg(arg, char *)) != NULL; n++)
		;
	return argv;
}

int
procexecl(Channel *cpid, char *file, ...)
{
	va_list arg;
	char **argv;
	int pid;

	va_start(arg, file);
	argv = argvlist(arg);
	va_end(arg);
	if(argv == NULL){
		if(cpid != NULL)
			chansendul(cpid, ~0UL);
		errno = ENOMEM;
		return -1;
	}
	pid = p9thread_procexec_start(cpid, file, argv);
	free(argv);
	if(pid < 0)
		return -1;
	threadexits(NULL);
}

int
threadspawnl(int fd[3], char *cmd, ...)
{
	va_list arg;
	char **argv;
	int pid;

	va_start(arg, cmd);
	argv = argvlist(arg);
	va_end(arg);
	if(argv == NULL){
		errno = ENOMEM;
		return -1;
	}
	pid = threadspawn(fd, cmd, argv);
	free(argv);
	return pid;
}

void
threadexecl(Channel *cpid, int fd[3], char *cmd, ...)
{
	va_list arg;
	char **argv;
	int pid;

	va_start(arg, cmd);
	argv = argvlist(arg);
	va_end(arg);
	if(argv == NULL){
		if(cpid != NULL)
			chansendul(cpid, ~0UL);
		errno = ENOMEM;
		return;
	}
	pid = p9thread_threadexec_start(cpid, fd, cmd, argv);
	free(argv);
	if(pid >= 0)
		threadexits("threadexecl");
}
