#!/usr/bin/env python3
"""Writes Fixtures/demo: the public record of the joint programme "Migration Governance
for Sustainable Development in Indonesia" (IOM, UNDP, UN Women; Migration MPTF) as the
exports a secretariat would hold, plus programme.json, the steps that load them.

    python3 Scripts/make_demo_fixtures.py [--reach N] [--out DIR]

Pure standard library, fixed seed: running it again writes the same bytes. The public
figures (44 people from 8 ministries at PSC-3, 193 at the final PSC, 5,149 people
reached of whom 56% women) are built in; everyone but the public figures is invented.

The script keeps its own model of who is who and who was marked where, with Convene's
identity rules (same e-mail; else same phone and first name; else same name within the
same top-level organisation) checked on every row it writes, and computes the expected
figures from that model, not from Convene. Scripts/verify_demo.py compares the two.
"""

import argparse
import csv
import datetime
import io
import json
import random
from pathlib import Path

SEED = 20240925
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "Fixtures" / "demo"
PUBLISHED_REACH = 5149
PUBLISHED_WOMEN_PERCENT = 56

# MARK: - Organisations

# kind: what the top-level body is on the programme's dates (2022-01 to 2024-09, before
# the cabinet of 21 October 2024): only "ministry" counts as a ministry.
TOP = {}  # key -> (kind, stakeholder)
ORGS = {}  # key -> {"top": key, "spellings": [...]}


def top(key, kind, stakeholder, *spellings):
    TOP[key] = (kind, stakeholder)
    ORGS[key] = {"top": key, "spellings": list(spellings)}


def unit(key, parent, *spellings):
    ORGS[key] = {"top": parent, "spellings": list(spellings)}


GOV, SUB, UN, CSO, ACA, PRIV, UNION, NHRI, MIG, DONOR = (
    "government-national", "government-subnational", "un-agency", "civil-society", "academia",
    "private-sector", "trade-union", "human-rights-institution", "migrant-or-diaspora", "donor")

top("kemlu", "ministry", GOV, "Kemlu", "KEMLU RI", "Kementerian Luar Negeri",
    "Kementerian Luar Negeri Republik Indonesia", "Ministry of Foreign Affairs", "MoFA")
unit("kemlu-sosbud", "kemlu", "Kemlu (Direktorat Sosial Budaya dan OINB)")
unit("kemlu-pwni", "kemlu", "Kemlu (Direktorat Pelindungan WNI)")
top("kemendagri", "ministry", GOV, "Kemendagri", "Kementerian Dalam Negeri", "Ministry of Home Affairs")
# Only the bracketed spelling: see the README on "Ditjen Bina Bangda".
unit("kemendagri-bangda", "kemendagri", "Kemendagri (Ditjen Bina Bangda)")
top("kemnaker", "ministry", GOV, "Kemnaker", "Kemnaker RI", "Kementerian Ketenagakerjaan",
    "Kementerian Ketenagakerjaan RI", "Ministry of Manpower")
unit("kemnaker-binapenta", "kemnaker", "Kemnaker (Ditjen Binapenta dan PKK)")
top("bappenas", "ministry", GOV, "Bappenas", "Kementerian PPN/Bappenas", "Kementerian PPN/Bappenas RI")
top("kemenpppa", "ministry", GOV, "KemenPPPA", "Kementerian PPPA",
    "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak")
top("kemensos", "ministry", GOV, "Kemensos", "Kemensos RI", "Kementerian Sosial")
top("kemenko-pmk", "ministry", GOV, "Kemenko PMK",
    "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan")
top("kemenkumham", "ministry", GOV, "Kemenkumham", "Kementerian Hukum dan HAM",
    "Kementerian Hukum dan Hak Asasi Manusia")
unit("kemenkumham-imigrasi", "kemenkumham", "Kemenkumham (Ditjen Imigrasi)")
unit("kanwil-kumham-sulsel", "kemenkumham", "Kanwil Kemenkumham Sulawesi Selatan", "Kanwil Kemenkumham Sulsel")
unit("kanwil-kumham-jateng", "kemenkumham", "Kanwil Kemenkumham Jawa Tengah", "Kanwil Kemenkumham Jateng")
unit("kanwil-kumham-ntb", "kemenkumham", "Kanwil Kemenkumham NTB", "Kanwil Kemenkumham Nusa Tenggara Barat")
unit("kanim-mataram", "kemenkumham", "Kanim Mataram (Kemenkumham)")
top("kemenkes", "ministry", GOV, "Kemenkes", "Kementerian Kesehatan RI")
top("kemendes", "ministry", GOV, "Kemendes PDTT")
# BP2MI was an agency until 20 October 2024 (then the ministry KP2MI).
top("bp2mi", "agency", GOV, "BP2MI", "Badan Pelindungan Pekerja Migran Indonesia")
unit("upt-bp2mi-sulsel", "bp2mi", "UPT BP2MI Sulawesi Selatan", "UPT BP2MI Sulsel")
unit("upt-bp2mi-jateng", "bp2mi", "UPT BP2MI Jawa Tengah", "UPT BP2MI Jateng")
unit("upt-bp2mi-ntb", "bp2mi", "UPT BP2MI NTB", "UPT BP2MI Nusa Tenggara Barat")
top("bps", "agency", GOV, "BPS", "Badan Pusat Statistik")
top("lpsk", "agency", GOV, "LPSK")
top("komnas-ham", "nhri", NHRI, "Komnas HAM", "Komisi Nasional Hak Asasi Manusia")
top("komnas-perempuan", "nhri", NHRI, "Komnas Perempuan")
top("iom", "un", UN, "IOM", "IOM Indonesia", "International Organization for Migration (IOM)")
unit("iom-makassar", "iom", "IOM Makassar")
unit("iom-mataram", "iom", "IOM Mataram")
top("undp", "un", UN, "UNDP", "UNDP Indonesia")
top("un-women", "un", UN, "UN Women", "UN Women Indonesia")
top("rco", "un", UN, "UN RCO", "RCO", "Resident Coordinator's Office")
top("ilo", "un", UN, "ILO")
top("mptf", "donor", DONOR, "Migration MPTF")
top("sbmi", "cso", MIG, "SBMI", "Serikat Buruh Migran Indonesia")
unit("sbmi-sulsel", "sbmi", "SBMI Sulsel", "SBMI Sulawesi Selatan")
unit("sbmi-jateng", "sbmi", "SBMI Jawa Tengah", "SBMI Jateng")
unit("sbmi-ntb", "sbmi", "SBMI NTB", "SBMI Nusa Tenggara Barat")
top("migrant-care", "cso", CSO, "Migrant CARE")
top("solidaritas-perempuan", "cso", CSO, "Solidaritas Perempuan")
top("jbm", "cso", CSO, "JBM")
top("yayasan-pelita", "cso", CSO, "Yayasan Pelita Migran Nusantara")
top("ksbsi", "union", UNION, "KSBSI")
unit("ksbsi-jateng", "ksbsi", "KSBSI Jawa Tengah", "KSBSI Jateng")
top("kspi", "union", UNION, "KSPI")
top("kspsi", "union", UNION, "KSPSI")
top("idn-global", "diaspora", MIG, "IDN Global")
top("unhas", "academia", ACA, "Universitas Hasanuddin")
top("undip", "academia", ACA, "Universitas Diponegoro")
top("unram", "academia", ACA, "Universitas Mataram")
top("ui", "academia", ACA, "Universitas Indonesia")
top("pt-arta", "private", PRIV, "PT Arta Migran Digital")
top("pt-sinar", "private", PRIV, "PT Sinar Remitansi Nusantara")
top("disnakertrans-sulsel", "localgov", SUB, "Disnakertrans Prov. Sulawesi Selatan",
    "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Selatan", "Disnakertrans Sulsel")
top("dp3a-sulsel", "localgov", SUB, "DP3A Provinsi Sulawesi Selatan", "DP3A Sulsel")
top("dp3a-makassar", "localgov", SUB, "DP3A Kota Makassar")
top("dinsos-sulsel", "localgov", SUB, "Dinas Sosial Provinsi Sulawesi Selatan", "Dinsos Prov. Sulsel")
top("bappeda-sulsel", "localgov", SUB, "Bappelitbangda Prov. Sulsel", "Bappelitbangda Provinsi Sulawesi Selatan")
top("disnakertrans-jateng", "localgov", SUB, "Disnakertrans Prov. Jawa Tengah", "Disnakertrans Jateng",
    "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Tengah")
top("dp3ap2kb-jateng", "localgov", SUB, "DP3AP2KB Provinsi Jawa Tengah", "DP3AP2KB Jateng")
top("bappeda-jateng", "localgov", SUB, "Bappeda Provinsi Jawa Tengah", "Bappeda Jateng")
top("disnaker-semarang", "localgov", SUB, "Disnaker Kota Semarang", "Dinas Tenaga Kerja Kota Semarang")
top("disnakertrans-ntb", "localgov", SUB, "Disnakertrans NTB", "Disnakertrans Prov. NTB",
    "Dinas Tenaga Kerja dan Transmigrasi Provinsi Nusa Tenggara Barat")
top("dp3ap2kb-ntb", "localgov", SUB, "DP3AP2KB NTB", "DP3AP2KB Provinsi Nusa Tenggara Barat")
top("dinsos-ntb", "localgov", SUB, "Dinas Sosial Provinsi Nusa Tenggara Barat", "Dinsos NTB")
top("bappeda-lotim", "localgov", SUB, "Bappeda Kab. Lombok Timur", "Bappeda Kabupaten Lombok Timur")


def top_of(org):
    return ORGS[org]["top"] if org else None


def is_ministry(org):
    return org is not None and TOP[top_of(org)][0] == "ministry"


# MARK: - Names

FEMALE = ("Siti Dewi Sri Nur Rina Ratna Fitri Wulan Indah Ayu Putri Lestari Nurul Yuni Rahma Dian Endang "
          "Tuti Sumiati Kartini Rini Yanti Lina Maya Novi Eka Desi Ika Anisa Rosmawati Hasna Nurhayati "
          "Suryani Marlina Irma Evi Yuli Ani Sari Asih Murni Lilis Umi Winarti Hartini Kurniasih Mega "
          "Ningsih Puji Ratih Rosita Safitri Susanti Tika Utami Wahyuni Yeni Zahra Aminah Fatimah Halimah "
          "Juliana Komariah Laila Musdalifah Nuraini Rabiah Salmah Suhartini Titin").split()
MALE = ("Budi Ahmad Agus Muhammad Joko Dedi Eko Hendra Rudi Bambang Yusuf Rahmat Taufik Fajar Irwan Arif "
        "Hasan Iwan Wahyu Slamet Sugeng Haris Rizal Ilham Dimas Bayu Gilang Andi Anwar Asep Dani Edi "
        "Fauzi Hadi Hamzah Imam Jamal Kadir Lukman Mansur Nasrul Rahman Rosyid Sahrul Sutrisno Syamsul "
        "Tono Udin Usman Wawan Yanto Zainal Abdul Darmawan Firman Heru Ismail Junaidi Mulyadi Nurdin "
        "Purnomo Ramli Samsul Suparman Tarmizi").split()
# Family names by province; in Java and Lombok the second name often follows the person's gender.
SURNAMES = {
    "Sulawesi Selatan": {
        None: ("Rahman Hamzah Syamsuddin Baso Tahir Sulaiman Rasyid Amir Anwar Basri Halim Jufri Kadir Latif "
               "Makmur Nasir Ridwan Salam Yunus Mappa Daeng Patta Said Arsyad Jamaluddin Saleh Taslim Husain "
               "Muin Manggabarani").split()},
    "Jawa Tengah": {
        "M": ("Santoso Prasetyo Nugroho Wibowo Susilo Purnomo Widodo Sutrisno Hartono Raharjo Wahyudi Setiawan "
              "Saputro Pamungkas Hidayat Utomo Riyadi Sulistyo Kusuma Suharto").split(),
        "F": ("Lestari Rahayu Handayani Wulandari Purwanti Susilowati Setyaningsih Suryani Mulyani Wijayanti "
              "Nurhidayah Kusumawati Rahmawati Safitri Pratiwi Anggraeni Puspitasari Maharani").split()},
    "Nusa Tenggara Barat": {
        "M": ("Zaini Muliadi Fathurrahman Sahnan Rosidi Hamdi Saefudin Sukri Jaelani Rusdi Harun Ariadi Ramdhani "
              "Sahabudin Marzuki Halid Irfan Azhar Maulana Kamarudin Sapturi Akbar Nasrullah Wathoni").split(),
        "F": ("Aini Hidayati Juhairiah Mardiah Rosmiati Sumarni Nurhasanah Hafizah Rohana Maryam Zuhriah Wardiah "
              "Saniah Fitriani Jumiati Husnaini").split()},
}
NTB_PREFIX = {"F": "Baiq", "M": "Lalu"}
PROVINCES = list(SURNAMES)


