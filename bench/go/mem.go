// Go peer of bench/mem.c: resident memory per idle goroutine blocked on a
// channel receive.  RSS (smaps_rollup Rss, else VmRSS) is read after a GC
// before the goroutines start and after all of them are blocked.
//
//	go_mem [nthreads]
//	prints: go_mem bytes_per_thread=B threads=N rss_before_kb=A rss_after_kb=C
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
)

func field(path, key string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, key) {
			fs := strings.Fields(l[len(key):])
			if len(fs) > 0 {
				v, _ := strconv.ParseInt(fs[0], 10, 64)
				return v
			}
		}
	}
	return -1
}

func rssKB() int64 {
	if v := field("/proc/self/smaps_rollup", "Rss:"); v >= 0 {
		return v
	}
	return field("/proc/self/status", "VmRSS:")
}

func main() {
	n := arg(1, 100000)
	c := make(chan int)
	var started int64
	runtime.GC()
	debug.FreeOSMemory()
	before := rssKB()
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&started, 1)
			<-c
		}()
	}
	for atomic.LoadInt64(&started) < int64(n) {
		runtime.Gosched()
	}
	runtime.GC()
	after := rssKB()
	fmt.Printf("go_mem bytes_per_thread=%.1f threads=%d rss_before_kb=%d rss_after_kb=%d\n",
		float64(after-before)*1024/float64(n), n, before, after)
	os.Exit(0)
}
