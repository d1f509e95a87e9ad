#!/usr/bin/env bash
# The data-loss reproducers of the hardening issue, run against one convene binary:
# each prints the command, its exit code, the first line it wrote, and what became of
# the file at stake. Run it with an old and a new binary to compare.
#
# Usage: Scripts/hardening_repro.sh PATH/TO/convene
set -u
BIN=$(realpath "${1:?usage: hardening_repro.sh PATH/TO/convene}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

fresh() {
  find "$WORK" -mindepth 1 -delete
  "$BIN" --db x.sqlite init >/dev/null
  "$BIN" --db x.sqlite event add --code psc-3 --kind psc-meeting --title "PSC 3" --start 2024-01-09 >/dev/null
  "$BIN" --db x.sqlite participant add --name "Siti Aminah" --email siti@example.org --phone 0812-3456-7890 >/dev/null
  "$BIN" --db x.sqlite register --event psc-3 siti@example.org >/dev/null
}

run() {
  "$BIN" "$@" >"$WORK/.out" 2>"$WORK/.err"
  local code=$?
  local out
  out=$(cat "$WORK/.err" "$WORK/.out" | head -1)
  printf '$ convene %s\n  exit %s: %s\n' "$*" "$code" "${out:0:160}"
}

state() { printf '  then: %s\n' "$1"; }

kind() {
  python3 - "$1" <<'PY'
import sqlite3, sys, os
path = sys.argv[1]
if not os.path.exists(path): print("missing"); sys.exit()
if os.path.getsize(path) == 0: print("0 bytes"); sys.exit()
try:
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in c.execute("select name from sqlite_master where type='table'")]
    mode = c.execute("pragma journal_mode").fetchone()[0]
    print(f"{len(tables)} tables, journal {mode}, participants: "
          + (str(c.execute("select count(*) from participant").fetchone()[0]) if "participant" in tables else "—"))
except Exception as e:
    print(f"not SQLite ({e.__class__.__name__}): {open(path,'rb').read(40)!r}")
PY
}

echo "## 1. Output paths"
fresh; run --db x.sqlite stats --out x.sqlite; state "x.sqlite: $(kind x.sqlite)"
fresh; run --db x.sqlite export --anonymised --out x.sqlite; state "x.sqlite: $(kind x.sqlite)"
fresh; printf 'Nama,Jenis Kelamin\nDewi,X\n' > in.csv
run --db x.sqlite import registrations --event psc-3 --rejects x.sqlite in.csv; state "x.sqlite: $(kind x.sqlite)"
fresh; printf 'Nama,Jenis Kelamin\nDewi,X\n' > in.csv
run --db x.sqlite import registrations --event psc-3 --dry-run --rejects in.csv in.csv
state "in.csv: $(test -f in.csv && wc -c < in.csv | tr -d ' ' || echo missing) bytes"
fresh; echo "old report" > r.txt; chmod 640 r.txt
run --db x.sqlite stats --out r.txt; state "r.txt: $(head -c 20 r.txt | tr '\n' ' ') mode $(stat -c %a r.txt)"
fresh; echo "keep" > target.txt; ln -s target.txt link.txt
run --db x.sqlite stats --out link.txt; state "target.txt: $(head -c 20 target.txt | tr '\n' ' ')"

echo; echo "## 2. Foreign and empty files"
fresh; python3 -c "import sqlite3; c=sqlite3.connect('other.sqlite'); c.execute('create table note(x)'); c.commit()"
run --db other.sqlite stats; state "other.sqlite: $(kind other.sqlite)"
fresh; : > empty.sqlite; run --db empty.sqlite stats; state "empty.sqlite: $(kind empty.sqlite)"
fresh; : > empty2.sqlite; run --db empty2.sqlite check; state "empty2.sqlite: $(kind empty2.sqlite)"

echo; echo "## 3. Erasure with another connection open"
fresh
python3 - "$BIN" <<'PY'
import sqlite3, subprocess, sys
reader = sqlite3.connect("x.sqlite")          # another process holds the file open
reader.execute("select count(*) from participant").fetchone()
r = subprocess.run([sys.argv[1], "--db", "x.sqlite", "participant", "erase", "siti@example.org", "--yes"],
                   capture_output=True, text=True)
print(f"$ convene --db x.sqlite participant erase siti@example.org --yes\n  exit {r.returncode}: {(r.stdout + r.stderr).strip()[:160]}")
found = []
for suffix in ("", "-wal"):
    try:
        data = open("x.sqlite" + suffix, "rb").read()
    except FileNotFoundError:
        continue
    for value in (b"Siti Aminah", b"siti@example.org", b"+6281234567890"):
        if value in data:
            found.append(f"{value.decode()} in x.sqlite{suffix}")
print("  then: " + ("; ".join(found) if found else "no erased value in x.sqlite or x.sqlite-wal"))
PY

echo; echo "## 5. Control characters"
fresh; printf 'Nama,Instansi\nBudi \033[31mSantoso\033[0m,\342\200\256Kemlu\n' > esc.csv
run --db x.sqlite import registrations --event psc-3 esc.csv
printf '  then: participant list has %s raw ESC byte(s)\n' "$("$BIN" --db x.sqlite participant list | tr -cd '\033' | wc -c)"

echo; echo "## 8. Smaller"
fresh; printf 'Nama,Instansi,No. HP\n' > header.csv; run --db x.sqlite import registrations --event psc-3 header.csv
fresh; printf 'Nama,No. HP\nDewi,0812-ABC-99731\n' > phone.csv
printf '$ convene --db x.sqlite import registrations --event psc-3 phone.csv | grep row\n  %s\n' \
  "$("$BIN" --db x.sqlite import registrations --event psc-3 phone.csv 2>&1 | grep 'row 1' | head -1)"
