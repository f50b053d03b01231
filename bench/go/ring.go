// Go peer of bench/ring.c: NTHREADS goroutines in a ring of unbuffered
// channels pass a counter until it reaches zero.  Reports time per hop.
//
//	go_ring [hops [nthreads]]	(nthreads default 503)
//	prints: go_ring ns_per_op=R iters=HOPS threads=N setup_ms=S
package main

import (
	"fmt"
	"time"
)

func main() {
	hops := arg(1, 1000000)
	n := arg(2, 503)
	t0 := time.Now()
	chans := make([]chan int, n)
	for i := range chans {
		chans[i] = make(chan int)
	}
	done := make(chan bool)
	for i := 0; i < n; i++ {
		in, out := chans[i], chans[(i+1)%n]
		go func() {
			for {
				v := <-in
				if v == 0 {
					done <- true
					continue
				}
				out <- v - 1
			}
		}()
	}
	setup := time.Since(t0)
	// warm up: one lap (bounded so that huge rings do not pay twice)
	warm := n
	if warm > 100000 {
		warm = 1000
	}
	chans[0] <- warm
	<-done
	t1 := time.Now()
	chans[0] <- hops
	<-done
	el := time.Since(t1)
	fmt.Printf("go_ring ns_per_op=%.2f iters=%d threads=%d setup_ms=%.1f\n",
		float64(el.Nanoseconds())/float64(hops), hops, n, float64(setup.Nanoseconds())/1e6)
}
