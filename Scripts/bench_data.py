"""Seeded data for Scripts/benchmark.py: people, a Google Forms registration export, Excel
sign-in sheets (daftar hadir) and the programme of events they are marked at.

Everything is a pure function of the seed and a person's index, so the same scale always
writes the same bytes, and a person can be written again (a repeat row, a sign-in sheet)
without keeping the pool in memory. Stdlib only.
"""
import bisect
import csv
import functools
import io
import itertools

MASK = (1 << 64) - 1

# Names common enough that people at one body share a name now and then (about 2% of the rows
# at 10k, 8% at 100k: a ministry sends thousands), so the import's namesake path is exercised
# without dominating.
FIRST = ["Siti", "Budi", "Ayu", "Rina", "Agus", "Dewi", "Ahmad", "Nur", "Putu", "Wayan", "Lalu", "Baiq", "Made",
         "Fajar", "Lina", "Hendra", "Sri", "Eko", "Yuli", "Andi", "Ketut", "Ratna", "Dian", "Rudi", "Wahyu", "Indah",
         "Muhammad", "Fitri", "Joko", "Ani", "Bambang", "Citra", "Dodi", "Erna", "Farida", "Gita", "Hadi", "Irma",
         "Jamal", "Kiki", "Lukman", "Maya", "Nanda", "Oki", "Pipit", "Rahmat", "Sinta", "Taufik", "Umi", "Vina",
         "Wawan", "Yanti", "Zainal", "Asri", "Bagus", "Cahya", "Dimas", "Endah", "Fikri", "Gilang"]
MIDDLE = ["", "", "", "", "Nur", "Dwi", "Tri", "Eka", "Putri", "Adi", "Sari", "Ayu", "Rahmat", "Budi", "Indra", "Wati"]
LAST = ["Aminah", "Santoso", "Lestari", "Wulandari", "Salim", "Kartika", "Fauzi", "Hidayah", "Wirawan", "Kurnia",
        "Gunawan", "Permata", "Saputra", "Rahayu", "Susanto", "Hasanah", "Pratama", "Setiawan", "Handayani",
        "Nugroho", "Siregar", "Simanjuntak", "Daeng", "Mahmud", "Yusuf", "Hakim", "Irawan", "Jayadi", "Kusuma",
        "Lubis", "Marpaung", "Nasution", "Oktaviani", "Purnama", "Rangkuti", "Sembiring", "Tambunan", "Utami",
        "Wijaya", "Yulianti", "Zulkarnain", "Anggraini", "Budiman", "Chandra", "Damanik", "Effendi", "Firmansyah",
        "Ginting", "Harahap", "Iskandar", "Junaidi", "Kristanti", "Latif", "Mulyadi", "Novitasari", "Pohan",
        "Ramadhan", "Sulistyo", "Tanjung", "Wahyudi"]
POSITIONS = ["Staf", "Analis Kebijakan", "Kepala Seksi", "Kepala Bidang", "Koordinator", "Peneliti", "Dosen",
             "Pendamping Desa", "Kader", "Ketua", "Sekretaris", "Pekerja Migran Purna", "Jurnalis", "Konsultan", ""]
PROVINCES = ["Nusa Tenggara Barat", "Jawa Tengah", "Sulawesi Selatan", "DKI Jakarta", "Jawa Timur", "Jawa Barat",
             "Nusa Tenggara Timur", "Bali", "Lampung", "Kalimantan Barat"]
# The answers a form's closed questions get, with what they mean (the floor's SQL maps them the same way).
GENDERS = [("Perempuan", "female", 52), ("Laki-laki", "male", 45), ("Lainnya", "other", 1),
           ("Tidak ingin menyebutkan", "undisclosed", 2)]
SHEET_GENDER = {"female": "P", "male": "L", "other": "Lainnya", "undisclosed": ""}
STAKEHOLDERS = [("Pemerintah Pusat", "government-national", 22), ("Pemerintah Daerah", "government-subnational", 20),
                ("Masyarakat Sipil", "civil-society", 18), ("Pekerja Migran", "migrant-or-diaspora", 20),
                ("Akademisi", "academia", 7), ("Badan PBB", "un-agency", 5), ("Sektor Swasta", "private-sector", 3),
                ("Serikat Pekerja", "trade-union", 3), ("Media", "media", 2)]
