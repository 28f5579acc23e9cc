#!/usr/bin/env bash
# Renders the app icon (resources/icons/coursedesk.svg) into everything that ships a bitmap:
#   resources/icons/coursedesk-<N>.png   hicolor sizes, embedded in the binary and installed on Linux
#   packaging/windows/coursedesk.ico     exe resource and NSIS installer/uninstaller icon
#   packaging/macos/coursedesk.icns      app bundle icon
# The outputs are committed; run this again after editing the SVG.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
svg=$root/resources/icons/coursedesk.svg
sizes=(16 24 32 48 64 128 256 512)

for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" --format png "$svg" \
        --output "$root/resources/icons/coursedesk-$size.png"
done

# Windows: every size up to 256 in one .ico (256 is stored as PNG inside the ico).
ico_inputs=()
for size in 16 24 32 48 64 128 256; do
    ico_inputs+=("$root/resources/icons/coursedesk-$size.png")
done
convert "${ico_inputs[@]}" "$root/packaging/windows/coursedesk.ico"

# macOS: png2icns takes the sizes the icns format has slots for (16, 32, 48, 128, 256, 512).
icns_inputs=()
for size in 16 32 48 128 256 512; do
    icns_inputs+=("$root/resources/icons/coursedesk-$size.png")
done
png2icns "$root/packaging/macos/coursedesk.icns" "${icns_inputs[@]}" >/dev/null

echo "icons rendered from $svg"