def name_key(name):
    """Convene's name key, near enough: case folded, honorifics in front and degrees after a comma left out."""
    before = name.split(",")[0]
    tokens = [t.strip(".").lower() for t in before.split()]
    while len(tokens) > 1 and tokens[0] in {"dr", "drs", "dra", "ir", "prof", "h", "hj", "bapak", "ibu"}:
        tokens.pop(0)
    return " ".join(tokens)


# MARK: - People


class Person:
    def __init__(self, pid, name, gender, org, position, email, phone, province, stakeholder, age):
        self.pid, self.name, self.gender, self.org, self.position = pid, name, gender, org, position
        self.email, self.phone, self.province, self.stakeholder, self.age = email, phone, province, stakeholder, age


class People:
    """Everyone in the fixtures. Names (as Convene keys them), e-mails and phones are unique
    unless a namesake is asked for, so nobody is merged with anybody by accident."""

    def __init__(self):
        self.all = []
        self.keys = set()
        self.emails = set()
        self.phones = set()

    def _phone(self, rng):
        # 0812-000d-dddd: 100,000 numbers, plainly not real ones.
        while True:
            number = "0812000" + "%05d" % rng.randrange(100000)
            if number not in self.phones:
                self.phones.add(number)
                return number

    def _email(self, name):
        base = ".".join(name_key(name).split()[:2])
        base = "".join(c for c in base if c.isalnum() or c == ".")
        email, n = base + "@example.org", 2
        while email in self.emails:
            email, n = "%s%d@example.org" % (base, n), n + 1
        return email

    def add(self, rng, name, gender, org=None, position=None, email=True, phone=True, province=None,
            stakeholder=None, age=None, namesake=False):
        key = name_key(name)
        if key in self.keys and not namesake:
            raise SystemExit("two people named %r" % name)
        self.keys.add(key)
        if stakeholder is None and org:
            stakeholder = TOP[top_of(org)][1]
        address = self._email(name) if email is True else email
        if address:
            if address in self.emails:
                raise SystemExit("two people with the e-mail %s" % address)
            self.emails.add(address)
        person = Person(len(self.all), name, gender, org, position, address, self._phone(rng) if phone else None,
                        province, stakeholder, age)
        self.all.append(person)
        return person

    def new_name(self, rng, gender, province):
        """A name nobody in the fixtures has yet, in the province's style."""
        first = FEMALE if gender == "F" else MALE
        for _ in range(1000):
            parts = [rng.choice(first)]
            if rng.random() < 0.45:
                middle = rng.choice(first)
                if middle != parts[0]:
                    parts.append(middle)
            surnames = SURNAMES[province]
            parts.append(rng.choice(surnames.get(gender or "M") or surnames[None]))
            if province == "Nusa Tenggara Barat" and rng.random() < 0.5:
                parts.insert(0, NTB_PREFIX[gender or "M"])
            if province == "Sulawesi Selatan" and rng.random() < 0.12:
                parts.insert(0, "Andi")
            name = " ".join(parts)
            if name_key(name) not in self.keys:
                return name
        raise SystemExit("ran out of names")

    def generic(self, rng, gender, province, org=None, position=None, **details):
        return self.add(rng, self.new_name(rng, gender, province), gender, org, position, province=province,
                        **details)


# MARK: - The record: steps, files, and what Convene should make of them