# Organisations as people type them: ministries and their units (directorates, regional
# offices), agencies, UN bodies, civil society, universities, and many local offices.
NATIONAL_ORGS = [
    ("Kementerian Luar Negeri", 6), ("Kemlu", 4), ("Direktorat Sosial Budaya dan OINB", 2),
    ("Kementerian Ketenagakerjaan", 6), ("Kemnaker (Ditjen Binapenta)", 2), ("Kemnaker", 3),
    ("Kementerian Hukum dan Hak Asasi Manusia", 3), ("Kanim Makassar (Kemenkumham)", 2),
    ("Kanwil Kemenkumham Sulawesi Selatan", 1), ("BP2MI", 6), ("UPT BP2MI Jawa Timur", 2), ("KP2MI", 2),
    ("Kementerian PPN/Bappenas", 2), ("Kementerian Dalam Negeri", 3), ("Kemendagri (Ditjen Bina Bangda)", 1),
    ("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", 2), ("Kementerian Sosial", 2), ("BPS", 1),
    ("Komnas HAM", 1), ("Komnas Perempuan", 1), ("IOM", 4), ("IOM Makassar", 2), ("UNDP", 2), ("UN Women", 2),
    ("SBMI", 6), ("SBMI NTB", 3), ("Migrant CARE", 3), ("Universitas Mataram", 2), ("Universitas Hasanuddin", 2),
    ("Universitas Diponegoro", 1),
]
LOCAL_KINDS = ["Dinas Tenaga Kerja dan Transmigrasi", "Bappeda", "Dinas Sosial", "DP3A", "Pemerintah Desa"]
DISTRICTS = ["Lombok Timur", "Lombok Tengah", "Lombok Barat", "Sumbawa", "Bima", "Dompu", "Cilacap", "Kendal",
             "Brebes", "Banyumas", "Kebumen", "Wonosobo", "Bone", "Gowa", "Maros", "Pinrang", "Wajo", "Sidrap",
             "Indramayu", "Cirebon", "Karawang", "Malang", "Blitar", "Tulungagung", "Ponorogo"]
LOCAL_ORGS = [f"{kind} Kabupaten {district}" for kind in LOCAL_KINDS for district in DISTRICTS]
PRIVATE_ORGS = [f"PT {a} {b}" for a in ("Maju", "Sinar", "Karya", "Bumi") for b in ("Jaya", "Abadi", "Sejahtera")]
ATTENDANCE_WORDS = [("hadir", "present", 88), ("terlambat", "late", 5), ("pulang awal", "left-early", 3),
                    ("izin", "excused", 2), ("tidak hadir", "absent", 2)]

REGISTRATION_HEADER = ["Timestamp", "Email address", "Nama Lengkap", "Jenis Kelamin", "Usia", "Instansi/Lembaga",
                       "Jabatan", "Kategori", "Nomor WhatsApp", "Provinsi",
                       "Saya bersedia data saya digunakan untuk pelaporan program"]
SHEET_HEADER = ["No", "Nama", "L/P", "Instansi", "Jabatan", "No. HP", "Email", "Kehadiran", "Tanda Tangan"]


def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return x, z ^ (z >> 31)


class Draw:
    """A small deterministic stream of numbers for one key (a person, an event)."""

    def __init__(self, seed, *key):
        state = seed & MASK
        for part in key:
            state, _ = splitmix(state ^ (hash_text(part) if isinstance(part, str) else part))
        self.state = state

    def next(self):
        self.state, value = splitmix(self.state)
        return value

    def below(self, n):
        return self.next() % n

    def unit(self):
        return (self.next() >> 11) / float(1 << 53)

    def weighted(self, choices):
        total = sum(choice[-1] for choice in choices)
        pick = self.below(total)
        for choice in choices:
            pick -= choice[-1]
            if pick < 0:
                return choice
        return choices[-1]

    def choice(self, items):
        return items[self.below(len(items))]


