// Go peer of bench/prodcons.c: a producer goroutine sends ints on an
// unbuffered channel, main receives them. Set GOMAXPROCS in the environment.
//
//	go_prodcons [words]
//	prints: go_prodcons ns_per_op=R iters=N gomaxprocs=P
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	n := arg(1, 1000000)
	c := make(chan int)
	go func() {
		for v := 1; ; v++ {
			c <- v
		}
	}()
	next := 1
	consume := func(n int) {
		for i := 0; i < n; i++ {
			if <-c != next {
				fmt.Fprintln(os.Stderr, "go_prodcons: words out of order")
				os.Exit(1)
			}
			next++
		}
	}
	consume(n/10 + 1)
	t0 := time.Now()
	consume(n)
	el := time.Since(t0)
	fmt.Printf("go_prodcons ns_per_op=%.2f iters=%d gomaxprocs=%d\n",
		float64(el.Nanoseconds())/float64(n), n, runtime.GOMAXPROCS(0))
}