class Record:
    """Steps in order, the files they import, and a model of the database they build."""

    def __init__(self):
        self.steps = []
        self.files = {}  # name -> bytes
        self.file_info = []  # (name, dialect, event, session, rows)
        self.events = {}  # code -> the event step
        self.sessions = {}  # code -> [titles]
        self.registered = {}  # code -> {pid: role}
        self.marks = {}  # "code/n" -> {pid: status}
        self.stored = {}  # pid -> {"email", "phone", "org", "key"}: what Convene holds of the person
        self.index_email, self.index_phone, self.index_name = {}, {}, {}
        self.actions = {}  # key -> {"event", "updates": [(date, status)]}

    def identify(self, person, email, phone, name, org, where):
        """Convene's identity rules applied to a row: it must find exactly the person it is
        meant to be, or nobody when that person is new. Then what the row adds is stored."""
        if email and email.lower() in self.index_email:
            found = self.index_email[email.lower()]
        elif phone and len(self.index_phone.get(phone, [])) == 1 and \
                self.stored[self.index_phone[phone][0]]["key"].split()[0] == name_key(name).split()[0]:
            found = self.index_phone[phone][0]
        else:
            candidates = [pid for pid in self.index_name.get((name_key(name), top_of(org)), [])
                          if not (email and self.stored[pid]["email"])]
            if len(candidates) > 1:
                raise SystemExit("%s: %s matches %d people by name" % (where, name, len(candidates)))
            found = candidates[0] if candidates else None
        expected = person.pid if person.pid in self.stored else None
        if found != expected:
            raise SystemExit("%s: the row for %s would be taken for person %s" % (where, person.name, found))
        if expected is None:
            # A new participant keeps the organisation of the row that created them.
            self.stored[person.pid] = {"email": None, "phone": None, "org": org, "key": name_key(name)}
            self.index_name.setdefault((name_key(name), top_of(org)), []).append(person.pid)
        stored = self.stored[person.pid]
        if email and not stored["email"]:
            stored["email"] = email.lower()
            self.index_email[email.lower()] = person.pid
        if phone and not stored["phone"]:
            stored["phone"] = phone
            self.index_phone.setdefault(phone, []).append(person.pid)

    def referable(self, person):
        """Whether a step can name the person by e-mail (Convene holds that address)."""
        return person.pid in self.stored and self.stored[person.pid]["email"] == person.email

    def add_event(self, code, kind, title, start, end=None, venue=None, city=None, timezone=None, lang="en",
                  series=None, number=None):
        for day in [start] + ([end] if end else []):
            if datetime.date.fromisoformat(day).weekday() >= 5:
                raise SystemExit("%s falls on a weekend: %s" % (code, day))
        event = {"code": code, "kind": kind}
        if series:
            event["series"], event["number"] = series, number
        event["title"], event["start"] = title, start
        for k, v in (("end", end), ("venue", venue), ("city", city), ("timezone", timezone)):
            if v:
                event[k] = v
        event["lang"] = lang
        self.steps.append({"event": event})
        self.events[code] = event
        self.sessions[code] = []
        self.registered[code] = {}

    def add_session(self, code, title, start, end, room=None, chair=None):
        session = {"event": code, "title": title, "start": start, "end": end}
        if room:
            session["room"] = room
        if chair:
            session["chair"] = chair
        self.steps.append({"session": session})
        self.sessions[code].append(title)
        return "%s/%d" % (code, len(self.sessions[code]))

    def default_session(self, code):
        """The session an event without added sessions has."""
        self.sessions[code].append(None)
        return "%s/1" % code

    def mark(self, ref, pid, status):
        self.marks.setdefault(ref, {})[pid] = status

    def import_file(self, name, dialect, kind, code, session, header, rows, title_rows=(), bom=False,
                    delimiter=",", quote_all=False, trailing=False, mapping=None, skip_invalid=False):
        """rows: (person, cells, effect); effect is None for a row Convene rejects, else
        {"name", "email", "phone", "org", "role", "status"}: what the row says of its person."""
        first_row = {}
        for index, (person, _, effect) in enumerate(rows, 1):
            if effect is None:
                continue
            self.identify(person, effect["email"], effect["phone"], effect["name"], effect["org"],
                          "%s row %d" % (name, index))
            first = person.pid not in first_row
            first_row.setdefault(person.pid, index)
            registrations = self.registered[code]
            if person.pid not in registrations:
                registrations[person.pid] = effect["role"] or "participant"
            elif not first and effect["role"] and registrations[person.pid] == "participant":
                registrations[person.pid] = effect["role"]  # a second row fills the role the first lacked
            if session and effect["status"]:
                # The same person twice in one file: the first row's mark stands.
                if first or person.pid not in self.marks.get(session, {}):
                    self.mark(session, person.pid, effect["status"])
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n",
                            quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        pad = [""] if trailing else []  # Excel's empty column after the last
        width = len(header)
        for title in title_rows:
            writer.writerow([title] + [""] * (width - 1) + pad)
        writer.writerow(list(header) + pad)
        for _, cells, _ in rows:
            assert len(cells) == width, (name, cells)
            writer.writerow(list(cells) + pad)
        self.files[name] = (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
        step = {"kind": kind, "file": name}
        if kind == "registrations":
            step["event"] = code
        if session:
            step["session"] = session
        if mapping:
            step["map"] = mapping
        if skip_invalid:
            step["skip_invalid"] = True
        self.steps.append({"import": step})
        self.file_info.append((name, dialect, code, session, len(rows)))

    def add_register(self, code, people, role):
        for p in people:
            self.check_referable(code, p)
            self.registered[code][p.pid] = role
        self.steps.append({"register": {"event": code, "people": [p.email for p in people], "role": role}})

    def add_attend(self, ref, people, status="present"):
        if not people:
            return
        for p in people:
            self.check_referable(ref.split("/")[0], p)
            self.mark(ref, p.pid, status)
        self.steps.append({"attend": {"session": ref, "people": [p.email for p in people], "status": status}})

    def check_referable(self, code, p):
        if not self.referable(p):
            raise SystemExit("%s: %s is named by e-mail before Convene holds it" % (code, p.name))
        if p.pid not in self.registered[code]:
            raise SystemExit("%s: %s is not registered" % (code, p.name))

    def add_action(self, key, code, text, owners, due, session=None):
        action = {"key": key, "event": code, "text": text, "owners": owners, "due": due}
        if session:
            action["session"] = session
        self.steps.append({"action": action})
        self.actions[key] = {"event": code, "updates": []}

    def add_update(self, key, status, date, note=None):
        update = {"action": key, "status": status}
        if note:
            update["note"] = note
        update["date"] = date
        self.steps.append({"action_update": update})
        self.actions[key]["updates"].append((date, status))

    def add_decision(self, code, text, session=None):
        decision = {"event": code}
        if session:
            decision["session"] = session
        decision["text"] = text
        self.steps.append({"decision": decision})


# MARK: - How each tool writes a person

MONTHS_ID = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
DAYS_ID = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()


def tanggal(day):
    d = datetime.date.fromisoformat(day)
    return "%s, %d %s %d" % (DAYS_ID[d.weekday()], d.day, MONTHS_ID[d.month - 1], d.year)


def phone_as(number, style):
    """A stored 0812000ddddd as a form holds it."""
    local = number[1:]
    return {
        "dash": "%s-%s-%s" % (number[:4], number[4:8], number[8:]),
        "plain": number,
        "intl": "+62 %s-%s-%s" % (local[:3], local[3:7], local[7:]),
        "62": "62%s" % local,
        "spaced": "62 %s %s %s" % (local[:3], local[3:7], local[7:]),
        "apostrophe": "'" + number,
        "nozero": local,
    }[style]


GENDER_WORDS = {
    "indico": {"F": "Female", "M": "Male", None: "Prefer not to say"},
    "google-en": {"F": "Female", "M": "Male", None: "Prefer not to say"},
    "google-id": {"F": "Perempuan", "M": "Laki-laki", None: "Tidak ingin menyebutkan"},
    "kobo": {"F": "Perempuan", "M": "Laki-laki", None: ""},
    "excel": {"F": "P", "M": "L", None: ""},
}
STAKEHOLDER_EN = {
    GOV: "Central government / Ministry", SUB: "Local government", UN: "International organisation / UN",
    CSO: "Civil society / NGO", ACA: "Academia / research", PRIV: "Private sector", UNION: "Trade union",
    NHRI: "National human rights institution", MIG: "Migrant worker / diaspora", DONOR: "Donor / development partner",
}
STAKEHOLDER_ID = {
    GOV: "Pemerintah Pusat", SUB: "Pemerintah Daerah", UN: "Badan PBB", CSO: "Masyarakat Sipil", ACA: "Akademisi",
    PRIV: "Sektor Swasta", UNION: "Serikat Pekerja", NHRI: "Lembaga HAM", MIG: "Pekerja Migran / Purna PMI",
    DONOR: "Mitra Pembangunan",
}
# The village sheets' Kategori column, and what the people it describes are.
VILLAGE_CATEGORIES = [("Calon PMI", 0.30, "Calon pekerja migran", "Calon pekerja migran"),
                      ("Purna PMI", 0.22, "Purna PMI", "Purna PMI"),
                      ("Keluarga PMI", 0.28, "Ibu rumah tangga", "Petani"),
                      ("Komunitas", 0.12, "Kader PKK", "Karang Taruna"),
                      ("Pemerintah Daerah", 0.06, "Perangkat desa", "Perangkat desa"),
                      ("Tokoh Masyarakat", 0.02, "Tokoh perempuan", "Tokoh agama")]


def first_last(name):
    parts = name.split(",")[0].split()
    if len(parts) > 1 and parts[0].rstrip(".").lower() in ("dr", "prof", "ir", "drs"):
        parts = parts[1:]  # Indico keeps titles in a field of their own
    if len(parts) == 1:
        return parts[0], parts[0]  # Indico repeats a one-word name
    return " ".join(parts[:-1]), parts[-1]


class Writer:
    """Chooses, row by row, how a person's details are spelled."""

    def __init__(self, rng):
        self.rng = rng

    def org(self, person):
        return self.rng.choice(ORGS[person.org]["spellings"]) if person.org else ""

    def email(self, person, chance=1.0, caps=0.0):
        if not person.email:
            return ""
        keep, upper = self.rng.random() < chance, self.rng.random() < caps
        return "" if not keep else person.email.upper() if upper else person.email

    def phone(self, person, styles, chance=1.0):
        if not person.phone:
            return ""
        keep, style = self.rng.random() < chance, self.rng.choice(styles)
        return phone_as(person.phone, style) if keep else ""

    def name(self, person, caps=0.0):
        return person.name.upper() if self.rng.random() < caps else person.name


def effect(person, name, email, phone, org_text, role=None, status=None):
    """What Convene reads from a row about its person (a phone in scientific notation is lost)."""
    stored_phone = None
    if phone and "E+" not in phone:
        digits = "".join(c for c in phone if c.isdigit())
        digits = "0" + digits[2:] if digits.startswith("62") else digits if digits.startswith("0") else "0" + digits
        if digits != person.phone:
            raise SystemExit("phone %r does not read back as %s" % (phone, person.phone))
        stored_phone = digits
    return {"name": name, "email": email or None, "phone": stored_phone, "org": person.org if org_text else None,
            "role": role, "status": status}


def age_on(person, day):
    """The person's age on a day: people are given their age in 2023, and grow older."""
    return str(person.age + int(day[:4]) - 2023) if person.age else ""


def google_stamp(t, rng):
    return "%d/%d/%d %d:%02d:%02d" % (t.month, t.day, t.year, t.hour, t.minute, rng.randrange(60))


EXCEL = dict(bom=True, delimiter=";", trailing=True)


# MARK: - The programme's core: PSC meetings, trainings, the symposium


def build():
    """Creates everyone of the core events and plans those events. Returns the plans
    (date, order, callable) so that they can be run in date order with the outreach."""
    rng = random.Random(SEED)
    people = People()
    rec = Record()
    w = Writer(rng)

    def P(name, gender, org, position, **details):
        return people.add(rng, name, gender, org, position, **details)

    # --- Public figures: names and roles as published; contacts invented.
    penny = P("Penny Dewi Herasati", "F", "kemlu-sosbud", "Direktur Sosial Budaya dan OINB",
              email="penny.herasati@example.org", phone=False)
    maniza = P("Maniza Zaman", "F", "rco", "UN Resident Coordinator a.i.", email="maniza.zaman@example.org",
               phone=False)
    jeffrey = P("Jeffrey Labovitz", "M", "iom", "Chief of Mission", email="jeffrey.labovitz@example.org",
                phone=False)
    hariyanto = P("Hariyanto", "M", "sbmi", "Director", email="hariyanto@example.org", phone=False)
    roza = P("Roza Syofiadewi", "F", "kemendagri-bangda", "Ditjen Bina Pembangunan Daerah",
             email="roza.syofiadewi@example.org", phone=False)
    gita = P("Gita Sabharwal", "F", "rco", "UN Resident Coordinator", email="gita.sabharwal@example.org",
             phone=False)
    emilio = P("Emilio Bisanto", "M", "idn-global", "IDN Global", email="emilio.bisanto@example.org", phone=False)

    # --- The programme's counterparts in Jakarta (invented).
    def staff(org, rows):
        return [P(n, g, org, pos, province="DKI Jakarta") for n, g, pos in rows]

    kemlu = [penny] + staff("kemlu-sosbud", [("Nadia Putri Larasati", "F", "Diplomat Ahli Muda"),
                                             ("Rahmat Hidayatullah", "M", "Koordinator Fungsi OINB")]) \
        + staff("kemlu-pwni", [("Dimas Aryo Wibisono", "M", "Diplomat Ahli Madya")]) \
        + staff("kemlu", [("Larasati Kusumawardani", "F", "Diplomat Ahli Pertama"),
                          ("Fikri Maulana", "M", "Staf Direktorat Sosbud dan OINB")])
    kemendagri = [roza] + staff("kemendagri-bangda", [("Hendri Saputra", "M", "Analis Kebijakan")]) \
        + staff("kemendagri", [("Wulan Sari Dewi", "F", "Perencana Ahli Muda")])
    kemnaker = staff("kemnaker-binapenta", [("Ahmad Fauzan", "M", "Direktur Penempatan PMI")]) \
        + staff("kemnaker", [("Sri Rejeki Handayani", "F", "Pengantar Kerja Ahli Madya"),
                             ("Muhammad Rizki", "M", "Analis Ketenagakerjaan"),
                             ("Yulia Astuti", "F", "Analis Kebijakan")])
    bappenas = staff("bappenas", [("Fransiska Anggraeni", "F", "Perencana Ahli Madya"),
                                  ("Teguh Santoso", "M", "Direktur Kependudukan dan Jaminan Sosial"),
                                  ("Intan Permatasari", "F", "Perencana Ahli Muda")])
    kemenpppa = staff("kemenpppa", [("Ratna Kusuma Dewi", "F", "Asisten Deputi Perlindungan Hak Perempuan"),
                                    ("Eny Purwaningsih", "F", "Analis Kebijakan"),
                                    ("Hasanuddin Malik", "M", "Analis Kebijakan")])
    kemensos = staff("kemensos", [("Lestiana Pohan", "F", "Pekerja Sosial Ahli Madya"),
                                  ("Robby Firmansyah", "M", "Analis Rehabilitasi Sosial")])
    kemenko = staff("kemenko-pmk", [("Bambang Sutrisno", "M", "Asisten Deputi"),
                                    ("Anita Rahmawati", "F", "Analis Kebijakan"),
                                    ("Yudha Pratama Putra", "M", "Analis Kebijakan")])
    kumham = staff("kemenkumham-imigrasi", [("Irwan Syahrial", "M", "Kasubdit Kerja Sama Keimigrasian")]) \
        + staff("kemenkumham", [("Desi Natalia", "F", "Analis Hukum"), ("Fahmi Ramadhan", "M", "Perancang Peraturan")])
    kemenkes = staff("kemenkes", [("dr. Maya Sarasvati", "F", "Kepala Subdirektorat Kesehatan Kerja")])
    kemendes = staff("kemendes", [("Sahat Marpaung", "M", "Analis Pemberdayaan Masyarakat Desa")])
    bp2mi = staff("bp2mi", [("Ratih Purnamasari", "F", "Direktur Perlindungan"), ("Heru Susanto", "M", "Analis")])
    lpsk = staff("lpsk", [("Arief Setiadi", "M", "Analis Perlindungan Saksi dan Korban")])
    komnas = staff("komnas-ham", [("Anis Fitriani", "F", "Analis Pengaduan")])
    komnasp = staff("komnas-perempuan", [("Dewi Anggraini Sitorus", "F", "Badan Pekerja")])
    iom = [jeffrey] + staff("iom", [("Zahra Kusumaningrum", "F", "National Programme Officer"),
                                    ("Daniel Simanjuntak", "M", "Project Officer"),
                                    ("Sekar Ayu Wardhani", "F", "Monitoring and Evaluation Officer")])
    undp = staff("undp", [("Anindita Prameswari", "F", "Programme Analyst"), ("Kevin Hutapea", "M", "Project Manager")])
    unwomen = staff("un-women", [("Melati Anjani", "F", "Programme Specialist"),
                                 ("Citra Maharani", "F", "Programme Officer")])
    rco = [maniza] + staff("rco", [("Putu Ayu Sriwahyuni", "F", "Partnerships and Development Finance Officer")])
    sbmi = [hariyanto] + staff("sbmi", [("Novia Kusumawati", "F", "Koordinator Advokasi")])
    migrantcare = staff("migrant-care", [("Mulyadi Kurnia", "M", "Peneliti")])
    mptf = staff("mptf", [("Elena Marchetti", "F", "Fund Portfolio Manager")])
    solidaritas = staff("solidaritas-perempuan", [("Ruth Manullang", "F", "Koordinator Program")])
    jbm = staff("jbm", [("Sanusi Hamid", "M", "Koordinator Nasional")])
    ilo = staff("ilo", [("Agnes Wulandari", "F", "National Project Coordinator")])
    bps = staff("bps", [("Eko Nugroho", "M", "Statistisi Ahli Madya")])
    # A namesake: another Muhammad Rizki, at a university; his own e-mail keeps them two people.
    rizki2 = P("Muhammad Rizki", "M", "unhas", "Dosen", province="Sulawesi Selatan", namesake=True)

    # --- The provinces: thirty trainees each, and the IOM staff there.
    training_orgs = {
        "Sulawesi Selatan": ["disnakertrans-sulsel", "disnakertrans-sulsel", "dp3a-sulsel", "dp3a-makassar",
                             "dinsos-sulsel", "bappeda-sulsel", "kanwil-kumham-sulsel", "upt-bp2mi-sulsel",
                             "sbmi-sulsel", "sbmi-sulsel", "unhas"],
        "Jawa Tengah": ["disnakertrans-jateng", "disnakertrans-jateng", "dp3ap2kb-jateng", "bappeda-jateng",
                        "disnaker-semarang", "kanwil-kumham-jateng", "upt-bp2mi-jateng", "sbmi-jateng",
                        "sbmi-jateng", "ksbsi-jateng", "undip"],
        "Nusa Tenggara Barat": ["disnakertrans-ntb", "disnakertrans-ntb", "dp3ap2kb-ntb", "dinsos-ntb",
                                "bappeda-lotim", "kanwil-kumham-ntb", "kanim-mataram", "upt-bp2mi-ntb", "sbmi-ntb",
                                "sbmi-ntb", "unram"],
    }
    positions = {"localgov": ["Kepala Seksi", "Analis Kebijakan", "Staf", "Kepala Bidang", "Penyuluh"],
                 "ministry": ["Kepala Subbidang", "Analis Keimigrasian", "Penyuluh Hukum"],
                 "agency": ["Kepala UPT", "Pengantar Kerja", "Staf Pelindungan"],
                 "cso": ["Ketua DPW", "Paralegal", "Pendamping Komunitas"], "union": ["Ketua DPW", "Pengurus"],
                 "academia": ["Dosen", "Peneliti"]}
    trainees = {}
    for province in PROVINCES:
        group = []
        for i in range(30):
            org = training_orgs[province][i % len(training_orgs[province])]
            kind = TOP[top_of(org)][0]
            group.append(people.generic(rng, "F" if rng.random() < 0.52 else "M", province, org,
                                        rng.choice(positions[kind]), age=rng.randrange(26, 56)))
        # The university's lecturer signs with her titles; Convene leaves them out of the name key.
        group[10].name = "Dr. %s, M.Si." % group[10].name
        trainees[province] = group
    local_staff = {
        "Sulawesi Selatan": P("Nur Afni Syam", "F", "iom-makassar", "Project Assistant", province="Sulawesi Selatan",
                              age=29),
        "Jawa Tengah": P("Tri Wahyuningsih", "F", "iom", "Project Assistant", province="Jawa Tengah", age=34),
        "Nusa Tenggara Barat": P("Lalu Fathurrahman", "M", "iom-mataram", "Project Assistant",
                                 province="Nusa Tenggara Barat", age=41),
    }
    facilitators = {"Sulawesi Selatan": [iom[1], unwomen[1]], "Jawa Tengah": [iom[3], undp[1]],
                    "Nusa Tenggara Barat": [iom[2], unwomen[0]]}

    # --- Rows Convene rejects need people too (never stored, never counted).
    unapproved = {pr: people.generic(rng, "F", pr, training_orgs[pr][0], "Staf", age=31) for pr in PROVINCES}
    withdrawn_psc3 = people.generic(rng, "M", "Jawa Tengah", None, "Analis", phone=False)
    sym_no_gender = people.generic(rng, "F", "Jawa Tengah", "ui", "Mahasiswa")
    sym_declined = people.generic(rng, "M", "Jawa Tengah", "pt-arta", "Staf")
    final_ghosts = [people.generic(rng, "M" if k % 2 else "F", "Jawa Tengah", None, "Staf", phone=False)
                    for k in range(4)]

    # --- Symposium guests beyond the programme's regulars.
    sym_extra = []
    for org, n in [("kemlu", 3), ("kemnaker", 2), ("kemendagri", 1), ("bp2mi", 3), ("kemenpppa", 1), ("ilo", 1),
                   ("undp", 2), ("un-women", 2), ("iom", 2), ("sbmi", 2), ("migrant-care", 1), ("kspi", 2), ("ui", 3),
                   ("pt-arta", 2), ("pt-sinar", 2), ("idn-global", 2), ("yayasan-pelita", 2),
                   ("komnas-perempuan", 1)]:
        for _ in range(n):
            sym_extra.append(people.generic(rng, "F" if rng.random() < 0.55 else "M", "Jawa Tengah", org,
                                            rng.choice(["Staf", "Analis", "Program Officer", "Peneliti", "Manajer"])))
    sym_walkins = [people.generic(rng, "F" if rng.random() < 0.5 else "M", "Jawa Tengah", org, "Staf")
                   for org in ("kemlu", "bp2mi", "ui", "undp", "sbmi")]

    # --- The final PSC: ministries and agencies, migrants and diaspora, communities, civil
    # society, academia, private sector, unions, Komnas HAM, beneficiaries.
    final_core = (kemlu + kemendagri[:2] + kemnaker + bappenas + kemenpppa[:2] + kemensos + kemenko[:2] + kumham
                  + kemenkes + bp2mi + komnas + komnasp + iom + undp + unwomen + rco[1:] + sbmi + migrantcare + mptf
                  + solidaritas + jbm + ilo + bps + [gita, emilio, rizki2])
    final_provincial = [trainees[pr][k] for pr in PROVINCES for k in (0, 1, 2, 3, 6, 8, 10, 12)] \
        + list(local_staff.values())
    migrants = [people.generic(rng, "F" if rng.random() < 0.6 else "M", rng.choice(PROVINCES), None, "Purna PMI",
                               stakeholder=MIG) for _ in range(14)]
    # People the village meetings reached, invited to speak for the communities. They sign a
    # village sheet first, so at the final PSC they are matched by phone and first name.
    beneficiaries = [people.generic(rng, "F" if rng.random() < 0.6 else "M", pr, None, "Purna PMI",
                                    stakeholder=MIG, age=rng.randrange(24, 50))
                     for pr in PROVINCES for _ in range(4)]
    final_extra = []
    for org, n in [("kemlu", 4), ("kemnaker", 4), ("kemendagri", 3), ("bappenas", 3), ("kemenpppa", 3),
                   ("kemensos", 2), ("kemenko-pmk", 3), ("kemenkumham", 3), ("kemenkes", 2), ("kemendes", 2),
                   ("bp2mi", 4), ("bps", 2), ("lpsk", 1), ("komnas-ham", 3), ("komnas-perempuan", 2), ("iom", 4),
                   ("undp", 3), ("un-women", 3), ("ilo", 1), ("sbmi", 5), ("migrant-care", 3),
                   ("solidaritas-perempuan", 3), ("jbm", 3), ("yayasan-pelita", 3), ("ksbsi", 4), ("kspi", 3),
                   ("kspsi", 3), ("ui", 3), ("unhas", 2), ("undip", 2), ("unram", 2), ("pt-arta", 3),
                   ("pt-sinar", 3), ("idn-global", 5)]:
        for _ in range(n):
            final_extra.append(people.generic(rng, "F" if rng.random() < 0.5 else "M", rng.choice(PROVINCES), org,
                                              rng.choice(["Staf", "Analis", "Koordinator", "Peneliti", "Anggota"])))
    # 193 participants = everyone invited but the 9 who did not check in, plus 3 of those who
    # signed the afternoon sheet: invited = 193 + 6.
    others = len(final_core) + len(final_provincial) + len(migrants) + len(beneficiaries)
    rng.shuffle(final_extra)
    final_extra = final_extra[:193 + 6 - others]
    assert len(final_core + final_provincial + final_extra + migrants + beneficiaries) == 199

    plans = []

    # ============================================================ PSC-1 (June 2022)
    psc1 = [penny, kemlu[1], kemlu[2], kemnaker[0], kemnaker[1], kemendagri[1], bappenas[0], bappenas[1],
            kemenpppa[0], kemenko[0], bp2mi[0], bp2mi[1], jeffrey, iom[1], iom[2], undp[0], undp[1], unwomen[0],
            unwomen[1], rco[1], hariyanto, mptf[0]]

    def psc1_run():
        rec.add_event("psc-1", "psc-meeting", "First Programme Steering Committee meeting", "2022-06-16",
                      venue="Ruang Rapat Nusantara, Kementerian Luar Negeri", city="Jakarta",
                      timezone="Asia/Jakarta", series="PSC", number=1)
        r1 = rec.add_session("psc-1", "Opening and programme inception", "2022-06-16 09:00", "2022-06-16 10:30")
        r2 = rec.add_session("psc-1", "Workplan 2022–2023 and governance arrangements", "2022-06-16 10:45",
                             "2022-06-16 12:30")
        header = ["Timestamp", "Email Address", "Full name", "Gender", "Institution / Organization",
                  "Job title / Position", "Stakeholder group", "WhatsApp number",
                  "Do you agree that your personal data may be used for programme monitoring and reporting?"]
        rows = []
        t = datetime.datetime(2022, 6, 6, 9, 2)
        for i, p in enumerate(psc1):
            t += datetime.timedelta(minutes=rng.randrange(20, 600))
            email, org = w.email(p, caps=0.1), w.org(p)
            phone = w.phone(p, ["dash", "plain", "intl"], 0.6)
            cells = [google_stamp(t, rng), email, p.name, GENDER_WORDS["google-en"][p.gender], org, p.position,
                     STAKEHOLDER_EN[p.stakeholder], phone, "Yes, I agree"]
            rows.append((p, cells, effect(p, p.name, email, phone, org)))
            if i == 4:  # the secretariat trying the form
                rows.append((None, [cells[0], "secretariat.psc@example.org", "Test", "Prefer not to say", "test",
                                    "", "Other", "", "Yes, I agree"], None))
        rec.import_file("google-forms-psc-1.csv", "Google Forms (UTF-8, `,`, CRLF)", "registrations", "psc-1", None,
                        header, rows)
        rec.add_register("psc-1", [penny], "chair")
        rec.add_register("psc-1", [jeffrey], "speaker")
        rec.add_attend(r1, [p for p in psc1 if p is not mptf[0]])
        rec.add_attend(r1, [mptf[0]], "late")
        rec.add_attend(r2, [p for p in psc1 if p not in (bp2mi[1], undp[1], hariyanto)])
        rec.add_attend(r2, [hariyanto], "left-early")
        rec.add_attend(r2, [bp2mi[1]], "excused")
        rec.add_action("psc1-a1", "psc-1", "Establish the joint programme's technical working group with a focal "
                       "point from each line ministry", ["Kemlu"], "2022-09-30", r2)
        rec.add_action("psc1-a2", "psc-1", "Map the reintegration services for returning migrant workers in South "
                       "Sulawesi, Central Java and West Nusa Tenggara", ["IOM"], "2022-12-31", r2)
        rec.add_action("psc1-a3", "psc-1", "Prepare a gender analysis of national migration policies", ["UN Women"],
                       "2023-03-31", r2)
        rec.add_decision("psc-1", "The PSC adopted its terms of reference and the workplan for 2022–2023.", r2)

    plans.append(("2022-06-16", 0, psc1_run))

    # ============================================================ PSC-2 (March 2023)
    psc2 = [penny, kemlu[1], kemlu[2], kemlu[5], kemnaker[0], kemnaker[1], kemnaker[2], kemendagri[0], kemendagri[1],
            bappenas[0], bappenas[2], kemenpppa[0], kemenpppa[1], kemensos[0], kemenko[0], kemenko[1], kumham[0],
            bp2mi[0], jeffrey, iom[1], iom[3], undp[0], unwomen[0], rco[1], hariyanto, migrantcare[0], mptf[0]]

    def psc2_run():
        rec.add_event("psc-2", "psc-meeting", "Second Programme Steering Committee meeting", "2023-03-14",
                      venue="Ruang Rapat Pancasila, Kementerian Luar Negeri", city="Jakarta",
                      timezone="Asia/Jakarta", series="PSC", number=2)
        ref = rec.add_session("psc-2", "Progress review and workplan 2023", "2023-03-14 09:00", "2023-03-14 12:00")
        roles = {penny.pid: ("Ketua", "chair"), jeffrey.pid: ("Narasumber", "resource-person"),
                 iom[1].pid: ("Narasumber", "resource-person")}
        header = ["No", "Nama", "L/P", "Instansi", "Jabatan", "Peran", "No. HP", "Email", "Tanda Tangan"]
        rows = []
        for i, p in enumerate(psc2, 1):
            name, org = w.name(p, caps=0.1), w.org(p)
            # Signed by hand: people already known often leave the e-mail out and are matched
            # by name within their ministry.
            email = w.email(p, chance=0.35 if p.pid in rec.stored else 1.0, caps=0.2)
            phone = w.phone(p, ["apostrophe", "plain", "dash", "nozero"], 0.5)
            word, role = roles.get(p.pid, ("Peserta", None))
            cells = [str(i), name, GENDER_WORDS["excel"][p.gender], org, p.position, word, phone, email, "%d." % i]
            rows.append((p, cells, effect(p, name, email, phone, org, role, "present")))
        rows += [(None, [str(len(psc2) + k)] + [""] * 8, None) for k in (1, 2)]
        rows.append((None, ["", "JUMLAH: %d orang" % len(psc2)] + [""] * 7, None))
        rec.import_file("excel-daftar-hadir-psc-2.csv", "Excel daftar hadir (UTF-8 BOM, `;`, title rows, Peran)",
                        "attendance", "psc-2", ref, header, rows,
                        title_rows=["DAFTAR HADIR", "RAPAT KOMITE PENGARAH PROGRAM (PSC) KE-2",
                                    "Hari/Tanggal: %s" % tanggal("2023-03-14"), ""], **EXCEL)
        rec.add_action("psc2-a1", "psc-2", "Align the programme's policy work with the background study for the "
                       "RPJMN 2025–2029", ["Bappenas"], "2023-09-30", ref)
        rec.add_action("psc2-a2", "psc-2", "Circulate the draft GCM National Action Plan to line ministries for "
                       "comments", ["Kemlu", penny.email], "2023-12-15", ref)
        rec.add_action("psc2-a3", "psc-2", "Pilot a referral pathway for women migrant workers facing violence in "
                       "the three provinces", ["UN Women"], "2023-11-30", ref)
        rec.add_decision("psc-2", "The PSC endorsed the 2023 workplan and the localisation of the GCM in the "
                         "three provinces.", ref)

    plans.append(("2023-03-14", 0, psc2_run))

    # Follow-up: dated status changes (before PSC-3: two of PSC-2's three actions still open).
    for key, status, date, note in [
        ("psc1-a1", "in-progress", "2022-08-15", "Focal points nominated by six ministries"),
        ("psc1-a1", "done", "2022-10-12", "First meeting of the technical working group held"),
        ("psc1-a2", "in-progress", "2022-11-21", "Field mapping under way in the three provinces"),
        ("psc1-a2", "done", "2023-02-28", "Mapping report shared with the PSC members"),
        ("psc1-a3", "in-progress", "2023-03-01", "Draft analysis under review by KemenPPPA"),
        ("psc2-a2", "in-progress", "2023-08-21", "First draft circulated to eight ministries"),
        ("psc2-a1", "done", "2023-10-05", "Migration governance included in the RPJMN background study"),
        ("psc3-a1", "done", "2024-02-26", "Revised plan and extension request submitted"),
        ("psc2-a3", "in-progress", "2024-02-12", "Referral pathway piloted in Makassar"),
        ("psc1-a3", "done", "2024-03-18", "Gender analysis published"),
        ("psc3-a2", "done", "2024-03-27", "Technical meeting held with eight ministries"),
        ("psc2-a2", "done", "2024-04-30", "Consolidated comments shared with Kemlu"),
        ("psc3-a3", "in-progress", "2024-05-15", "Profiles shared; guidance being drafted"),
    ]:
        plans.append((date, 1, lambda k=key, s=status, d=date, n=note: rec.add_update(k, s, d, n)))

    # ============================================================ Trainings in the three provinces
    def kobo(code, group, start, province):
        header = ["start", "end", "Nama Lengkap", "Jenis Kelamin", "Usia", "Asal Instansi/Lembaga", "Jabatan",
                  "Kategori Pemangku Kepentingan", "Nomor WA", "Alamat Email",
                  "Asal Daerah" if code == "trn-makassar" else "Provinsi",
                  "Topik yang paling Anda butuhkan", "Topik yang paling Anda butuhkan/Migrasi aman",
                  "Topik yang paling Anda butuhkan/Pelindungan berbasis gender",
                  "Topik yang paling Anda butuhkan/Reintegrasi",
                  "Apakah Anda bersedia data Anda digunakan untuk pelaporan program?", "_id", "_uuid",
                  "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
                  "_tags", "_index"]
        spelled = {"Sulawesi Selatan": ["Sulawesi Selatan", "Sulsel"], "Jawa Tengah": ["Jawa Tengah", "Jateng"],
                   "Nusa Tenggara Barat": ["Nusa Tenggara Barat", "NTB"]}[province]
        rows = []
        t = datetime.datetime.fromisoformat(start + "T07:40:00") - datetime.timedelta(days=6)

        def row(i, p, name, org, email, phone, state="Approved", consent="Ya"):
            nonlocal t
            t += datetime.timedelta(seconds=rng.randrange(300, 4000))
            topics = [rng.random() < 0.5 for _ in range(3)]
            labels = [x for x, on in zip(["Migrasi aman", "Pelindungan berbasis gender", "Reintegrasi"], topics) if on]
            uid = "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                  rng.getrandbits(12), rng.getrandbits(48))
            end = t + datetime.timedelta(seconds=rng.randrange(90, 300))
            return ([t.strftime("%Y-%m-%dT%H:%M:%S.000+08:00"), end.strftime("%Y-%m-%dT%H:%M:%S.000+08:00"), name,
                     GENDER_WORDS["kobo"][p.gender], age_on(p, start), org, p.position,
                     STAKEHOLDER_ID[p.stakeholder], phone, email, rng.choice(spelled), " ".join(labels)]
                    + ["1" if on else "0" for on in topics]
                    + [consent, str(318450000 + i * 7), uid, (end - datetime.timedelta(hours=8)).strftime(
                        "%Y-%m-%dT%H:%M:%S"), state, "", "submitted_via_web", "", "vHq3mZ8aT5rLkP2wXy9NcE", "",
                       str(i)])

        for i, p in enumerate(group, 1):
            email, org, phone = w.email(p), w.org(p), w.phone(p, ["plain", "dash", "intl", "62"])
            rows.append((p, row(i, p, p.name, org, email, phone), effect(p, p.name, email, phone, org)))
            if i == 2:  # a trial submission
                rows.append((None, row(i, p, "tes", "tes", "", ""), None))
            if i == 5:  # not approved in KoboToolbox's validation
                x = unapproved[province]
                rows.append((None, row(i, x, x.name, w.org(x), "", "", state="Not Approved"), None))
        return header, rows

    def training(code, province, city, timezone, start, end, sessions, dialect):
        group = trainees[province]
        team = [local_staff[province]] + facilitators[province]
        hotel = {"Makassar": "Hotel Aryaduta", "Semarang": "Hotel Patra", "Mataram": "Hotel Lombok Raya"}[city]
        room = {"Makassar": "Ruang Phinisi", "Semarang": "Ruang Borobudur", "Mataram": "Ruang Rinjani"}[city]

        def run():
            rec.add_event(code, "training", "Pelatihan Tata Kelola Migrasi yang Responsif Gender — %s" % province,
                          start, end, venue=hotel, city=city, timezone=timezone, lang="id")
            refs = [rec.add_session(code, title, a, b, room=room) for title, a, b in sessions]
            registrants = group[:28] + team[:1]  # the last two trainees walk in on the first morning
            if dialect == "kobo":
                header, rows = kobo(code, registrants, start, province)
                rec.import_file("kobo-%s.csv" % code, "KoboToolbox (UTF-8, `;`, all quoted, CRLF)", "registrations",
                                code, None, header, rows, delimiter=";", quote_all=True,
                                mapping={"Asal Daerah": "province"} if code == "trn-makassar" else None)
            else:
                header = ["Timestamp", "Alamat Email", "Nama Lengkap", "Jenis Kelamin", "Instansi/Lembaga", "Jabatan",
                          "Kategori", "No. HP/WA", "Provinsi",
                          "Saya bersedia data saya digunakan untuk pelaporan program"]
                rows = []
                t = datetime.datetime.fromisoformat(start + "T08:00:00") - datetime.timedelta(days=12)
                for p in registrants:
                    t += datetime.timedelta(minutes=rng.randrange(5, 300))
                    email, org, phone = w.email(p, caps=0.05), w.org(p), w.phone(p, ["plain", "dash", "62"])
                    cells = [google_stamp(t, rng), email, p.name, GENDER_WORDS["google-id"][p.gender], org,
                             p.position, STAKEHOLDER_ID[p.stakeholder], phone, province, "Ya, saya bersedia"]
                    rows.append((p, cells, effect(p, p.name, email, phone, org)))
                rec.import_file("google-forms-%s.csv" % code, "Google Forms (UTF-8, `,`, CRLF)", "registrations",
                                code, None, header, rows)
            rec.add_register(code, team[:1], "facilitator")
            # First session: the signed sheet; walk-ins (and the facilitators from Jakarta) are
            # registered on the spot.
            present = [p for p in group if rng.random() < 0.93] + team
            header = ["No", "Nama", "L/P", "Instansi", "Jabatan", "Peran", "No. HP", "Email", "Tanda Tangan"]
            rows = []
            for i, p in enumerate(present, 1):
                name = p.name.replace("Dr. ", "").split(",")[0] if p.name.startswith("Dr. ") else w.name(p, 0.08)
                walk_in = p.pid not in rec.registered[code]
                org = w.org(p)
                email = w.email(p, chance=1.0 if walk_in else 0.4, caps=0.1)
                phone = w.phone(p, ["apostrophe", "plain", "dash", "nozero"], 1.0 if walk_in else 0.6)
                helper = p in team
                cells = [str(i), name, GENDER_WORDS["excel"][p.gender], org, p.position,
                         "Fasilitator" if helper else "Peserta", phone, email, "%d." % i]
                rows.append((p, cells, effect(p, name, email, phone, org, "facilitator" if helper else None,
                                              "present")))
            rows += [(None, [str(len(present) + k)] + [""] * 8, None) for k in (1, 2, 3)]
            rec.import_file("excel-daftar-hadir-%s-sesi-1.csv" % code,
                            "Excel daftar hadir (UTF-8 BOM, `;`, title rows, Peran)", "attendance", code, refs[0],
                            header, rows, title_rows=["DAFTAR HADIR PESERTA", rec.events[code]["title"].upper(),
                                                      "Hari/Tanggal: %s" % tanggal(start),
                                                      "Tempat: %s, %s" % (hotel, city)], **EXCEL)
            # Later sessions: marked at the door; attendance differs from session to session.
            for ref in refs[1:]:
                draws = [(p, rng.random(), rng.random()) for p in group]
                enrolled = [(p, a, b) for p, a, b in draws if p.pid in rec.registered[code] and rec.referable(p)]
                here = [(p, b) for p, a, b in enrolled if a < 0.86]
                rec.add_attend(ref, [p for p, b in here if b >= 0.10] + team)
                rec.add_attend(ref, [p for p, b in here if b < 0.06], "late")
                rec.add_attend(ref, [p for p, b in here if 0.06 <= b < 0.10], "left-early")
                if ref == refs[-1]:
                    rec.add_attend(ref, [p for p, a, b in enrolled if a >= 0.86][:2], "absent")
        return run

    plans.append(("2023-08-22", 0, training(
        "trn-makassar", "Sulawesi Selatan", "Makassar", "Asia/Makassar", "2023-08-22", "2023-08-24",
        [("Pembukaan dan konsep tata kelola migrasi (GCM)", "2023-08-22 09:00", "2023-08-22 12:00"),
         ("Migrasi aman dan pencegahan TPPO", "2023-08-22 13:00", "2023-08-22 16:00"),
         ("Pelindungan berbasis gender bagi pekerja migran perempuan", "2023-08-23 09:00", "2023-08-23 15:00"),
         ("Rencana aksi daerah dan penutupan", "2023-08-24 09:00", "2023-08-24 12:00")], "kobo")))
    plans.append(("2023-10-17", 0, training(
        "trn-semarang", "Jawa Tengah", "Semarang", "Asia/Jakarta", "2023-10-17", "2023-10-18",
        [("Pembukaan dan kerangka GCM di tingkat daerah", "2023-10-17 09:00", "2023-10-17 12:00"),
         ("Integrasi migrasi dalam perencanaan dan penganggaran daerah", "2023-10-17 13:00", "2023-10-17 16:00"),
         ("Reintegrasi purna PMI dan penutupan", "2023-10-18 09:00", "2023-10-18 13:00")], "google")))
    plans.append(("2024-02-20", 0, training(
        "trn-mataram", "Nusa Tenggara Barat", "Mataram", "Asia/Makassar", "2024-02-20", "2024-02-22",
        [("Pembukaan dan konsep tata kelola migrasi", "2024-02-20 09:00", "2024-02-20 12:00"),
         ("Migrasi aman dan layanan terpadu satu atap", "2024-02-20 13:00", "2024-02-20 16:00"),
         ("Penanganan kasus kekerasan terhadap pekerja migran perempuan", "2024-02-21 09:00", "2024-02-21 12:00"),
         ("Simulasi rujukan kasus", "2024-02-21 13:00", "2024-02-21 16:00"),
         ("Rencana tindak lanjut dan penutupan", "2024-02-22 09:00", "2024-02-22 12:00")], "kobo")))

    # ============================================================ PSC-3 (9 January 2024)
    # 44 participants from exactly eight ministries: Kemlu, Kemendagri, Kemnaker, Bappenas,
    # KemenPPPA, Kemensos, Kemenko PMK, Kemenkumham. BP2MI was an agency then; the Kemenkes
    # and Komnas Perempuan registrants sent apologies; the Kemendes registration stayed pending.
    psc3 = (kemlu + kemendagri + kemnaker + bappenas + kemenpppa + kemensos + kemenko + kumham + bp2mi + komnas
            + iom + undp + unwomen + rco + sbmi + migrantcare + mptf)
    assert len(psc3) == 44, len(psc3)
    excused = kemenkes + komnasp
    walk_in = kemnaker[3]  # came in a colleague's place and signed the sheet
    late = undp[1]

    def psc3_run():
        rec.add_event("psc-3", "psc-meeting", "Third Programme Steering Committee meeting", "2024-01-09",
                      venue="Diplomacy Cafeteria Meeting Room, Ministry of Foreign Affairs", city="Jakarta",
                      timezone="Asia/Jakarta", series="PSC", number=3)
        r1 = rec.add_session("psc-3", "Opening remarks by the co-chairs", "2024-01-09 09:00", "2024-01-09 09:30",
                             chair="Penny Dewi Herasati")
        r2 = rec.add_session("psc-3", "Programme progress and implementation plan", "2024-01-09 09:30",
                             "2024-01-09 11:00")
        r3 = rec.add_session("psc-3", "Relevance to the national GCM action plan", "2024-01-09 11:00",
                             "2024-01-09 12:00")
        registrants = [p for p in psc3 if p is not walk_in] + excused + kemendes + lpsk
        rng.shuffle(registrants)
        header = ["ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation", "Position", "Phone Number",
                  "Country", "Gender", "Registration date", "Registration state", "Checked in", "Check-in date"]
        rows = []
        t = datetime.datetime(2023, 12, 18, 2, 0)
        for i, p in enumerate(registrants, 201):
            t += datetime.timedelta(minutes=rng.randrange(30, 600), microseconds=rng.randrange(10**6))
            checked = p in psc3 and p is not late
            email, org = w.email(p, caps=0.05), w.org(p)
            phone = w.phone(p, ["spaced", "intl", "plain"], 0.7)
            check_in = "2024-01-09 01:%02d:%02d.%06d+00:00" % (rng.randrange(40, 60), rng.randrange(60),
                                                               rng.randrange(10**6)) if checked else ""
            cells = [str(i), p.name, *first_last(p.name), email, org, p.position, phone, "Indonesia",
                     GENDER_WORDS["indico"][p.gender], t.strftime("%Y-%m-%d %H:%M:%S.%f+00:00"),
                     "Pending" if p in kemendes else "Completed", "Yes" if checked else "No", check_in]
            rows.append((p, cells, effect(p, p.name, email, phone, org, None, "present" if checked else None)))
        # What Indico also holds: a withdrawal, a test, a rejected second registration.
        x = withdrawn_psc3
        rows.insert(9, (None, ["212", x.name, *first_last(x.name), x.email, "Kementerian Agama", "Analis", "",
                               "Indonesia", "Male", "2023-12-20 04:11:02.120331+00:00", "Withdrawn", "No", ""], None))
        rows.insert(20, (None, ["230", "Test Test", "Test", "Test", "test@example.org", "Test", "", "", "Indonesia",
                                "Male", "2023-12-21 01:00:00.000000+00:00", "Completed", "No", ""], None))
        x = bappenas[2]
        rows.append((None, ["251", x.name, *first_last(x.name), x.email.upper(), "Bappenas", x.position, "",
                            "Indonesia", "Female", "2024-01-08 10:02:41.552019+00:00", "Rejected", "No", ""], None))
        rec.import_file("indico-psc-3.csv", "Indico registrants (UTF-8 BOM, `,`, CRLF)", "registrations", "psc-3",
                        r1, header, rows, bom=True)
        rec.add_register("psc-3", [penny, maniza], "co-chair")
        rec.add_register("psc-3", [jeffrey, hariyanto, roza], "speaker")
        rec.add_attend(r1, [late], "late")
        rec.add_attend(r1, excused, "excused")
        # Session 2: the sheet passed round the table, with a Kehadiran column.
        header = ["No", "Nama", "L/P", "Instansi", "Jabatan", "No. HP", "Email", "Kehadiran", "Tanda Tangan"]
        rows = []
        listed = [p for p in psc3 if p not in (mptf[0], komnas[0])] + excused
        for i, p in enumerate(listed, 1):
            status, word = ("excused", "Izin") if p in excused else \
                ("late", "Terlambat") if p is kemensos[1] else ("present", "Hadir")
            name, org = w.name(p, caps=0.1), w.org(p)
            email = w.email(p, chance=1.0 if p is walk_in else 0.5)
            phone = w.phone(p, ["apostrophe", "dash", "plain"], 0.4)
            cells = [str(i), name, GENDER_WORDS["excel"][p.gender], org, p.position, phone, email, word,
                     "" if status == "excused" else "%d." % i]
            rows.append((p, cells, effect(p, name, email, phone, org, None, status)))
        rows.append((None, [str(len(listed) + 1)] + [""] * 8, None))
        rec.import_file("excel-daftar-hadir-psc-3-sesi-2.csv",
                        "Excel daftar hadir (UTF-8 BOM, `;`, title rows, Kehadiran)", "attendance", "psc-3", r2,
                        header, rows, title_rows=["DAFTAR HADIR", "PROGRAMME STEERING COMMITTEE MEETING KE-3",
                                                  "Sesi 2: Programme progress and implementation plan",
                                                  "%s — Diplomacy Cafeteria Meeting Room" % tanggal("2024-01-09")],
                        **EXCEL)
        gone = (maniza, kemenko[2], kemensos[1], late, hariyanto)
        rec.add_attend(r3, [p for p in psc3 if p not in gone])
        rec.add_attend(r3, [hariyanto], "left-early")
        rec.add_action("psc3-a1", "psc-3", "Submit the revised implementation plan and the request for a no-cost "
                       "extension to the Migration MPTF", ["IOM"], "2024-02-29", r2)
        rec.add_action("psc3-a2", "psc-3", "Convene a technical meeting of the line ministries on the GCM National "
                       "Action Plan", ["Kemlu"], "2024-03-31", r3)
        rec.add_action("psc3-a3", "psc-3", "Share the provincial migration governance profiles with Kemendagri for "
                       "regional planning guidance", ["IOM"], "2024-04-30", r3)
        rec.add_decision("psc-3", "The PSC took note of the programme's progress and endorsed the implementation "
                         "plan for 2024.", r2)
        rec.add_decision("psc-3", "The PSC agreed that the remaining outputs be aligned with the national GCM "
                         "action plan.", r3)

    plans.append(("2024-01-09", 0, psc3_run))

    # ============================================================ National Symposium (23 July 2024)
    moderator = undp[0]

    def sym_run():
        rec.add_event("sym-2024", "symposium", "National Symposium: Migration Governance for Sustainable Development",
                      "2024-07-23", venue="Fairmont Hotel", city="Jakarta", timezone="Asia/Jakarta")
        refs = [
            rec.add_session("sym-2024", "Opening and keynote remarks", "2024-07-23 09:00", "2024-07-23 10:00"),
            rec.add_session("sym-2024", "Leveraging innovative financing: a collaborative approach to empowering "
                            "migrant workers", "2024-07-23 10:15", "2024-07-23 11:45", chair=moderator.name),
            rec.add_session("sym-2024", "Localising the GCM: South Sulawesi, Central Java and West Nusa Tenggara",
                            "2024-07-23 13:00", "2024-07-23 14:30"),
            rec.add_session("sym-2024", "Closing: the way forward", "2024-07-23 14:45", "2024-07-23 15:30"),
        ]
        from_psc3 = [penny, kemlu[1], kemlu[3], kemnaker[0], kemnaker[2], bappenas[0], kemenpppa[0], kemenko[1],
                     bp2mi[0], jeffrey, iom[1], iom[2], undp[0], undp[1], unwomen[0], unwomen[1], rco[1], hariyanto,
                     sbmi[1], migrantcare[0]]
        from_provinces = [trainees[pr][k] for pr in PROVINCES for k in (0, 2, 6, 8)]
        registrants = from_psc3 + from_provinces + [gita, emilio] + solidaritas + jbm + ilo + lpsk + sym_extra
        rng.shuffle(registrants)
        header = ["Timestamp", "Email address", "Nama Lengkap", "Jenis Kelamin", "Instansi/Lembaga", "Jabatan",
                  "Kategori", "Nomor WhatsApp", "Provinsi", "Sesi yang akan diikuti",
                  "Saya bersedia data saya digunakan untuk pelaporan program"]
        rows = []
        t = datetime.datetime(2024, 7, 1, 8, 30)
        choices = ["Pembukaan", "Panel 1: Pembiayaan inovatif", "Panel 2: Lokalisasi GCM", "Penutupan"]
        for p in registrants:
            t += datetime.timedelta(minutes=rng.randrange(10, 240))
            email, org = w.email(p, caps=0.08), w.org(p)
            phone = w.phone(p, ["plain", "dash", "intl", "62"], 0.8)
            chosen = ", ".join(c for c in choices if rng.random() < 0.7) or choices[0]
            cells = [google_stamp(t, rng), email, p.name, GENDER_WORDS["google-id"][p.gender], org, p.position or "",
                     STAKEHOLDER_ID[p.stakeholder], phone, p.province or "DKI Jakarta", chosen, "Ya, saya bersedia"]
            rows.append((p, cells, effect(p, p.name, email, phone, org)))
        stamp = rows[5][1][0]
        rows.insert(6, (None, [stamp, "tes@example.org", "Tes", "Laki-laki", "Tes", "", "Lainnya", "", "", "",
                               "Ya, saya bersedia"], None))
        x = sym_no_gender  # gender "X": unreadable, rejected with --skip-invalid
        rows.insert(30, (None, [stamp, x.email, x.name, "X", "Universitas Indonesia", "Mahasiswa", "Akademisi", "",
                                "DKI Jakarta", "Pembukaan", "Ya, saya bersedia"], None))
        x = sym_declined
        rows.insert(50, (None, [stamp, x.email, x.name, "Laki-laki", "PT Arta Migran Digital", "Staf", "Sektor Swasta",
                                "", "DKI Jakarta", "Pembukaan", "Tidak, saya tidak bersedia"], None))
        rec.import_file("google-forms-sym-2024.csv", "Google Forms (UTF-8, `,`, CRLF)", "registrations", "sym-2024",
                        None, header, rows, skip_invalid=True)
        rec.add_register("sym-2024", [penny, gita, emilio], "speaker")
        rec.add_register("sym-2024", [moderator], "facilitator")
        # The opening: the sheet at the registration desk, walk-ins included.
        opening = [p for p in registrants if rng.random() < 0.9] + sym_walkins
        header = ["No", "Nama", "L/P", "Instansi", "Jabatan", "No. HP", "Email", "Tanda Tangan"]
        rows = []
        for i, p in enumerate(opening, 1):
            name, org = w.name(p, caps=0.05), w.org(p)
            email = w.email(p, chance=0.6 if p.pid in rec.stored else 1.0)
            phone = w.phone(p, ["apostrophe", "dash", "plain"], 0.5)
            cells = [str(i), name, GENDER_WORDS["excel"][p.gender], org, p.position or "", phone, email, "%d." % i]
            rows.append((p, cells, effect(p, name, email, phone, org, None, "present")))
        rec.import_file("excel-daftar-hadir-sym-2024-pembukaan.csv", "Excel daftar hadir (UTF-8 BOM, `;`, title rows)",
                        "attendance", "sym-2024", refs[0], header, rows,
                        title_rows=["DAFTAR HADIR", "SIMPOSIUM NASIONAL: TATA KELOLA MIGRASI UNTUK PEMBANGUNAN "
                                    "BERKELANJUTAN", "%s — Fairmont Hotel, Jakarta" % tanggal("2024-07-23")], **EXCEL)
        everyone = [p for p in registrants + sym_walkins if p.pid in rec.registered["sym-2024"]]
        musts = {1: [penny, gita, emilio, moderator], 2: [], 3: [penny, gita]}
        for k, ref in enumerate(refs[1:], 1):
            share = [0.75, 0.7, 0.8][k - 1]
            here = [p for p in everyone if rng.random() < share]
            rec.add_attend(ref, here + [p for p in musts[k] if p not in here])

    plans.append(("2024-07-23", 0, sym_run))

    # ============================================================ Final PSC (25 September 2024)
    def final_run():
        rec.add_event("psc-final", "psc-meeting", "Final Programme Steering Committee meeting", "2024-09-25",
                      venue="Hotel Borobudur", city="Jakarta", timezone="Asia/Jakarta", series="PSC", number=4)
        r1 = rec.add_session("psc-final", "Programme results and lessons learned", "2024-09-25 09:00",
                             "2024-09-25 12:00")
        r2 = rec.add_session("psc-final", "Recommendations and the way forward", "2024-09-25 13:00",
                             "2024-09-25 15:00")
        invited = final_core + final_provincial + final_extra + migrants + beneficiaries
        rng.shuffle(invited)
        walkins = [p for p in invited if p not in beneficiaries][-5:]  # registered at the door after lunch
        registrants = [p for p in invited if p not in walkins]
        not_checked = registrants[:9]  # six completed but not checked in, three pending
        header = ["ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation", "Position",
                  "Phone Number", "Country", "Gender", "Stakeholder group", "Registration date",
                  "Registration state", "Checked in", "Check-in date"]
        rows = []
        t = datetime.datetime(2024, 9, 2, 1, 0)
        for i, p in enumerate(registrants, 1001):
            t += datetime.timedelta(minutes=rng.randrange(5, 240), microseconds=rng.randrange(10**6))
            checked = p not in not_checked
            email, org = w.email(p, caps=0.05), w.org(p)
            phone = w.phone(p, ["spaced", "intl", "plain", "62"], 1.0 if p in beneficiaries else 0.75)
            check_in = "2024-09-25 0%d:%02d:%02d.%06d+00:00" % (
                rng.choice([1, 2]), rng.randrange(60), rng.randrange(60), rng.randrange(10**6)) if checked else ""
            country = "Malaysia" if p.org == "idn-global" and rng.random() < 0.3 else "Indonesia"
            cells = [str(i), p.name, *first_last(p.name), email, org, p.position or "", phone, country,
                     GENDER_WORDS["indico"][p.gender], STAKEHOLDER_EN[p.stakeholder],
                     t.strftime("%Y-%m-%d %H:%M:%S.%f+00:00"), "Pending" if p in not_checked[6:] else "Completed",
                     "Yes" if checked else "No", check_in]
            rows.append((p, cells, effect(p, p.name, email, phone, org, None, "present" if checked else None)))
        for k, (x, state) in enumerate(zip(final_ghosts, ["Withdrawn", "Withdrawn", "Rejected", "Withdrawn"])):
            rows.insert(10 + 40 * k, (None, [str(1300 + k), x.name, *first_last(x.name), x.email,
                                             ["Kemlu", "Universitas Indonesia", "Migrant CARE", "SBMI"][k], "Staf", "",
                                             "Indonesia", GENDER_WORDS["indico"][x.gender], "Civil society / NGO",
                                             "2024-09-10 03:00:00.000000+00:00", state, "No", ""], None))
        rows.insert(77, (None, ["1400", "Test Test", "Test", "Test", "test@example.org", "Test", "", "", "Indonesia",
                                "Male", "Other", "2024-09-11 03:00:00.000000+00:00", "Completed", "No", ""], None))
        # Two people registered twice: the second row is the same person (same e-mail, in capitals).
        for p in (registrants[20], registrants[45]):
            org = w.org(p)
            rows.append((p, [str(1500 + p.pid), p.name, *first_last(p.name), p.email.upper(), org,
                             p.position or "", "", "Indonesia", GENDER_WORDS["indico"][p.gender],
                             STAKEHOLDER_EN[p.stakeholder], "2024-09-20 03:00:00.000000+00:00", "Completed", "Yes",
                             "2024-09-25 02:30:00.000000+00:00"],
                         effect(p, p.name, p.email.upper(), "", org, None, "present")))
        rec.import_file("indico-psc-final.csv", "Indico registrants (UTF-8 BOM, `,`, CRLF, a custom field)",
                        "registrations", "psc-final", r1, header, rows, bom=True)
        # The afternoon sheet: most of the morning, three registrants who missed check-in, five walk-ins.
        afternoon = [p for p in registrants if p not in not_checked and rng.random() < 0.8] + not_checked[:3] + walkins
        header = ["No", "Nama", "L/P", "Instansi", "Jabatan", "No. HP", "Email", "Tanda Tangan"]
        rows = []
        for i, p in enumerate(afternoon, 1):
            name, org = w.name(p, caps=0.05), w.org(p)
            new = p.pid not in rec.stored
            email = w.email(p, chance=1.0 if new else 0.5)
            phone = w.phone(p, ["apostrophe", "dash", "plain"], 1.0 if new else 0.4)
            cells = [str(i), name, GENDER_WORDS["excel"][p.gender], org, p.position or "", phone, email, "%d." % i]
            rows.append((p, cells, effect(p, name, email, phone, org, None, "present")))
        rows.append((None, ["", "", "", "Jakarta, 25 September 2024", "", "", "", ""], None))
        rec.import_file("excel-daftar-hadir-psc-final-sesi-2.csv", "Excel daftar hadir (UTF-8 BOM, `;`, title rows)",
                        "attendance", "psc-final", r2, header, rows,
                        title_rows=["DAFTAR HADIR", "FINAL PROGRAMME STEERING COMMITTEE MEETING",
                                    "Sesi 2: Recommendations and the way forward"], **EXCEL)
        rec.add_register("psc-final", [penny], "co-chair")
        rec.add_register("psc-final", [jeffrey, gita], "speaker")
        for text in ["Appoint a dedicated migration coordinator within the Government.",
                     "Establish a coordination mechanism for whole-of-government and whole-of-society approaches "
                     "to migration governance.",
                     "Continue support for the endorsement of the GCM National Action Plan."]:
            rec.add_decision("psc-final", text, r2)
        rec.add_action("final-a1", "psc-final", "Propose the appointment of a dedicated migration coordinator within "
                       "the Government", ["Kemenko PMK"], "2024-12-31", r2)
        rec.add_action("final-a2", "psc-final", "Draft terms of reference for a whole-of-government and "
                       "whole-of-society coordination mechanism on migration", ["Kemlu"], "2025-03-31", r2)
        rec.add_action("final-a3", "psc-final", "Reflect the coordination mechanism in the implementation of the "
                       "RPJMN 2025–2029", ["Bappenas"], "2025-06-30", r2)
        rec.add_action("final-a4", "psc-final", "Continue technical support for the endorsement of the GCM National "
                       "Action Plan", ["IOM"], "2025-06-30", r2)

    plans.append(("2024-09-25", 0, final_run))
    return people, rec, plans, trainees, beneficiaries, team_of(trainees)


def team_of(trainees):
    """The two trainees of each province who co-facilitate the village meetings after their training."""
    return {pr: [trainees[pr][k] for k in (8, 9)] for pr in PROVINCES}


# MARK: - Outreach: village sign-in sheets

OUTREACH = [
    ("sos-sulsel-01", "Sulawesi Selatan", "2023-02-15", "Desa Bontomarannu", "Kabupaten Gowa"),
    ("sos-jateng-01", "Jawa Tengah", "2023-03-08", "Desa Karangrejo", "Kabupaten Cilacap"),
    ("sos-ntb-01", "Nusa Tenggara Barat", "2023-04-12", "Desa Wanasaba", "Kabupaten Lombok Timur"),
    ("sos-sulsel-02", "Sulawesi Selatan", "2023-06-20", "Desa Tanete", "Kabupaten Bone"),
    ("sos-jateng-02", "Jawa Tengah", "2023-07-25", "Desa Sidomulyo", "Kabupaten Kendal"),
    ("sos-ntb-02", "Nusa Tenggara Barat", "2023-09-13", "Desa Sukadana", "Kabupaten Lombok Tengah"),
    ("sos-sulsel-03", "Sulawesi Selatan", "2023-11-14", "Desa Maccini", "Kabupaten Pinrang"),
    ("sos-jateng-03", "Jawa Tengah", "2023-12-05", "Desa Kalisari", "Kabupaten Brebes"),
    ("sos-ntb-03", "Nusa Tenggara Barat", "2024-03-19", "Desa Labuhan Haji", "Kabupaten Lombok Timur"),
    ("sos-sulsel-04", "Sulawesi Selatan", "2024-05-21", "Desa Allakuang", "Kabupaten Sidenreng Rappang"),
    ("sos-jateng-04", "Jawa Tengah", "2024-06-11", "Desa Kaliwiro", "Kabupaten Wonosobo"),
    ("sos-ntb-04", "Nusa Tenggara Barat", "2024-08-14", "Desa Gerung Utara", "Kabupaten Lombok Barat"),
]
OUTREACH_TITLE = "Sosialisasi Migrasi Aman dan Pencegahan TPPO"
TRAINING_DAY = {"Sulawesi Selatan": "2023-08-22", "Jawa Tengah": "2023-10-17", "Nusa Tenggara Barat": "2024-02-20"}


def outreach_plans(people, rec, beneficiaries, helpers, new_people, new_women):
    """The village meetings: `new_people` people nobody else reached, `new_women` of them
    women, plus repeat visitors, the invited beneficiaries and the trainees who help.
    Their own random stream, so the core events draw the same numbers with or without them."""
    rng = random.Random(SEED + 1)
    w = Writer(rng)
    genders = ["F"] * new_women + ["M"] * (new_people - new_women)
    rng.shuffle(genders)
    genders = [None if g == "M" and rng.random() < 0.004 else g for g in genders]  # L/P left blank
    weights = [rng.uniform(0.8, 1.2) for _ in OUTREACH]
    sizes = [int(new_people * x / sum(weights)) for x in weights]
    for k in range(new_people - sum(sizes)):
        sizes[k % len(sizes)] += 1
    plans, cursor, earlier = [], 0, {pr: [] for pr in PROVINCES}
    for (code, province, day, village, district), size in zip(OUTREACH, sizes):
        group = []
        for gender in genders[cursor:cursor + size]:
            roll, category = rng.random(), VILLAGE_CATEGORIES[-1]
            for entry in VILLAGE_CATEGORIES:
                roll -= entry[1]
                if roll < 0:
                    category = entry
                    break
            position = category[2] if gender == "F" else category[3]
            person = people.generic(rng, gender or "M", province, None, position, email=rng.random() < 0.08,
                                    phone=rng.random() < 0.85, stakeholder=category[0], age=rng.randrange(17, 61))
            person.gender = gender
            group.append(person)
        cursor += size
        mine = [b for b in beneficiaries if b.province == province]
        if code.endswith("-01"):
            group += mine[:2]
        elif code.endswith("-02"):
            group += mine[2:]
        rng.shuffle(group)
        repeats = [p for p in earlier[province] if rng.random() < 0.015]  # back for a second meeting
        earlier[province] += group
        team = helpers[province] if day > TRAINING_DAY[province] else []
        sheet = team + group[:len(group) // 2] + repeats + group[len(group) // 2:]
        plans.append((day, 0, village_sheet(rec, rng, w, code, province, day, village, district, sheet, team,
                                            beneficiaries)))
    return plans


def village_sheet(rec, rng, w, code, province, day, village, district, sheet, team, beneficiaries):
    def run():
        rec.add_event(code, "meeting", "%s — %s, %s" % (OUTREACH_TITLE, village, district), day,
                      venue="Balai %s" % village, city=district.replace("Kabupaten ", "Kab. "),
                      timezone="Asia/Jakarta" if province == "Jawa Tengah" else "Asia/Makassar", lang="id")
        ref = rec.default_session(code)
        header = ["No", "Nama", "L/P", "Usia", "Kategori", "Instansi", "Jabatan", "Peran", "No. HP", "Email",
                  "Tanda Tangan"]
        rows = []
        for number, p in enumerate(sheet, 1):
            again = p.pid in rec.stored
            name, org = w.name(p, caps=0.15), w.org(p)
            phone = w.phone(p, ["plain", "dash", "apostrophe", "nozero"], 1.0 if again or p in beneficiaries else 0.97)
            if phone and not again and p not in team and p not in beneficiaries and rng.random() < 0.01:
                phone = "6.2812E+11"  # Excel ate the digits; the name still tells who it is
            email = w.email(p, chance=0.9)
            category = STAKEHOLDER_ID[p.stakeholder] if p in team else \
                p.stakeholder if p.stakeholder not in STAKEHOLDER_ID else "Purna PMI"
            cells = [str(number), name, GENDER_WORDS["excel"][p.gender], age_on(p, day), category, org,
                     p.position or "", "Fasilitator" if p in team else "Peserta", phone, email, "%d." % number]
            rows.append((p, cells, effect(p, name, email, phone, org, "facilitator" if p in team else None,
                                          "present")))
            if number % 97 == 0:
                rows.append((None, [""] * 11, None))  # a page break left an empty line
        rows += [(None, [str(len(sheet) + k)] + [""] * 10, None) for k in (1, 2)]
        rows.append((None, ["", "JUMLAH: %d orang" % len(sheet)] + [""] * 9, None))
        rows.append((None, ["", "", "", "", "", "", "Mengetahui, Kepala Desa", "", "", "", ""], None))
        rec.import_file("daftar-hadir-%s.csv" % code, "Excel daftar hadir (UTF-8 BOM, `;`, title rows, Kategori)",
                        "attendance", code, ref, header, rows,
                        title_rows=["DAFTAR HADIR", OUTREACH_TITLE.upper(), "Hari/Tanggal: %s" % tanggal(day),
                                    "Tempat: Balai %s, %s, Provinsi %s" % (village, district, province), ""], **EXCEL)
    return run


# MARK: - Putting it together

COUNTED = {"present", "late", "left-early"}


def participants(rec, code=None):
    found = set()
    for ref, marks in rec.marks.items():
        if code is None or ref.split("/")[0] == code:
            found.update(pid for pid, status in marks.items() if status in COUNTED)
    return found


def run_plans(plans):
    for _, _, plan in sorted(plans, key=lambda x: (x[0], x[1])):
        plan()


def generate(reach, women_target):
    # First the core events alone, to learn how many people (and women) they reach ...
    people, rec, plans, _, _, _ = build()
    run_plans(plans)
    core = participants(rec)
    core_women = sum(1 for pid in core if people.all[pid].gender == "F")
    new_people, new_women = reach - len(core), women_target - core_women
    if new_people < 12 * 10 or not 0 <= new_women <= new_people:
        raise SystemExit("--reach %d is too small: the PSC meetings, trainings and symposium alone reach %d people "
                         "(%d women); the village meetings need at least 120 more." % (reach, len(core), core_women))
    # ... then everything, the village meetings making up the difference.
    people, rec, plans, trainees, beneficiaries, helpers = build()
    plans += outreach_plans(people, rec, beneficiaries, helpers, new_people, new_women)
    run_plans(plans)
    if participants(rec) & core != core:
        raise SystemExit("the core events reached other people once the outreach was added")
    return people, rec


def figures(rec, people):
    def stats(code=None):
        who = participants(rec, code)
        orgs = [rec.stored[pid]["org"] for pid in who]
        registered = set()
        for c, regs in rec.registered.items():
            if code is None or c == code:
                registered.update(regs)
        return {
            "registered": len(registered),
            "participants": len(who),
            "women": sum(1 for pid in who if people.all[pid].gender == "F"),
            "attendances": sum(1 for ref, marks in rec.marks.items() if code is None or ref.split("/")[0] == code
                               for status in marks.values() if status in COUNTED),
            "ministries": len({top_of(o) for o in orgs if is_ministry(o)}),
            "organisations": len({top_of(o) for o in orgs if o}),
        }

    events = {code: stats(code) for code in rec.events}
    programme = stats()
    # Matters arising at PSC-3: actions of earlier PSC meetings not done or dropped on its first day.
    start = rec.events["psc-3"]["start"]
    arising = []
    for key, action in rec.actions.items():
        event = rec.events[action["event"]]
        if event.get("series") != "PSC" or event["start"] >= start:
            continue
        before = [status for date, status in sorted(action["updates"]) if date < start]
        if (before[-1] if before else "open") in ("open", "in-progress"):
            arising.append(key)
    ministries = sorted({top_of(rec.stored[pid]["org"]) for pid in participants(rec, "psc-3")
                         if is_ministry(rec.stored[pid]["org"])})
    return events, programme, arising, ministries


# MARK: - Output

SOURCES = [
    "https://indonesia.iom.int/news/indonesian-government-deliberates-program-updates-and-offers-insights-future-mmptf-activities",
    "https://indonesia.iom.int/id/news/pemerintah-indonesia-membahas-kemajuan-program-dan-memberikan-wawasan-untuk-kegiatan-mmptf-di-masa-depan-0",
    "https://indonesia.iom.int/news/migration-governance-programme-concludes-significant-achievements-advancing-global-compact-safe-and-orderly-migration-indonesia",
    "https://indonesia.un.org/en/node/274699",
    "https://voinews.id/index.php/international-news/itemlist/category/2-news?start=224",
    "https://voinews.id/index.php/component/k2/itemlist/category/2-news?start=276",
    "https://koran-jakarta.com/kemlu-tegaskan-pemerintah-ingin-pastikan-wni-bermigrasi-dengan-aman?page=1",
    "https://bappelitbangda.sulselprov.go.id/detailpost/bidang-ppm-bappelitbangda-prov-sulsel-hadiri-simposium-nasional-tata-kelola-migrasi-untuk-pembangunan-berkelanjutan",
]


def document(rec, people):
    events, programme, arising, ministries = figures(rec, people)
    expected = {
        "events": events,
        "programme": {"reach": programme["participants"], "women": programme["women"],
                      "attendances": programme["attendances"], "registered": programme["registered"],
                      "ministries": programme["ministries"], "organisations": programme["organisations"]},
        "psc3_matters_arising": len(arising),
        "psc3_matters_arising_actions": arising,
        "psc3_ministries": [ORGS[k]["spellings"][0] for k in ministries],
    }
    doc = {
        "format": 1,
        "programme": {
            "title": "Migration Governance for Sustainable Development in Indonesia",
            "title_id": "Tata Kelola Migrasi untuk Pembangunan Berkelanjutan di Indonesia",
            "lead": "IOM",
            "partners": ["UNDP", "UN Women"],
            "donor": "Migration Multi-Partner Trust Fund",
            "period": "January 2022 – September 2024",
            "published": {"reach": PUBLISHED_REACH, "women_percent": PUBLISHED_WOMEN_PERCENT,
                          "psc3_participants": 44, "psc3_ministries": 8, "psc_final_participants": 193},
            "sources": SOURCES,
        },
        "steps": rec.steps,
        "expected": expected,
    }
    return doc, events, programme, arising


README = """\
# Demo fixtures: the public record of one UN joint programme

The joint programme **Migration Governance for Sustainable Development in Indonesia**
(*Tata Kelola Migrasi untuk Pembangunan Berkelanjutan di Indonesia*), led by IOM with UNDP and
UN Women and funded by the Migration Multi-Partner Trust Fund, as a secretariat would hold it:
{n_files} form exports and sign-in sheets from {n_events} events, and `programme.json`, the
{n_steps} steps that load them into Convene in order (events, sessions, imports, roles, attendance,
actions with their dated updates, decisions) with the figures Convene should then report.

Everything here is written by `Scripts/make_demo_fixtures.py` (fixed seed, standard library
only; `--reach N` writes a smaller programme). Do not edit the files by hand: change the
script and run it again. `Scripts/verify_demo.py --binary .build/debug/convene` loads the
fixtures into a temporary database with the CLI and compares Convene's statistics with the
expected figures.

This copy was written with `--reach {reach}`.

## What is public, what is invented

**From public sources** (pages found and read; URLs also in `programme.json`):

| fact | source |
|---|---|
| The joint programme, IOM as lead coordinating agency with UNDP and UN Women; PSC-3 on Tuesday 9 January 2024 in the Diplomacy Cafeteria Meeting Room, Ministry of Foreign Affairs; 44 participants from 8 ministries; purpose: progress, the implementation plan and relevance to the national GCM action plan; co-chaired by Penny Dewi Herasati (Director of Socio-Cultural and International Organizations of Developing Countries, Ministry of Foreign Affairs) and Maniza Zaman (UN Resident Coordinator ad interim); Jeffrey Labovitz, IOM Indonesia's Chief of Mission, spoke | [IOM Indonesia, English]({s0}); [Indonesian]({s1}) |
| The final PSC meeting on Wednesday 25 September 2024 in Jakarta, ending a 33-month programme of IOM, UNDP and UN Women at national level and in South Sulawesi, Central Java and West Nusa Tenggara | [IOM Indonesia]({s2}) |
| The National Symposium "Migration Governance for Sustainable Development" in Jakarta on 23 July 2024, marking two years of the programme (Kemlu, UNDP, IOM, UN Women; Migration MPTF) | [UN Indonesia]({s3}) |
| Gita Sabharwal (UN Resident Coordinator) and Penny Dewi Herasati spoke at the symposium | [VOI]({s4}); [VOI]({s5}); [Koran Jakarta]({s6}) |
| The symposium was held at the Fairmont hotel, Senayan | [Bappelitbangda Sulawesi Selatan]({s7}) |

**Given in the brief, not confirmed by a page found here** (the pages above were read only
in part): the speakers Hariyanto (SBMI) and Roza Syofiadewi (Ministry of Home Affairs) at
PSC-3; the final PSC's 193 participants and their groups (ministries and agencies, migrants,
diaspora, local communities, civil society, academia, private sector, trade unions, Komnas
HAM, beneficiaries) and its three recommendations (a dedicated migration coordinator within
government; a coordination mechanism for whole-of-government and whole-of-society approaches;
continued support for the endorsement of the GCM National Action Plan); the symposium session
"Leveraging innovative financing: a collaborative approach to empowering migrant workers" and
its speaker Emilio Bisanto (IDN Global); the start in January 2022 and the planned 30 months;
the programme's reach of 5,149 people, 56% of them women.

**Invented**: everyone else (names, e-mails at `example.org`, phones `0812-000x-xxxx`,
positions); the public figures' contact details; the dates, venues and people of PSC-1 and
PSC-2, the trainings and the village meetings; roles other than those named above; every
action, status update and decision text except the final PSC's three recommendations; the
sessions and their times. The trainings and village meetings stand in for the programme's
capacity building and awareness raising in the three provinces; they are not a record of
real events. The village sheets are sized so that the programme's distinct reach comes to
exactly {reach} people, {women} of them women.

## Files

Rows are the data rows below the header (title rows not counted), rejected rows included.

| file | dialect | imported as | rows |
|---|---|---|---|
{file_rows}

What the files exercise: title rows above the header; blank numbered lines, `JUMLAH` total
rows and footers (rejected); test submissions, `Withdrawn`/`Rejected` registrations,
KoboToolbox's `Not Approved`, a declined consent, a gender `X` (`skip_invalid`); the same
person twice in one file; e-mails in capitals; phones as `0812-…`, `+62 812-…`, `62812…`,
`'0812…`, `812…` and one `6.2812E+11` per few hundred village rows (digits lost, flagged);
people matched across files by e-mail, by phone and first name (`Dr. …, M.Si.` on a form,
plain on a sheet), and by name within the same ministry (`Kemnaker RI` / `Kementerian
Ketenagakerjaan`) or unit (`Kanwil Kemenkumham Sulsel` under Kemenkumham); a namesake
(two people called Muhammad Rizki, at Kemnaker and at Universitas Hasanuddin, kept apart
by their e-mails); organisations spelled as forms write them (`Kemlu`, `KEMLU RI`,
`Kementerian Luar Negeri Republik Indonesia`, `Ministry of Foreign Affairs`, `MoFA`,
`Kemendagri (Ditjen Bina Bangda)`, `Kemnaker (Ditjen Binapenta dan PKK)`,
`Kementerian PPN/Bappenas`, `IOM Indonesia`, `IOM Makassar`, `UN RCO`, `SBMI NTB`,
`UPT BP2MI Sulsel`, `Disnakertrans Prov. NTB`, `Bappeda Kab. Lombok Timur`, …); BP2MI as an
agency (it became the ministry KP2MI only on 21 October 2024); roles from a `Peran` column
(Ketua, Narasumber, Fasilitator) and from `register` steps; attendance from Indico's
`Checked in`, from sheets (with a `Kehadiran` column: Hadir, Terlambat, Izin) and from
`attend` steps (present, late, left early, excused, absent).

`Kemendagri (Ditjen Bina Bangda)` is the only spelling of that directorate in these files,
and directorates are always written *ministry (unit)*, because Convene (as of this writing)
misfiles the other forms:

```sh
convene init && convene event add --code e1 --kind meeting --title E1 --start 2024-01-09
convene org add --name "Ditjen Bina Bangda" --parent Kemendagri --type ministry
printf 'Nama;L/P;Instansi\nAna Satu;P;Kemendagri (Ditjen Bina Bangda)\n' > a.csv
convene import attendance a.csv --session e1/1
convene org list --tree   # "Kemendagri (Ditjen Bina Bangda)  [other]", a new top-level body: 0 ministries
```

The same happens when `Ditjen Bina Bangda` first arrives alone on a sheet. And
`Ditjen Bina Pembangunan Daerah Kemendagri` or `Ditjen Binapenta Kemnaker` (unit words, then
the ministry, no brackets) become new top-level organisations of type `other`; a bracketed
spelling of the same unit imported later is then filed under that organisation too, while
in the opposite order both roll up to the ministry.

## Expected figures

Computed by the generator from its own model of who was marked where (Convene's counting
rules: a participant has at least one present, late or left-early mark; ministries are
top-level bodies that were ministries on the event's date; women among distinct
participants), not by Convene.

| event | kind | date | registered | participants | women | attendances | ministries | organisations |
|---|---|---|---|---|---|---|---|---|
{event_rows}
| **programme** | | 2022–2024 | {p_registered} | **{p_participants}** | **{p_women} ({p_share}%)** | {p_attendances} | {p_ministries} | {p_organisations} |

PSC-3's ministries: {psc3_ministries}. Its matters arising (actions of PSC-1 and PSC-2 not
done on 9 January 2024, by their dated updates): {arising}.
"""


def render_readme(doc, rec, events, programme, arising, reach):
    s = {"s%d" % i: url for i, url in enumerate(SOURCES)}
    file_rows = []
    for name, dialect, code, session, rows in rec.file_info:
        how = "`import attendance --session %s`" % session if name.startswith(("excel", "daftar")) else \
            "`import registrations --event %s%s`" % (code, " --session %s" % session if session else "")
        file_rows.append("| `%s` | %s | %s | %d |" % (name, dialect, how, rows))
    event_rows = []
    for code, event in rec.events.items():
        f = events[code]
        date = event["start"] + ("–" + event["end"][5:] if event.get("end") else "")
        event_rows.append("| `%s` | %s | %s | %d | %d | %d | %d | %d | %d |" % (
            code, event["kind"], date, f["registered"], f["participants"], f["women"], f["attendances"],
            f["ministries"], f["organisations"]))
    return README.format(
        n_files=len(rec.files), n_events=len(rec.events), n_steps=len(rec.steps), reach=reach,
        women=programme["women"], file_rows="\n".join(file_rows), event_rows="\n".join(event_rows),
        p_registered=programme["registered"], p_participants=programme["participants"], p_women=programme["women"],
        p_share="%.1f" % (100.0 * programme["women"] / programme["participants"]),
        p_attendances=programme["attendances"], p_ministries=programme["ministries"],
        p_organisations=programme["organisations"], psc3_ministries=", ".join(doc["expected"]["psc3_ministries"]),
        arising="%d (%s)" % (len(arising), ", ".join(arising)), **s)


def main():
    parser = argparse.ArgumentParser(description="Write Fixtures/demo: the programme's public record as fixtures.")
    parser.add_argument("--reach", type=int, default=PUBLISHED_REACH,
                        help="distinct people the programme reaches (default %d, as published)" % PUBLISHED_REACH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (default Fixtures/demo)")
    args = parser.parse_args()
    women_target = (args.reach * PUBLISHED_WOMEN_PERCENT + 50) // 100  # 56%, rounded half up
    people, rec = generate(args.reach, women_target)
    doc, events, programme, arising = document(rec, people)

    # The published figures hold by construction; say so loudly if a change breaks one.
    checks = [(events["psc-3"]["participants"], 44, "PSC-3 participants"),
              (events["psc-3"]["ministries"], 8, "PSC-3 ministries"),
              (events["psc-final"]["participants"], 193, "final PSC participants"),
              (programme["participants"], args.reach, "reach"), (programme["women"], women_target, "women")]
    for got, want, what in checks:
        if got != want:
            raise SystemExit("%s: %d, not %d" % (what, got, want))

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    wanted = {"programme.json", "README.md"} | set(rec.files)
    for stale in sorted(out.iterdir()):
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
    (out / "programme.json").write_bytes((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    (out / "README.md").write_bytes(render_readme(doc, rec, events, programme, arising, args.reach).encode("utf-8"))
    for name, data in sorted(rec.files.items()):
        (out / name).write_bytes(data)
    print("Wrote %d files to %s: %d people reached (%d women), PSC-3 %d people from %d ministries, final PSC %d."
          % (len(wanted), out, programme["participants"], programme["women"], events["psc-3"]["participants"],
             events["psc-3"]["ministries"], events["psc-final"]["participants"]))


if __name__ == "__main__":
    main()
