#!/usr/bin/env bash
# Renders the HTML documents of a sample event with 200 registered people in a real
# browser (headless Chromium): a PDF of each with its page count, a PNG of its first
# screen, and a PNG of every printed page (NAME-N.png). Look at the PNGs: the roster must
# print on few A4 pages with its header row repeated; a certificate on exactly one A4
# landscape page, even for a long name and many sessions; minutes and agenda on A4
# portrait with no table cut off at the edge.
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
  --title "Third Programme Steering Committee meeting" --start 2024-01-09 --end 2024-01-10 \
  --venue "Diplomacy Cafeteria Meeting Room" --city Jakarta >/dev/null
"$BIN" session add --event psc-3 --title Plenary --start "2024-01-09 09:00" --end "2024-01-09 12:00" \
  --room "Ruang Nusantara" --chair "Chair of the day" >/dev/null
python3 Scripts/make_registrations.py 200 "$OUT/registrations.csv" >/dev/null
"$BIN" import registrations --event psc-3 "$OUT/registrations.csv" >/dev/null

render() {  # NAME HTML [WIDTHxHEIGHT]: a PDF and PNGs beside the HTML, and the page count
  local name="$1" html="$2" window="${3:-1240,1754}"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/$name.pdf" "file://$html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$window" \
    --screenshot="$OUT/$name.png" "file://$html" 2>/dev/null
  rm -f "$OUT/$name"-[0-9]*.png
  pdftoppm -png -r 50 "$OUT/$name.pdf" "$OUT/$name"
  echo "$name: $(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}') page(s)  ($OUT/$name.pdf, $OUT/$name.png)"
}

"$BIN" roster --session psc-3/1 --blank 10 --out "$OUT/roster.html" --force >/dev/null
render roster "$OUT/roster.html"
"$BIN" roster --session psc-3/1 --lang id --blank 10 --out "$OUT/roster.id.html" --force >/dev/null
render roster.id "$OUT/roster.id.html"

# The meeting itself: eight more sessions over two days, the plenary's sheet imported back
# as its attendance (everyone on it present), the rest attended by fewer, some excused;
# one person at every session, one with a very long name, title and organisation.
"$BIN" session add --event psc-3 --title "Workplan 2024: priorities of the provinces" --start "2024-01-09 13:00" \
  --end "2024-01-09 15:00" --room "Ruang Nusantara" --chair "Siti Aminah" >/dev/null
"$BIN" session add --event psc-3 --title "Coffee break and bilateral consultations" --start "2024-01-09 15:00" \
  --end "2024-01-09 15:30" >/dev/null
"$BIN" session add --event psc-3 --title "Referral mechanisms for returning migrant workers and their families" \
  --start "2024-01-09 15:30" --end "2024-01-09 17:00" --room "Ruang Garuda" --chair "Budi Santoso" >/dev/null
"$BIN" session add --event psc-3 --title "Field visit debrief" --start "2024-01-10 08:30" --end "2024-01-10 10:00" \
  --room "Ruang Nusantara" --chair "Rina Wulandari" >/dev/null
"$BIN" session add --event psc-3 --title "Monitoring and evaluation framework" --start "2024-01-10 10:15" \
  --end "2024-01-10 12:00" --room "Ruang Nusantara" >/dev/null
"$BIN" session add --event psc-3 --title "Budget revision" --start "2024-01-10 13:00" --end "2024-01-10 14:30" \
  --room "Ruang Garuda" >/dev/null
"$BIN" session add --event psc-3 --title "Communication and visibility" --start "2024-01-10 14:30" \
  --end "2024-01-10 15:30" --room "Ruang Garuda" >/dev/null
"$BIN" session add --event psc-3 --title "Closing and the way forward" --start "2024-01-10 15:30" \
  --end "2024-01-10 16:00" --room "Ruang Nusantara" --chair "Chair of the day" >/dev/null
"$BIN" roster --session psc-3/1 --format csv --out "$OUT/plenary-sheet.csv" --force >/dev/null
# (the sheet lists everyone registered: keep the 170 rows that were signed, drop the rest)
awk -F, 'NR == 1 || ($1 <= 170 && $2 != "")' "$OUT/plenary-sheet.csv" >"$OUT/plenary-signed.csv"
"$BIN" import attendance --session psc-3/1 "$OUT/plenary-signed.csv" >/dev/null
people() { for i in $(seq "$1" "$2"); do echo "person$i@example.org"; done; }
for n in 2 3 4 5 6 7 8 9; do
  # shellcheck disable=SC2046
  "$BIN" attend --session "psc-3/$n" $(people 0 $((150 - n * 10))) >/dev/null
  "$BIN" attend --session "psc-3/$n" --status excused $(people 180 185) >/dev/null
done
"$BIN" org add --name "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan Republik Indonesia" \
  --acronym "Kemenko PMK" --type ministry >/dev/null
"$BIN" participant add --name "Prof. Dr. Ir. Raden Ayu Siti Nurhayati Kusumawardhani Poespowardojo, M.Sc., Ph.D." \
  --gender female --org "Kemenko PMK" --email long@example.org \
  --position "Asisten Deputi Pemberdayaan Perempuan dan Perlindungan Anak serta Pekerja Migran Indonesia" >/dev/null
"$BIN" attend --session psc-3/1 --walk-in long@example.org >/dev/null
"$BIN" attend --session psc-3/4 long@example.org >/dev/null
"$BIN" decision add --event psc-3 "The 2024 workplan is endorsed, with the provinces' priorities as discussed." >/dev/null
"$BIN" decision add --event psc-3 "Provinces report every quarter, using the monitoring framework agreed on the second day." >/dev/null
"$BIN" action add --event psc-3 "Share the revised referral SOP with the provincial manpower offices and collect comments" \
  --owner person0@example.org --due 2024-02-15 >/dev/null
"$BIN" action add --event psc-3 "Circulate the revised budget" --due 2024-01-31 >/dev/null

for language in en id; do
  for document in minutes agenda; do
    "$BIN" "$document" --event psc-3 --format html --lang "$language" --out "$OUT/$document.$language.html" --force \
      >/dev/null
    render "$document.$language" "$OUT/$document.$language.html"
  done
  mkdir -p "$OUT/certificates.$language"
  "$BIN" certificate --event psc-3 --lang "$language" --participant person0@example.org \
    --participant long@example.org --participant person120@example.org --out "$OUT/certificates.$language" --force
  for html in "$OUT/certificates.$language"/*.html; do
    render "$(basename "$html" .html).$language" "$html" 1754,1240
  done
done
