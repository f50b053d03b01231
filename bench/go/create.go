// Go peer of bench/create.c: start a goroutine that finishes at once and
// wait for it to have run (runtime.Gosched until it has), sequentially.
// With "alive B": in batches of B, start B goroutines that each block
// receiving on one shared unbuffered channel, Gosched until all have
// started, send B values, and Gosched until all B have finished.
//
//	go_create [count [alive [B]]]
//	prints: go_create ns_per_op=R iters=N [alive=B]
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

var ran int64

func body() {
	atomic.AddInt64(&ran, 1)
}

func spawn(n int) {
	for i := 0; i < n; i++ {
		want := atomic.LoadInt64(&ran) + 1
		go body()
		for atomic.LoadInt64(&ran) < want {
			runtime.Gosched()
		}
	}
}

var started, finished int64

func batch(gate chan int, b int) {
	s0, f0 := atomic.LoadInt64(&started), atomic.LoadInt64(&finished)
	for i := 0; i < b; i++ {
		go func() {
			atomic.AddInt64(&started, 1)
			<-gate
			atomic.AddInt64(&finished, 1)
		}()
	}
	for atomic.LoadInt64(&started) < s0+int64(b) {
		runtime.Gosched()
	}
	for i := 0; i < b; i++ {
		gate <- i
	}
	for atomic.LoadInt64(&finished) < f0+int64(b) {
		runtime.Gosched()
	}
}

func alive(n, b int) {
	nb := n / b
	if nb < 1 {
		nb = 1
	}
	gate := make(chan int)
	batch(gate, b) // warm up: the batches timed reuse what it made
	t0 := time.Now()
	for i := 0; i < nb; i++ {
		batch(gate, b)
	}
	el := time.Since(t0)
	fmt.Printf("go_create ns_per_op=%.2f iters=%d alive=%d\n", float64(el.Nanoseconds())/float64(nb*b), nb*b, b)
}

func main() {
	n := arg(1, 1000000)
	if len(os.Args) > 2 && os.Args[2] == "alive" {
		b := arg(3, 10000)
		if b < 1 {
			b = 1
		}
		alive(n, b)
		return
	}
	spawn(n/10 + 1)
	t0 := time.Now()
	spawn(n)
	el := time.Since(t0)
	fmt.Printf("go_create ns_per_op=%.2f iters=%d\n", float64(el.Nanoseconds())/float64(n), n)
}
