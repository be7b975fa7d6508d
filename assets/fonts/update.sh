#!/usr/bin/env bash
# Rebuilds the font files embedded in Ethics Desk from Debian's packages
# (fonts-liberation2, fonts-wqy-microhei, fonts-dejavu-core; zstd). Run
# from the repository root; commit the .zst files and check the licence
# files still match the packages' /usr/share/doc/*/copyright.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=assets/fonts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for style in Regular Bold Italic; do
  cp /usr/share/fonts/truetype/liberation2/LiberationSerif-$style.ttf "$tmp/"
done
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$tmp/"
go run ./assets/fonts/ttcface /usr/share/fonts/truetype/wqy/wqy-microhei.ttc 0 "$tmp/WenQuanYiMicroHei.ttf"
for f in "$tmp"/*.ttf; do
  zstd -q -19 -f "$f" -o "$out/$(basename "$f").zst"
done
