// Command ttcface writes face N of a TrueType Collection (.ttc) as a
// standalone .ttf: the PDF library refuses collections, and the Chinese
// face embedded in Ethics Desk ships in one. Used by assets/fonts/update.sh.
//
//	go run ./assets/fonts/ttcface IN.ttc FACE OUT.ttf
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"

	"ethicsdesk/internal/font"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: ttcface IN.ttc FACE OUT.ttf")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "ttcface:", err)
		os.Exit(1)
	}
}

func run(in, faceArg, out string) error {
	file, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	face, err := strconv.Atoi(faceArg)
	if err != nil {
		return fmt.Errorf("FACE must be a number, not %q", faceArg)
	}
	if len(file) < 12 || string(file[:4]) != "ttcf" {
		return fmt.Errorf("%s is not a TrueType Collection", in)
	}
	n := int(binary.BigEndian.Uint32(file[8:]))
	if face < 0 || face >= n || 12+4*(face+1) > len(file) {
		return fmt.Errorf("%s has no face %d (it has %d)", in, face, n)
	}
	tables, version, err := font.ReadTableDirectory(file, int(binary.BigEndian.Uint32(file[12+4*face:])))
	if err != nil {
		return err
	}
	return os.WriteFile(out, font.WriteSfnt(version, tables), 0o644)
}
