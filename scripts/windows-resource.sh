#!/usr/bin/env bash
# Writes OUT.syso, the Windows resource `make windows` links into
# ethicsdesk.exe: the icon (from assets/icon.png, at the sizes Explorer and
# the taskbar use) and the version information Explorer shows under
# Properties > Details, both from FyneApp.toml. Needs ImageMagick and
# MinGW-w64's windres (scripts/install-deps.sh installs both).
set -euo pipefail
out=${1:?usage: windows-resource.sh OUT.syso}
cd "$(dirname "$0")/.."
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
IFS=. read -r major minor patch <<<"$version"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$tmp/ethicsdesk.ico"
cat >"$tmp/ethicsdesk.rc" <<RC
#include <winver.h>
1 ICON "ethicsdesk.ico"
1 VERSIONINFO
FILEVERSION ${major:-0},${minor:-0},${patch:-0},${build:-0}
PRODUCTVERSION ${major:-0},${minor:-0},${patch:-0},${build:-0}
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Ethics Desk"
      VALUE "FileDescription", "Ethics Desk"
      VALUE "FileVersion", "$version"
      VALUE "InternalName", "ethicsdesk"
      VALUE "OriginalFilename", "ethicsdesk.exe"
      VALUE "ProductName", "Ethics Desk"
      VALUE "ProductVersion", "$version"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
RC
x86_64-w64-mingw32-windres -I "$tmp" -O coff -o "$out" "$tmp/ethicsdesk.rc"