@functools.lru_cache(maxsize=None)
def hash_text(text):
    value = 1469598103934665603
    for byte in text.encode():
        value = ((value ^ byte) * 1099511628211) & MASK
    return value


def mix(x):
    """splitmix64's finaliser: one well-mixed 64-bit number for `x`."""
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Weighted:
    """Picks from (…, weight) choices with a number: the cumulative table searched once."""

    def __init__(self, choices):
        self.choices = choices
        self.bounds = list(itertools.accumulate(choice[-1] for choice in choices))
        self.total = self.bounds[-1]

    def pick(self, number):
        return self.choices[bisect.bisect_right(self.bounds, number % self.total)]


GENDER_PICK, STAKEHOLDER_PICK, ORG_PICK = Weighted(GENDERS), Weighted(STAKEHOLDERS), Weighted(NATIONAL_ORGS)
ATTENDANCE_PICK = Weighted(ATTENDANCE_WORDS)


class Person:
    """Person `index` of pool `pool` (different pools never share an e-mail)."""
    __slots__ = ("index", "name", "gender_answer", "gender", "age", "organisation", "position", "stakeholder_answer",
                 "stakeholder", "phone", "email", "province")

    def __init__(self, seed, pool, index):
        key = (seed ^ hash_text(pool)) + index * 0x2545F4914F6CDD1D
        a, b = mix(key), mix(key + 1)
        a, first = divmod(a, len(FIRST))
        a, middle = divmod(a, len(MIDDLE))
        a, last = divmod(a, len(LAST))
        a, age = divmod(a, 50)
        a, position = divmod(a, len(POSITIONS))
        a, province = divmod(a, len(PROVINCES))
        first, middle, last = FIRST[first], MIDDLE[middle], LAST[last]
        self.index = index
        self.name = f"{first} {middle} {last}" if middle else f"{first} {last}"
        self.gender_answer, self.gender, _ = GENDER_PICK.pick(a)
        self.age = 18 + age
        self.position = POSITIONS[position]
        self.province = PROVINCES[province]
        b, roll = divmod(b, 100)
        self.stakeholder_answer, self.stakeholder, _ = STAKEHOLDER_PICK.pick(b & 0xFFFF)
        b >>= 16
        if roll < 55:
            self.organisation = ORG_PICK.pick(b)[0]
        elif roll < 90:
            self.organisation = LOCAL_ORGS[b % len(LOCAL_ORGS)]
        elif roll < 96:
            self.organisation = PRIVATE_ORGS[b % len(PRIVATE_ORGS)]
        else:
            self.organisation = ""
        self.phone = f"08{1_100_000_000 + (index * 7919 + hash_text(pool)) % 8_800_000_000}"
        self.email = f"{first}.{last}.{pool}{index}@example.org".lower()


@functools.lru_cache(maxsize=4)
def pool_of(seed, pool, size):
    """The first `size` people of a pool, made once: sign-in sheets name them again and again."""
    return [Person(seed, pool, index) for index in range(size)]


# MARK: - Registration export (Google Forms: comma, LF, minimal quoting, as Google Sheets downloads it)

def registration_rows(count, seed, pool, prior=0, prior_share=0.05, repeat_share=0.05):
    """`count` rows as a form collects them: about `prior_share` from people already in the
    database (pool indexes below `prior`), `repeat_share` people submitting twice, the rest
    new people numbered from `prior` up. Yields (person index, is a resubmission)."""
    draw = Draw(seed, pool, "rows", count)
    next_new = prior
    first_new = prior
    for _ in range(count):
        roll = draw.unit()
        if prior and roll < prior_share:
            yield draw.below(prior), False
        elif next_new > first_new and roll < prior_share + repeat_share:
            yield first_new + draw.below(next_new - first_new), True
        else:
            yield next_new, False
            next_new += 1


