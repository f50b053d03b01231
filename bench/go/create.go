// Go peer of bench/create.c: start a goroutine that finishes at once and
// wait for it to have run (runtime.Gosched until it has), sequentially.
//
//	go_create [count]
//	prints: go_create ns_per_op=R iters=N
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
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

func main() {
	n := arg(1, 1000000)
	spawn(n/10 + 1)
	t0 := time.Now()
	spawn(n)
	el := time.Since(t0)
	fmt.Printf("go_create ns_per_op=%.2f iters=%d\n", float64(el.Nanoseconds())/float64(n), n)
}
