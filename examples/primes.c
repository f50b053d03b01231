/*
 * The concurrent prime sieve of thread(2)'s examples: a generator thread
 * sends 2, 3, 4, ...; each prime gets a filter thread that passes on the
 * numbers it does not divide. With -p the filters run in procs of their own.
 *
 *   primes [-p] [n]    print the first n primes (default 100)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <thread.h>

static int useprocs;

static void
generate(void *arg)
{
	Channel *c = arg;
	ulong i;

	for(i = 2;; i++)
		sendul(c, i);
}

typedef struct Filter Filter;
struct Filter {
	Channel *in;
	Channel *out;
	ulong prime;
};

static void
filter(void *arg)
{
	Filter *f = arg;
	ulong i;

	for(;;){
		i = recvul(f->in);
		if(i % f->prime != 0)
			sendul(f->out, i);
	}
}

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	Filter *f;
	ulong prime;
	int i, n;

	if(argc > 1 && strcmp(argv[1], "-p") == 0){
		useprocs = 1;
		argc--;
		argv++;
	}
	n = argc > 1 ? atoi(argv[1]) : 100;
	c = chancreate(sizeof(ulong), 0);
	threadcreate(generate, c, 8192);
	for(i = 0; i < n; i++){
		prime = recvul(c);
		printf("%lu\n", prime);
		f = malloc(sizeof *f);
		f->in = c;
		f->out = chancreate(sizeof(ulong), 0);
		f->prime = prime;
		if(useprocs && i < 8)
			proccreate(filter, f, 8192);
		else
			threadcreate(filter, f, 8192);
		c = f->out;
	}
	threadexitsall(NULL);
}
