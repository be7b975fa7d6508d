// Command apigen writes remote/api_gen.go from cases.API (go generate in
// package remote).
package main

import (
	"fmt"
	"os"

	"ethicsdesk/remote/internal/apigen"
)

func main() {
	if err := apigen.WriteFile("../cases", "api_gen.go"); err != nil {
		fmt.Fprintln(os.Stderr, "apigen:", err)
		os.Exit(1)
	}
}
