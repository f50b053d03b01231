// A prime sieve of procs (one OS thread per filter) over buffered channels finds the first 1000 primes, checked against trial division.
#define SIEVE_CREATE proccreate
#define SIEVE_NEL 100
#include "sieve.h"
