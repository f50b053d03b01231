// Go peer of bench/fanin.c: K=8 producer goroutines, each sending on its own
// unbuffered channel; one consumer selects over the 8 channels with a
// select statement (K is fixed at 8: a select statement has a fixed arity).
//
//	go_fanin [messages [8]]
//	prints: go_fanin ns_per_op=R iters=N k=8
package main

import (
	"fmt"
	"os"
	"strconv"
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

func producer(c chan<- uint64) {
	for v := uint64(1); ; v++ {
		c <- v
	}
}

func main() {
	n := arg(1, 1000000)
	if k := arg(2, 8); k != 8 {
		fmt.Fprintln(os.Stderr, "go_fanin: only K=8 is supported")
		os.Exit(2)
	}
	var c [8]chan uint64
	for i := range c {
		c[i] = make(chan uint64)
		go producer(c[i])
	}
	var hits [8]int
	consume := func(n int) {
		for i := 0; i < n; i++ {
			select {
			case <-c[0]:
				hits[0]++
			case <-c[1]:
				hits[1]++
			case <-c[2]:
				hits[2]++
			case <-c[3]:
				hits[3]++
			case <-c[4]:
				hits[4]++
			case <-c[5]:
				hits[5]++
			case <-c[6]:
				hits[6]++
			case <-c[7]:
				hits[7]++
			}
		}
	}
	consume(n/10 + 1)
	t0 := time.Now()
	consume(n)
	el := time.Since(t0)
	fmt.Printf("go_fanin ns_per_op=%.2f iters=%d k=8\n", float64(el.Nanoseconds())/float64(n), n)
}
