// A prime sieve of threads over buffered channels finds the first 1000 primes, checked against trial division.
#define SIEVE_CREATE threadcreate
#define SIEVE_NEL 10
#include "sieve.h"
