// Go peer of bench/sieve.c: the concurrent prime sieve with unbuffered
// channels.  Reports total time for the first N primes.
//
//	go_sieve [nprimes]		(default 10000)
//	prints: go_sieve ms=T primes=N last=P
package main

import (
	"fmt"
	"time"
)

func generate(c chan<- uint64) {
	for i := uint64(2); ; i++ {
		c <- i
	}
}

func filter(in <-chan uint64, out chan<- uint64, prime uint64) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	n := arg(1, 10000)
	t0 := time.Now()
	c := make(chan uint64)
	go generate(c)
	var prime uint64
	for i := 0; i < n; i++ {
		prime = <-c
		c1 := make(chan uint64)
		go filter(c, c1, prime)
		c = c1
	}
	el := time.Since(t0)
	fmt.Printf("go_sieve ms=%.2f primes=%d last=%d\n", float64(el.Nanoseconds())/1e6, n, prime)
}
