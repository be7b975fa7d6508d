# One place for the build tags every build and test needs: FTS5 is left out
# of go-sqlite3 without sqlite_fts5, and migrated_fynedo is Fyne 2.7's
# threading model. no_emoji leaves out Fyne's colour emoji font, which every
# text style parsed into 4.7 MB of heap (about 20 MB of the window's 220 MB,
# measured with bench's memory figure); emoji still draw from a system font.
TAGS := sqlite_fts5 migrated_fynedo no_emoji
export LANG := en_US.UTF-8

.PHONY: build demo run test smoke vet bench loadtest mutate

build:
	go build -tags "$(TAGS)" -o bin/ethicsdesk .

demo: build
	./bin/ethicsdesk --demo

run: build
	./bin/ethicsdesk

vet:
	gofmt -l . | (! grep .)
	go vet -tags "$(TAGS)" ./...

# Every test, including the real-window smoke test under Xvfb.
test: vet
	go test -tags "$(TAGS)" -timeout 15m ./...

smoke:
	go test -tags "$(TAGS)" -run TestSmokeRealWindow -v .

# The performance suite (issue 7; not part of `test`): seeds a 100,000-case
# register once (cached under ~/.cache/ethicsdesk-bench), runs every figure
# several times with its reference and prints one table. About 20 minutes.
# The PostgreSQL column (issue 14) migrates that register into a throwaway
# cluster; `go run ./bench/cmd/benchtable -only postgres` runs it alone.
# The committee server's figures (issue 18: page and search through
# `ethicsdesk serve` on loopback beside the file at the same pace plus a
# bare HTTPS call, bench/barehttps, and the load test, -load 2m a half)
# add about 8 minutes; `-only server` runs them alone.
bench: build
	go build -tags "$(TAGS)" -o bin/barewindow ./bench/barewindow
	go build -o bin/barehttps ./bench/barehttps
	go run -tags "$(TAGS)" ./bench/cmd/benchtable -bin bin/ethicsdesk -bare bin/barewindow -barehttps bin/barehttps

# The committee server under load (issue 13; not part of `test`): 30
# simulated people for LOADTEST_DURATION (default 2m) on the register
# file and as long through a server on this machine, taken in turn in
# LOADTEST_SLICES slices (default one per 30 s, at most 4); prints each operation's 95th
# percentile side by side. LOADTEST_DURATION=20s for a
# short run; LOADTEST_MODE=saturation for everyone working without pauses;
# LOADTEST_ENGINE=postgres runs it on a throwaway PostgreSQL cluster
# instead of the file. Then single operations of one user, server and file
# in the same run.
loadtest:
	go test -tags "$(TAGS) loadtest" -run TestCommitteeServerUnderLoad -v -count=1 -timeout 60m ./bench/loadtest/
	go test -tags "$(TAGS)" -run '^$$' -bench OverLoopback -benchtime 200x -count=1 ./remote/

# Mutation testing (issue 19; not part of `test`): see scripts/mutate.sh.
# By default only the lines changed since main are mutated, which fits in
# 20 minutes on two cores; MUTATE_DIFF= (empty) mutates whole packages
# (cases alone takes hours on a shared machine). `make mutate PKGS=cases WORKERS=1`.
GREMLINS := tools/bin/gremlins
MUTATE_DIFF ?= main
$(GREMLINS):
	GOBIN=$(CURDIR)/tools/bin go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0

mutate: $(GREMLINS)
	WORKERS="$(or $(WORKERS),2)" DIFF="$(MUTATE_DIFF)" scripts/mutate.sh $(PKGS)
# Packages (issue 16). Extra targets; `make build` and `make test` need none
# of them. fyne.io/tools is run at a pinned version through `go run`.
# Built for this machine once (bin/fyne), so that the Windows build's
# GOOS and CC apply to Ethics Desk, not to the tool.
FYNE := bin/fyne
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
FYNE_TAGS := $(shell echo $(TAGS) | tr ' ' ,)
WINDOWS_ENV := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc

