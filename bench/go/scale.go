// Go peer of bench/scale.c: a ring of 512 goroutines joined by unbuffered
// channels with 64 tokens going round at once, each a counter decremented
// and passed on until it reaches zero; run with GOMAXPROCS=P (Go places the
// goroutines itself: there is no equivalent of p9thread's blocks of threads
// per proc).  Reports wall time per hop over all tokens.
//
//	go_scale [hops [P]]	(hops in all, over all tokens; P only reported)
//	prints: go_scale ns_per_op=R iters=N procs=P gomaxprocs=G threads=512 tokens=64
package main

import (
	"fmt"
	"runtime"
	"time"
)

const ring, tokens = 512, 64

func main() {
	n := arg(1, 1000000)
	np := arg(2, 2)
	var ch [ring]chan int
	for i := range ch {
		ch[i] = make(chan int)
	}
	done := make(chan bool, tokens)
	for i := 0; i < ring; i++ {
		in, out := ch[i], ch[(i+1)%ring]
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
	lap := func(per int) {
		for j := 0; j < tokens; j++ {
			ch[j*ring/tokens] <- per
		}
		for j := 0; j < tokens; j++ {
			<-done
		}
	}
	lap(ring)
	per := n / tokens
	if per < 1 {
		per = 1
	}
	t0 := time.Now()
	lap(per)
	el := time.Since(t0)
	fmt.Printf("go_scale ns_per_op=%.2f iters=%d procs=%d gomaxprocs=%d threads=%d tokens=%d\n",
		float64(el.Nanoseconds())/float64(per*tokens), per*tokens, np, runtime.GOMAXPROCS(0), ring, tokens)
}
