// alt chooses uniformly at random among ready entries: counts and repeats stay within tight statistical bounds.
//
// The bounds.  With R = 100,000 rounds and k always-ready entries chosen
// uniformly, the count of each entry is Binomial(R, 1/k): standard deviation
// sqrt(R p (1-p)) = 158 for k = 2 and 149 for k = 3.  We allow +-1000 (1% of
// R), which is more than 6.3 standard deviations: a correct library fails
// with probability below 1e-9 per check, while a bias of 1% or more is caught
// about half the time and a bias of 2% or more every time.
// Counts alone would accept a round-robin choice, so we also count rounds
// that repeat the previous round's choice: Binomial(R-1, 1/k) too for a
// uniform independent choice, 0 for round-robin, R-1 for always-the-first.
#include "test.h"

enum { R = 100000, SLACK = 1000 };

static void within(const char *what, long got, long want)
{
	if(got < want - SLACK || got > want + SLACK)
		FAILF("%s: %ld, expected %ld +- %d", what, got, want, SLACK);
}

static void tworecv(void)
{
	Channel *c[2];
	int v, last = -1;
	long count[2] = { 0, 0 }, repeats = 0;

	for(int i = 0; i < 2; i++) {
		c[i] = chancreate(sizeof(int), 1);
		CHECKEQ(nbsend(c[i], &i), 1);
	}
	Alt a[] = {
		{ c[0], &v, CHANRCV, NULL },
		{ c[1], &v, CHANRCV, NULL },
		{ NULL, NULL, CHANEND, NULL },
	};
	for(int r = 0; r < R; r++) {
		int k = alt(a);
		CHECK(k == 0 || k == 1);
		CHECKEQ(v, k);
		count[k]++;
		repeats += k == last;
		last = k;
		CHECKEQ(nbsend(c[k], &k), 1); // ready again
	}
	within("two entries: entry 0", count[0], R / 2);
	within("two entries: entry 1", count[1], R / 2);
	within("two entries: repeats", repeats, (R - 1) / 2);
	chanfree(c[0]);
	chanfree(c[1]);
}

// Three ready entries of both kinds, with CHANNOP and not-ready entries
// between them that must never be chosen.
static void mixed(void)
{
	Channel *r0 = chancreate(sizeof(int), 1);
	Channel *s = chancreate(sizeof(int), 1);
	Channel *r1 = chancreate(sizeof(int), 1);
	Channel *never = chancreate(sizeof(int), 0);
	int v, out = 3, last = -1;
	long count[7] = { 0 }, repeats = 0;

	CHECKEQ(nbsend(r0, &out), 1);
	CHECKEQ(nbsend(r1, &out), 1);
	Alt a[] = {
		{ r0, &v, CHANRCV, NULL },	// 0: ready
		{ never, &v, CHANRCV, NULL },	// 1: never ready
		{ s, &out, CHANSND, NULL },	// 2: ready
		{ r0, &v, CHANNOP, NULL },	// 3: no-op
		{ never, &out, CHANSND, NULL },	// 4: never ready
		{ r1, &v, CHANRCV, NULL },	// 5: ready
		{ NULL, NULL, CHANEND, NULL },
	};
	for(int r = 0; r < R; r++) {
		int k = alt(a);
		CHECK(k == 0 || k == 2 || k == 5);
		count[k]++;
		repeats += k == last;
		last = k;
		if(k == 2)
			CHECKEQ(nbrecv(s, &v), 1);
		else
			CHECKEQ(nbsend(a[k].c, &out), 1);
	}
	within("three entries: entry 0", count[0], R / 3);
	within("three entries: entry 2", count[2], R / 3);
	within("three entries: entry 5", count[5], R / 3);
	within("three entries: repeats", repeats, (R - 1) / 3);
	chanfree(r0); chanfree(s); chanfree(r1); chanfree(never);
}

// Three ready entries far apart among 300, the rest never ready: a choice
// that took the first ready entry after a random start would choose entry 0
// once in 300 rounds.
static void wide(void)
{
	enum { K = 300 };
	static Alt a[K + 1];
	static int ready[] = { 0, 150, K - 1 };
	Channel *never = chancreate(sizeof(int), 0);
	int v, last = -1;
	long count[K] = { 0 }, repeats = 0;

	for(int i = 0; i < K; i++)
		a[i] = (Alt){ never, &v, CHANRCV, NULL };
	for(int i = 0; i < 3; i++) {
		a[ready[i]].c = chancreate(sizeof(int), 1);
		CHECKEQ(nbsend(a[ready[i]].c, &i), 1);
	}
	a[K].op = CHANEND;
	for(int r = 0; r < R; r++) {
		int k = alt(a);
		CHECK(k == ready[0] || k == ready[1] || k == ready[2]);
		count[k]++;
		repeats += k == last;
		last = k;
		CHECKEQ(nbsend(a[k].c, &v), 1);
	}
	within("300 entries: entry 0", count[ready[0]], R / 3);
	within("300 entries: entry 150", count[ready[1]], R / 3);
	within("300 entries: entry 299", count[ready[2]], R / 3);
	within("300 entries: repeats", repeats, (R - 1) / 3);
	for(int i = 0; i < 3; i++)
		chanfree(a[ready[i]].c);
	chanfree(never);
}

// 64 entries, all ready: Pearson's chi-squared statistic of the counts, with
// 63 degrees of freedom, has mean 63 and standard deviation 11.2; it exceeds
// 150 with probability below 1e-8.
static void allready(void)
{
	enum { K = 64 };
	Alt a[K + 1];
	int v;
	long count[K] = { 0 };
	double chi2 = 0, want = (double)R / K;

	for(int i = 0; i < K; i++) {
		a[i] = (Alt){ chancreate(sizeof(int), 1), &v, CHANRCV, NULL };
		CHECKEQ(nbsend(a[i].c, &i), 1);
	}
	a[K] = (Alt){ NULL, NULL, CHANEND, NULL };
	for(int r = 0; r < R; r++) {
		int k = alt(a);
		CHECK(k >= 0 && k < K);
		CHECKEQ(v, k);
		count[k]++;
		CHECKEQ(nbsend(a[k].c, &k), 1);
	}
	for(int i = 0; i < K; i++)
		chi2 += (count[i] - want) * (count[i] - want) / want;
	if(chi2 > 150)
		FAILF("64 ready entries: chi-squared %.1f over 63 degrees of freedom", chi2);
	for(int i = 0; i < K; i++)
		chanfree(a[i].c);
}

void threadmain(int argc, char *argv[])
{
	(void)argc; (void)argv;
	tworecv();
	mixed();
	wide();
	allready();
	threadexits(NULL);
}
