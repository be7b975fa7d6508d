# One place for the build tags every build and test needs: FTS5 is left out
# of go-sqlite3 without sqlite_fts5, and migrated_fynedo is Fyne 2.7's
# threading model. no_emoji leaves out Fyne's colour emoji font, which every
# text style parsed into 4.7 MB of heap (about 20 MB of the window's 220 MB,
# measured with bench's memory figure); emoji still draw from a system font.
TAGS := sqlite_fts5 migrated_fynedo no_emoji
export LANG := en_US.UTF-8

.PHONY: build demo run test smoke vet bench mutate

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
# several times with its reference and prints one table. About 10 minutes.
bench: build
	go build -tags "$(TAGS)" -o bin/barewindow ./bench/barewindow
	go run -tags "$(TAGS)" ./bench/cmd/benchtable -bin bin/ethicsdesk -bare bin/barewindow

# Mutation testing (issue 19; not part of `test`): see scripts/mutate.sh.
# By default only the lines changed since main are mutated, which fits in
# 20 minutes on two cores; MUTATE_DIFF= (empty) mutates whole packages
# (cases alone is about 30 minutes). `make mutate PKGS=cases WORKERS=1`.
GREMLINS := tools/bin/gremlins
MUTATE_DIFF ?= main
$(GREMLINS):
	GOBIN=$(CURDIR)/tools/bin go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0

mutate: $(GREMLINS)
	WORKERS="$(or $(WORKERS),2)" DIFF="$(MUTATE_DIFF)" scripts/mutate.sh $(PKGS)