.PHONY: package package-test windows windows-test darwin-vet release

# dist/ethicsdesk-VERSION-linux-amd64.tar.xz: the binary, the .desktop entry,
# the icon and a Makefile whose `make install` (as root, or with PREFIX=~/.local
# for one user) puts them in place.
bin/fyne:
	GOBIN=$(CURDIR)/bin go install fyne.io/tools/cmd/fyne@v1.7.4

package: bin/fyne
	mkdir -p dist
	# fyne package raises Build in FyneApp.toml after every run; the version
	# is raised by hand (README, "Packages"), so the file is put back.
	cp FyneApp.toml dist/.FyneApp.toml.kept
	$(FYNE) package --os linux --tags "$(FYNE_TAGS)" --release; \
		status=$$?; mv dist/.FyneApp.toml.kept FyneApp.toml; exit $$status
	mv "Ethics Desk.tar.xz" dist/ethicsdesk-$(VERSION)-linux-amd64.tar.xz

# Unpacks the tarball, checks the .desktop entry with desktop-file-validate,
# installs it into a temporary prefix and runs the installed binary.
package-test: package
	ETHICSDESK_PACKAGE=$(CURDIR)/dist/ethicsdesk-$(VERSION)-linux-amd64.tar.xz \
		go test -tags "$(TAGS) packagetest" -count=1 -v ./internal/packaging/

# dist/ethicsdesk-VERSION-windows-amd64.exe, cross-compiled with MinGW-w64
# (cgo for SQLite and Fyne's GL), with the icon and version resource
# (scripts/windows-resource.sh; a .syso the Go linker takes for
# windows/amd64 only). Plain `go build` rather than `fyne package`, so the
# build cache is shared with `make windows-test`: a cold build is about ten
# minutes on two cores. It is a console program, so that the commands
# print in a terminal; started from the Start menu a console opens beside
# the window.
windows:
	./scripts/install-deps.sh --windows
	mkdir -p dist
	./scripts/windows-resource.sh rsrc_windows_amd64.syso
	$(WINDOWS_ENV) go build -tags "$(TAGS)" -ldflags "-s -w" -o dist/ethicsdesk-$(VERSION)-windows-amd64.exe . ; \
		status=$$?; rm -f rsrc_windows_amd64.syso; exit $$status

# Runs the Windows build under Wine on a fresh register and compares what
# it prints and the PDF it signs with the Linux build's.
windows-test: windows build
	ETHICSDESK_EXE=$(CURDIR)/dist/ethicsdesk-$(VERSION)-windows-amd64.exe ETHICSDESK_LINUX_BIN=$(CURDIR)/bin/ethicsdesk \
		go test -tags "$(TAGS) windowstest" -count=1 -v -timeout 20m ./internal/packaging/

# macOS needs cgo and Apple's SDK for the app itself (see the README). Here,
# for darwin without cgo: go vet of every package whose code and tests need
# no cgo (SQLite, GL), and a build of every package whose code needs none.
DARWIN := GOOS=darwin GOARCH=arm64 CGO_ENABLED=0
darwin-vet:
	$(DARWIN) go vet -tags "$(TAGS)" $$($(DARWIN) go list -tags "$(TAGS)" \
		-f '{{.ImportPath}} {{join .Deps " "}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... 2>/dev/null | \
		grep -v -e mattn/go-sqlite3 -e go-gl/ -e ethicsdesk/store -e ethicsdesk/internal/testworld -e fyne/v2/test | cut -d' ' -f1)
	$(DARWIN) go build -tags "$(TAGS)" $$($(DARWIN) go list -tags "$(TAGS)" -f '{{.ImportPath}} {{join .Deps " "}}' ./... 2>/dev/null | \
		grep -v -e mattn/go-sqlite3 -e go-gl/ -e fyne/v2/internal/ | cut -d' ' -f1)

# Every package into dist/ with SHA256SUMS.
release: package windows
	cd dist && sha256sum ethicsdesk-$(VERSION)-* > SHA256SUMS && cat SHA256SUMS
