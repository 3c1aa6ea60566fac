#!/usr/bin/env bash
# Runs every test of every project and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need when it is missing: PostgreSQL's server binaries (the tests start their
# own throwaway cluster; set BRANDFORUM_TEST_POSTGRES to use an existing server instead) and Debian's
# Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
set -uo pipefail
cd "$(dirname "$0")"

missing=()
if [ -z "${BRANDFORUM_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

results=$(mktemp -d)
# Every temp file of the run (SQLite files, PostgreSQL clusters, browser profiles) goes under one folder that is
# removed at the end, whatever state the test hosts died in: a run never leaves gigabytes behind in /tmp.
export TMPDIR
TMPDIR=$(mktemp -d) && chmod 755 "$TMPDIR"  # the postgres user must reach its cluster inside
cleanup() {
  for pid in "$TMPDIR"/brandforum-pg-*/data/postmaster.pid; do
    [ -e "$pid" ] && kill -9 "$(head -1 "$pid")" 2>/dev/null
  done
  rm -rf "$results" "$TMPDIR"
}
trap cleanup EXIT
# Category=Tool marks tools written as tests (the README's screenshots, tools/screenshots.sh): not run here.
dotnet test BrandForum.sln -c Release --filter "Category!=Tool" --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*' "$trx")
  value() { local v; v=$(echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"); echo "${v:-0}"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$files" = 0 ] || { [ "$status" != 0 ] && [ "$failed" = 0 ]; }; then
  # The build or a test host failed before any result was written: count it as a failure, never as a pass.
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
