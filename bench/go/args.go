// The command-line arguments of the Go peers, built into each of them:
// argument i as a number (1e6 and the like allowed), or def when absent.
package main

import (
	"fmt"
	"os"
	"strconv"
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
