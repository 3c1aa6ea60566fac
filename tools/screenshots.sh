#!/usr/bin/env bash
# Takes the README's screenshots of the community managers' toolkit into docs/screenshots/: the analytics dashboard
# and the editorial calendar of the demo community, in Debian's Chromium at 1280×900. A browser "test" that is
# skipped unless BRANDFORUM_SCREENSHOTS=1 (ReadmeScreenshots.cs), so ordinary test runs never rewrite the images.
# Its server runs on SQLite in a temp folder that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || { echo "Needs Debian's Chromium: sudo apt-get install -y chromium" >&2; exit 1; }
BRANDFORUM_SCREENSHOTS=1 dotnet test tests/BrandForum.Browser.Tests --filter "FullyQualifiedName~ReadmeScreenshots" "$@"
ls -l docs/screenshots/*.png
