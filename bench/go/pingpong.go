// Go peer of bench/pingpong.c: two goroutines, two unbuffered channels.
// One round trip is main -> partner -> main.  Set GOMAXPROCS in the
// environment (1 for the same-proc figure, 2 for the cross-proc one).
// With "locked", each goroutine is wired to an OS thread of its own
// (runtime.LockOSThread), so that every handoff crosses OS threads as in
// p9thread's cross-proc case; without it Go's scheduler runs both goroutines
// on one thread even with GOMAXPROCS=2.
//
//	go_pingpong [iterations [locked]]
//	prints: go_pingpong ns_per_op=R iters=N gomaxprocs=P locked=0|1
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	n := arg(1, 1000000)
	locked := len(os.Args) > 2 && os.Args[2] == "locked"
	ping := make(chan int)
	pong := make(chan int)
	if locked {
		runtime.LockOSThread()
	}
	go func() {
		if locked {
			runtime.LockOSThread()
		}
		for v := range ping {
			pong <- v
		}
	}()
	run := func(n int) {
		for i := 0; i < n; i++ {
			ping <- i
			<-pong
		}
	}
	run(n/10 + 1)
	t0 := time.Now()
	run(n)
	el := time.Since(t0)
	lk := 0
	if locked {
		lk = 1
	}
	fmt.Printf("go_pingpong ns_per_op=%.2f iters=%d gomaxprocs=%d locked=%d\n",
		float64(el.Nanoseconds())/float64(n), n, runtime.GOMAXPROCS(0), lk)
}