def write_registrations(path, seed, pool, rows, day="8/7/2024", people=None):
    """Writes a Google Forms export of `rows` (person index, resubmission) to `path`;
    `people`, when given, holds the pool's people already made."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REGISTRATION_HEADER)
        for number, (index, again) in enumerate(rows):
            person = people[index] if people is not None else Person(seed, pool, index)
            seconds = number % 36000
            email = person.email.upper() if again and index % 3 == 0 else person.email
            writer.writerow([f"{day} {8 + seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}", email,
                             person.name, person.gender_answer, str(person.age), person.organisation,
                             person.position, person.stakeholder_answer, person.phone, person.province,
                             "Ya, saya bersedia"])


# MARK: - Sign-in sheets (Excel "daftar hadir": BOM, semicolons, CRLF, title rows above the header)

def write_sheet(path, title, day, entries):
    """`entries`: (Person, attendance word, with e-mail) in the order people signed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    blank = [""] * (len(SHEET_HEADER) - 1)
    writer.writerow(["DAFTAR HADIR", *blank])
    writer.writerow([title.upper(), *blank])
    writer.writerow([f"Hari/Tanggal: {day}", *blank])
    writer.writerow(["", *blank])
    writer.writerow(SHEET_HEADER)
    for number, (person, word, with_email) in enumerate(entries, 1):
        writer.writerow([str(number), person.name, SHEET_GENDER[person.gender], person.organisation, person.position,
                         person.phone, person.email if with_email else "", word, ""])
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        handle.write(buffer.getvalue())


# MARK: - The programme: events, their sessions, who signed each sheet

class Event:
    def __init__(self, code, kind, title, date, sessions, attendees):
        self.code, self.kind, self.title, self.date = code, kind, title, date
        self.sessions = sessions
        self.attendees = attendees


KINDS = [("symposium", "Simposium Nasional Migrasi Aman"), ("training", "Pelatihan Tata Kelola Migrasi"),
         ("workshop", "Lokakarya Perlindungan Pekerja Migran"), ("meeting", "Sosialisasi Migrasi Aman"),
         ("psc-meeting", "Rapat Komite Pengarah Program")]


def programme(seed, people, target_marks, events=40, most_sessions=6):
    """Events from June 2022 to mid 2025 (so ministries change type on their dates), sized so
    that their sheets hold about `target_marks` marks of people from a pool of `people`."""
    draw = Draw(seed, "programme")
    shapes = []
    for number in range(events):
        sessions = 1 + draw.below(most_sessions)
        share = 0.02 + 0.14 * draw.unit()
        shapes.append((sessions, share))
    expected = sum(sessions * share * people * 0.8 for sessions, share in shapes)
    factor = target_marks / expected
    result = []
    for number, (sessions, share) in enumerate(shapes):
        kind, title = KINDS[number % len(KINDS)]
        day = 15 + number * (1_100 // events)  # from mid June 2022 to mid 2025
        year, month, dom = date_after(2022, 6, 1, day)
        size = max(2, min(people, round(share * factor * people)))
        result.append(Event(f"ev-{number + 1:02d}", kind, f"{title} {number + 1}", f"{year}-{month:02d}-{dom:02d}",
                            sessions, size))
    return result


def date_after(year, month, day, days):
    import datetime
    value = datetime.date(year, month, day) + datetime.timedelta(days=days)
    return value.year, value.month, value.day


def sheet_entries(seed, event, session, people, pool, walk_in_pool, walk_ins):
    """The marks of one session: a fixed set of people per event (sampled from the pool without
    repeats), about 80% of them on each session's sheet, a few walk-ins new to the database.
    Yields (Person, word, with e-mail)."""
    draw = Draw(seed, event.code, "members")
    # A deterministic sample of `event.attendees` distinct people: a stride through the pool.
    start = draw.below(people)
    stride = coprime_stride(draw, people)
    sheet = Draw(seed, event.code, session)
    for k in range(event.attendees):
        if sheet.unit() >= 0.8:
            continue
        index = (start + k * stride) % people
        word = ATTENDANCE_PICK.pick(sheet.next())[0]
        yield pool_of(seed, pool, people)[index], word, sheet.below(100) >= 3  # a few signed with a phone only
    for k in range(walk_ins):
        yield Person(seed, walk_in_pool, hash_text(f"{event.code}/{session}/{k}") % 10_000_000), "hadir", True


def coprime_stride(draw, n):
    import math
    while True:
        stride = 1 + draw.below(max(1, n - 1))
        if math.gcd(stride, n) == 1:
            return stride
