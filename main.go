// Ethics Desk: the case register and formal opinions of an AI ethics
// committee. Start-up only: the commands and the window are in package
// cli, the wiring they share in package app.
package main

import (
	_ "ethicsdesk/internal/startenv" // first: Fyne reads the locale when it initialises

	"os"

	"ethicsdesk/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
