#!/usr/bin/env bash
# Renders the HTML documents of a sample event with 200 registered people in a real
# browser (headless Chromium): a PNG of the first page and a PDF of each, with the PDF's
# page count. Look at the PNGs; the roster must print on few A4 pages with its header
# row repeated.
#
# Usage: Scripts/render_documents.sh [BINARY] [OUT_DIR]   (needs chromium and pdfinfo:
#        apt-get install -y chromium poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-$(swift build --show-bin-path)/convene}"
OUT="${2:-$(mktemp -d)}"
mkdir -p "$OUT"
for tool in chromium pdfinfo; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y chromium poppler-utils" >&2; exit 69; }
done
export CONVENE_DB="$OUT/sample.sqlite"
rm -f "$CONVENE_DB"
"$BIN" init >/dev/null
"$BIN" event add --code psc-3 --kind psc-meeting --series PSC --number 3 \
  --title "Third Programme Steering Committee meeting" --start 2024-01-09 \
  --venue "Diplomacy Cafeteria Meeting Room" --city Jakarta >/dev/null
"$BIN" session add --event psc-3 --title Plenary --start "2024-01-09 09:00" --end "2024-01-09 12:00" \
  --room "Ruang Nusantara" --chair "Chair of the day" >/dev/null
python3 Scripts/make_registrations.py 200 "$OUT/registrations.csv" >/dev/null
"$BIN" import registrations --event psc-3 "$OUT/registrations.csv" >/dev/null

render() {  # NAME HTML: a PDF and a PNG beside the HTML, and the page count
  local name="$1" html="$2"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/$name.pdf" "file://$html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,1754 \
    --screenshot="$OUT/$name.png" "file://$html" 2>/dev/null
  echo "$name: $(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}') page(s)  ($OUT/$name.pdf, $OUT/$name.png)"
}

"$BIN" roster --session psc-3/1 --blank 10 --out "$OUT/roster.html" --force >/dev/null
render roster "$OUT/roster.html"
"$BIN" roster --session psc-3/1 --lang id --blank 10 --out "$OUT/roster.id.html" --force >/dev/null
render roster.id "$OUT/roster.id.html"
for document in minutes agenda; do
  if "$BIN" "$document" --event psc-3 --format html --out "$OUT/$document.html" --force >/dev/null 2>&1; then
    render "$document" "$OUT/$document.html"
  else
    echo "$document: no HTML yet"
  fi
done
