// One thread alts over 96 channels fed by 96 threads spread over 3 other procs: every value arrives exactly once and each sender's values in order, while other procs' senders come and go from the channels the alt probes one at a time.
#include "test.h"

enum { K = 96, NPROC = 3, PER = 3000 };

static Channel *c[K];

// Sender k sends 1..PER on its own channel; every fourth channel has a buffer.
static void sender(void *arg)
{
	long k = (long)arg;

	for(ulong v = 1; v <= PER; v++) {
		CHECKEQ(sendul(c[k], v), 1);
		if(v % 97 == 0)
			yield();
	}
}

static void procmain(void *arg)
{
	long p = (long)arg;

	for(long k = p; k < K; k += NPROC)
		threadcreate(sender, (void*)k, 0);
}

void threadmain(int argc, char *argv[])
{
	static Alt a[K + 1];
	static ulong v[K], last[K];
	long total = 0;
	(void)argc; (void)argv;

	for(int k = 0; k < K; k++) {
		c[k] = chancreate(sizeof(ulong), k % 4 == 0 ? 4 : 0);
		a[k] = (Alt){ c[k], &v[k], CHANRCV, NULL };
	}
	a[K] = (Alt){ NULL, NULL, CHANEND, NULL };
	for(long p = 0; p < NPROC; p++)
		proccreate(procmain, (void*)p, 0);
	while(total < (long)K * PER) {
		int k = alt(a);
		CHECK(k >= 0 && k < K);
		if(v[k] != last[k] + 1)
			FAILF("channel %d: received %lu after %lu", k, v[k], last[k]);
		last[k] = v[k];
		total++;
		// Every channel that finished has nothing more coming: leave it out.
		if(last[k] == PER)
			a[k].op = CHANNOP;
	}
	for(int k = 0; k < K; k++) {
		CHECKEQ(last[k], PER);
		CHECKEQ(nbrecvul(c[k]), 0);
	}
	threadexitsall(NULL);
}
