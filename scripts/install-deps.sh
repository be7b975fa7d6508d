#!/usr/bin/env bash
# Installs the Debian packages Ethics Desk needs to build, run and test.
# Safe to run again: it installs only what is missing. Needs root (or sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# The Windows cross-build's extra packages (MinGW-w64, Wine) are not needed
# to run or test the app; `make windows` installs them itself with
# scripts/install-deps.sh --windows.
packages=(
  gcc make pkg-config                                          # cgo for go-sqlite3 and Fyne
  libgl1-mesa-dev libgl1-mesa-dri xorg-dev libxkbcommon-dev    # Fyne's GL and X11 headers, software GL
  xvfb xdotool imagemagick x11-utils                           # the real-window smoke test
  fonts-noto-cjk fonts-wqy-microhei fonts-dejavu-core fonts-liberation   # Chinese in the window (PDFs embed their own)
  poppler-utils sqlite3                                        # pdfsig/pdftotext checks, the sqlite3 shell
  libnss3-tools                                                # certutil: trust the exported root for pdfsig -nssdir
  desktop-file-utils                                           # make package-test: desktop-file-validate
  postgresql                                                   # the PostgreSQL store tests start their own throwaway cluster
)
if [ "${1:-}" = "--windows" ]; then
  packages=(gcc-mingw-w64-x86-64 wine64 imagemagick)             # make windows, make windows-test (ImageMagick makes the .ico)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
go version >/dev/null
