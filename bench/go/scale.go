// Go peer of bench/scale.c: P independent goroutine pairs, each doing N
// unbuffered ping-pong round trips, all at once; run with GOMAXPROCS=P.
// Reports wall time over P*N round trips.
//
//	go_scale [iterations-per-pair [P]]	(P default 2)
//	prints: go_scale ns_per_op=R iters=N procs=P gomaxprocs=G
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func arg(i int, def int) int {
	if len(os.Args) > i {
		f, err := strconv.ParseFloat(os.Args[i], 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad number:", os.Args[i])
			os.Exit(2)
		}
		return int(f)
	}
	return def
}

func main() {
	n := arg(1, 1000000)
	np := arg(2, 2)
	var ready, finished sync.WaitGroup
	start := make(chan struct{})
	ready.Add(np)
	finished.Add(np)
	for p := 0; p < np; p++ {
		go func() {
			ping, pong := make(chan int), make(chan int)
			go func() {
				for v := range ping {
					pong <- v + 1
				}
			}()
			for i := 0; i < 1000; i++ {
				ping <- i
				<-pong
			}
			ready.Done()
			<-start
			for i := 0; i < n; i++ {
				ping <- i
				<-pong
			}
			finished.Done()
		}()
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	finished.Wait()
	el := time.Since(t0)
	fmt.Printf("go_scale ns_per_op=%.2f iters=%d procs=%d gomaxprocs=%d\n",
		float64(el.Nanoseconds())/(float64(n)*float64(np)), n, np, runtime.GOMAXPROCS(0))
}
