#!/usr/bin/env python3
"""Writes a synthetic KoboToolbox-style registration export with N distinct fictional people.

Usage: make_registrations.py N OUT.csv [--seed S]
Every row is a new person (unique example.org email) at one of a few organisations, so an
import of the file adds exactly N participants and N registrations.
"""
import csv
import random
import sys

FIRST = ["Siti", "Budi", "Ayu", "Rina", "Agus", "Dewi", "Ahmad", "Nur", "Putu", "Wayan", "Lalu", "Baiq", "Made", "Fajar", "Lina", "Hendra"]
LAST = ["Aminah", "Santoso", "Lestari", "Wulandari", "Salim", "Kartika", "Fauzi", "Hidayah", "Wirawan", "Kurnia", "Gunawan", "Permata"]
ORGS = ["Kementerian Luar Negeri", "Kementerian Ketenagakerjaan", "SBMI", "BP2MI", "Universitas Mataram", "IOM", "Dinas Tenaga Kerja NTB"]
GENDERS = ["Perempuan", "Laki-laki", "Perempuan", "Laki-laki", "Tidak ingin menyebutkan"]
KINDS = ["Pemerintah Pusat", "Pekerja Migran", "Akademisi", "Masyarakat Sipil", "Pemerintah Daerah"]


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["Nama Lengkap", "Jenis Kelamin", "Usia", "Instansi", "Kategori Pemangku Kepentingan", "No. HP", "Alamat Email", "Provinsi"])
        for i in range(count):
            writer.writerow([
                f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                rng.choice(GENDERS),
                str(rng.randint(18, 70)),
                rng.choice(ORGS),
                rng.choice(KINDS),
                f"08{rng.randint(100000000, 999999999)}",
                f"person{i}@example.org",
                "Nusa Tenggara Barat",
            ])


if __name__ == "__main__":
    main()
