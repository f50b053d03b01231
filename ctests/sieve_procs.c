// A prime sieve of procs (one OS thread per filter) over unbuffered channels finds the first primes, checked against trial division.
#define SIEVE_CREATE proccreate
#define SIEVE_NEL 0
#include "sieve.h"
