// A prime sieve of procs (one OS thread per filter) over unbuffered channels finds the first 300 primes, checked against trial division.
// args: 300
//
// 300, not 1000: with unbuffered channels every one of the sieve's hand-offs
// (about 517,000 for 1000 primes, 49,000 for 300) wakes an OS thread, which
// takes about 10 s for 1000 primes on a 2-core machine.
// sieve_procs_buffered.c runs the 1000 primes across procs.
#define SIEVE_CREATE proccreate
#define SIEVE_NEL 0
#include "sieve.h"
