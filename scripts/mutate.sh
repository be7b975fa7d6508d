#!/bin/sh
# Mutation testing (issue 19): gremlins changes one operator at a time in
# a package (a < for a <=, a + for a -, a condition negated...) and runs
# that package's tests; a change no test notices is a "lived" mutant, a
# bug that would ship unnoticed.
#
#   scripts/mutate.sh [PACKAGE...]     default: cases signing store textindex
#   DIFF=main scripts/mutate.sh        only the lines changed since main
#                                      (what `make mutate` does by default)
#   WORKERS=2 scripts/mutate.sh        parallel mutants (default 1: the
#                                      machine is shared; 2 cores hold 2)
#   EXCLUDE='stats\.go notes\.go' scripts/mutate.sh cases
#                                      leave files out (regexps), to split
#                                      a package into runs of ~20 minutes
#   FILES='tally.go meetings.go' scripts/mutate.sh cases
#                                      only these files of the package (the
#                                      others are left out), for a group of
#                                      files a change touched
#
# Each package is run on its own, with the coverage of its own tests:
# those are the tests that exercise it on real files (the cases tests run
# the service on a temporary register), and gremlins runs only the
# mutated package's tests, so coverage taken from other packages would
# count mutants as covered that no test it runs can kill. The summary at
# the end gives killed / lived / not covered per package; the full lists
# are in $OUT/PACKAGE.txt and the equivalent survivors are explained in
# docs/mutants-equivalent.md.
set -eu
cd "$(dirname "$0")/.."
GREMLINS=${GREMLINS:-tools/bin/gremlins}
if [ ! -x "$GREMLINS" ]; then
	echo "gremlins is not installed: run  GOBIN=\$PWD/tools/bin go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0" >&2
	exit 2
fi
TAGS=${TAGS:-sqlite_fts5,migrated_fynedo,no_emoji}
WORKERS=${WORKERS:-1}
# The timeout of a mutant's test run is the coverage run's time times this.
# GOFLAGS=-count=1 makes the coverage run really run (a cached result
# takes milliseconds and every mutant would "time out"). Generous, because
# gremlins counts a timeout as caught: on a shared machine whose load rose
# after the coverage run, a coefficient of 4 timed out 339 of 939 `cases`
# mutants, and re-run with 25, a quarter of those lived (2 December 2026).
# store's own suite takes ~45 s on a loaded machine, and a mutant that
# makes a writer wait for ever (a lock never released) sits out the whole
# timeout doing nothing: at 25x that is 19 minutes for one mutant. Its
# default is 8x (6 minutes); run it with WORKERS=2 so one such mutant does
# not hold the run up.
default_coef() { case $1 in store) echo 8 ;; *) echo 25 ;; esac; }
OUT=${OUT:-bin/mutate}
export LANG=en_US.UTF-8 GOFLAGS=-count=1
# store's crash test kills a writing child 30 times (17 s of its ~40);
# every mutant runs the whole suite, so a mutation run kills it 3 times:
# a mutant in the write path is caught by many other tests as well.
export ETHICSDESK_CRASH_ROUNDS=${ETHICSDESK_CRASH_ROUNDS:-3}
mkdir -p "$OUT"
PKGS=${*:-cases signing store textindex}
for p in $PKGS; do
	mkdir -p "$(dirname "$OUT/$p")" # signing/internal/pdf writes under $OUT/signing/internal
	# No --test-cpu: gremlins v0.6.0 passes it to go test as the single
	# argument "-cpu 1", which the test binary refuses, so every mutant
	# would be reported killed without a test having run.
	set -- unleash --tags "$TAGS" --workers "$WORKERS" \
		--timeout-coefficient "${COEF:-$(default_coef "$p")}" -o "$OUT/$p.json"
	# Test files are never mutated.
	set -- "$@" -E '_test\.go$'
	if [ -n "${DIFF:-}" ]; then
		# gremlins' own --diff compares its file names (relative to the
		# package) with git's (relative to the repository), so with one
		# package at a time it skips everything. Instead, every file of the
		# package that did not change since DIFF is left out.
		changed=$(git diff --name-only --merge-base "$DIFF" -- "$p" | sed -n "s|^$p/\([^/]*\.go\)\$|\1|p")
		set -- "$@" -E '/' # sub-packages are run on their own
		for f in "$p"/*.go; do
			b=$(basename "$f")
			case " $(echo $changed) " in *" $b "*) ;; *) set -- "$@" -E "^$(echo "$b" | sed 's/\./\\./g')\$" ;; esac
		done
		if [ -z "$changed" ]; then
			echo "== $p: no Go file changed since $DIFF" >&2
			: >"$OUT/$p.txt"
			echo "0 s" >"$OUT/$p.seconds"
			continue
		fi
	fi
	if [ -n "${FILES:-}" ]; then
		set -- "$@" -E '/'
		for f in "$p"/*.go; do
			b=$(basename "$f")
			case " $FILES " in *" $b "*) ;; *) set -- "$@" -E "^$(echo "$b" | sed 's/\./\\./g')\$" ;; esac
		done
	fi
	for x in ${EXCLUDE:-}; do
		set -- "$@" -E "$x"
	done
	echo "== $p" >&2
	start=$(date +%s)
	"$GREMLINS" "$@" "./$p" >"$OUT/$p.txt" 2>&1 || true
	echo "$(($(date +%s) - start)) s" >"$OUT/$p.seconds"
done
printf '%-10s %7s %6s %8s %7s %9s %9s %6s\n' package killed lived timeout 'not cov' efficacy coverage time
for p in $PKGS; do
	k=$(grep -c '^ *KILLED' "$OUT/$p.txt" || true)
	l=$(grep -c '^ *LIVED' "$OUT/$p.txt" || true)
	t=$(grep -c '^ *TIMED OUT' "$OUT/$p.txt" || true)
	n=$(grep -c '^ *NOT COVERED' "$OUT/$p.txt" || true)
	# A timed-out mutant is caught (the tests did not pass), as gremlins
	# counts it; efficacy = caught / covered, coverage = covered / all.
	eff=$(awk -v k="$k" -v l="$l" -v t="$t" 'BEGIN { c = k + l + t; if (c) printf "%.1f%%", 100 * (k + t) / c; else print "-" }')
	cov=$(awk -v k="$k" -v l="$l" -v t="$t" -v n="$n" 'BEGIN { a = k + l + t + n; if (a) printf "%.1f%%", 100 * (k + l + t) / a; else print "-" }')
	printf '%-10s %7s %6s %8s %7s %9s %9s %6s\n' "$p" "$k" "$l" "$t" "$n" "$eff" "$cov" "$(cat "$OUT/$p.seconds" 2>/dev/null || echo -)"
done
echo "Lived mutants (each is a test to write, or an entry in docs/mutants-equivalent.md):"
for p in $PKGS; do
	grep '^ *LIVED' "$OUT/$p.txt" | sed "s|^ *LIVED *|  $p/|" || true
done
