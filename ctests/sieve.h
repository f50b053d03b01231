// sieve.h: the concurrent prime sieve shared by the sieve_*.c tests.
//
// The classic design of McIlroy's and Pike's Newsqueak sieve, as in the
// primes examples of Plan 9 and plan9port: a generator sends 2, 3, 4, ...
// down a channel; each prime found starts a filter that passes on the
// numbers its prime does not divide.  Written afresh for this project.
//
// A test defines SIEVE_CREATE (threadcreate or proccreate) and SIEVE_NEL
// (channel buffer size) and includes this file.  argv[1], if given, is the
// number of primes (default 1000).  The primes are printed on stdout and
// checked against trial division.
#include "test.h"

typedef struct Filter {
	ulong prime;
	Channel *in, *out;
} Filter;

static void generator(void *arg)
{
	Channel *out = arg;
	for(ulong i = 2;; i++)
		CHECKEQ(sendul(out, i), 1);
}

static void filter(void *arg)
{
	Filter *f = arg;
	for(;;) {
		ulong i = recvul(f->in);
		if(i % f->prime != 0)
			CHECKEQ(sendul(f->out, i), 1);
	}
}

// nextprime returns the smallest prime greater than p, by trial division.
static ulong nextprime(ulong p)
{
	for(ulong n = p + 1;; n++) {
		ulong d;
		for(d = 2; d * d <= n; d++)
			if(n % d == 0)
				break;
		if(d * d > n)
			return n;
	}
}

void threadmain(int argc, char *argv[])
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	Channel *c = chancreate(sizeof(ulong), SIEVE_NEL);
	ulong want = 1;

	CHECK(n > 0);
	SIEVE_CREATE(generator, c, 8192);
	for(int i = 0; i < n; i++) {
		ulong p = recvul(c);
		want = nextprime(want);
		if(p != want)
			FAILF("prime %d: got %lu, want %lu", i + 1, p, want);
		printf("%lu%c", p, i % 10 == 9 || i == n - 1 ? '\n' : ' ');

		Filter *f = malloc(sizeof *f);
		CHECK(f != NULL);
		f->prime = p;
		f->in = c;
		f->out = chancreate(sizeof(ulong), SIEVE_NEL);
		c = f->out;
		SIEVE_CREATE(filter, f, 8192);
	}
	fflush(stdout);
	// The generator and filters run forever.
	threadexitsall(NULL);
}
