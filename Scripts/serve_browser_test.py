#!/usr/bin/env python3
"""Drives the real `convene serve` pages in headless Chromium at a phone's size: code entry
(a wrong one, then the right one), the session list, an accent-free search, a mark, a walk-in,
and the counts updating while another phone marks through the API. Saves a PNG of every
screen (full page) and checks the database afterwards: each mark once, method web, marked by
the facilitator.

Needs Debian's chromium and chromium-driver and Selenium from PyPI (.ci/run installs them).

Usage: Scripts/serve_browser_test.py [--binary PATH] [--out DIR]   (PNGs: .artifacts/serve/ by default)
"""
import base64
import http.cookiejar
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from harness_common import ROOT, convene_binary, parser_with_common_options, run

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    sys.exit("selenium is missing: pip install selenium (and apt-get install chromium chromium-driver)")

PHONE = {"width": 390, "height": 844, "pixelRatio": 2}


def seed(binary, db):
    run(binary, db, "init")
    run(binary, db, "org", "add", "--name", "Serikat Buruh Migran Indonesia", "--acronym", "SBMI", "--type",
        "civil-society")
    run(binary, db, "org", "add", "--name", "Kementerian Luar Negeri", "--acronym", "Kemlu", "--type", "ministry")
    run(binary, db, "event", "add", "--code", "psc-final", "--kind", "psc-meeting", "--series", "PSC", "--number", "5",
        "--title", "Final Programme Steering Committee meeting", "--start", "2024-09-25", "--city", "Jakarta")
    run(binary, db, "session", "add", "--event", "psc-final", "--title", "Opening and results", "--start", "09:00",
        "--end", "10:30")
    run(binary, db, "session", "add", "--event", "psc-final", "--title", "Sustainability plan", "--start", "11:00",
        "--end", "12:30")
    people = [
        ("Siti Aminah", "P", "Kemlu", "siti@example.org", "0812-3456-7890"),
        ("Budi Santoso", "L", "SBMI", "budi@example.org", None),
        ("Rosé Manurung", "P", "SBMI", "rose@example.org", None),
        ("Rosa Simanjuntak", "P", "Kemlu", "rosa@example.org", None),
        ("Ahmad Fauzi", "L", "Kemlu", "ahmad@example.org", None),
    ]
    for name, gender, org, email, phone in people:
        args = ["participant", "add", "--name", name, "--gender", gender, "--org", org, "--email", email,
                "--stakeholder", "civil-society" if org == "SBMI" else "government-national"]
        if phone:
            args += ["--phone", phone]
        run(binary, db, *args)
    run(binary, db, "register", "--event", "psc-final", *[p[3] for p in people])


def start_server(binary, db):
    process = subprocess.Popen([binary, "--db", db, "serve", "--event", "psc-final", "--host", "127.0.0.1",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = code = None
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (url and code):
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip())
        if match := re.match(r"Serving \S+ on (http://\S+)", line):
            url = match.group(1)
        if match := re.match(r"Facilitator code: (\d{4}-\d{4})", line):
            code = match.group(1)
    if not (url and code):
        process.kill()
        sys.exit("convene serve did not start: " + "\n".join(lines) + process.stderr.read())
    log = []
    threading.Thread(target=lambda: log.extend(l.rstrip() for l in process.stdout), daemon=True).start()
    return process, url, code, lines, log


def screenshot(driver, path):
    """The whole page, as tall as it is, at the phone's width."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))


class API:
    """A second phone using the JSON API, with its own cookie."""

    def __init__(self, url, code):
        self.url = url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.csrf = self.call("POST", "/api/v1/login", {"code": code, "name": "Second phone"})["csrf"]

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.url + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Content-Type": "application/json",
                                                  **({"X-CSRF-Token": self.csrf} if hasattr(self, "csrf") else {})})
        with self.opener.open(request, timeout=10) as response:
            return json.loads(response.read() or b"null")


def main():
    parser = parser_with_common_options(__doc__)
    parser.add_argument("--out", default=os.path.join(ROOT, ".artifacts", "serve"))
    args = parser.parse_args()
    binary = convene_binary(args.binary, args.release, serve=True)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="convene-browser-")
    db = os.path.join(work, "convene.sqlite")
    checks = []

    def check(condition, what):
        checks.append((bool(condition), what))
        print(("ok    " if condition else "FAIL  ") + what, flush=True)

    seed(binary, db)
    process, url, code, startup, log = start_server(binary, db)
    print("\n".join(startup))
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={PHONE['width']},{PHONE['height']}"]:
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": PHONE,
        "userAgent": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                     "Chrome/120.0 Mobile Safari/537.36"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or
                                                                "/usr/bin/chromedriver"))
    shot = lambda name: screenshot(driver, os.path.join(args.out, name))
    wait = WebDriverWait(driver, 10)

    def replaced(element):
        """Whether the page holding `element` is gone. While the new page replaces it,
        chromedriver may answer "Node with given id does not belong to the document" instead
        of the stale-element error `staleness_of` expects: that means gone too."""
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise

    def loads(action):
        """Runs an action that submits a form or follows a link, and waits for the new page."""
        old = driver.find_element(By.TAG_NAME, "html")
        action()
        wait.until(lambda _: replaced(old))
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    try:
        # A phone opens the address: the code form, nothing else
        driver.get(url + "/sessions/1")
        check(driver.current_url.endswith("/login"), "without the code, a session page sends the phone to the code form")
        shot("01-code.png")

        # A wrong code is refused, and says so
        driver.find_element(By.NAME, "code").send_keys("1111-2222")
        driver.find_element(By.NAME, "name").send_keys("Ani")
        loads(lambda: driver.find_element(By.CSS_SELECTOR, "button.primary").click())
        check("That is not the facilitator code" in driver.find_element(By.CSS_SELECTOR, ".error").text,
              "a wrong code shows the refusal")
        shot("02-wrong-code.png")

        # The right code: the sessions
        driver.find_element(By.NAME, "code").send_keys(code)
        loads(lambda: driver.find_element(By.CSS_SELECTOR, "button.primary").click())
        wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".sessions")))
        check("psc-final/2" in driver.page_source, "the right code shows the event's sessions")
        cookie = driver.get_cookie("convene_session")
        check(cookie and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict",
              "the session cookie is HttpOnly and SameSite=Strict")
        shot("03-sessions.png")

        # A session: its counts, a search without accents
        loads(lambda: driver.find_element(By.PARTIAL_LINK_TEXT, "Opening and results").click())
        check(driver.find_element(By.ID, "present").text == "0" and driver.find_element(By.ID, "registered").text == "5",
              "the session page shows 0 / 5 present")
        shot("04-session.png")
        box = driver.find_element(By.NAME, "q")
        box.send_keys("ROSE")
        loads(box.submit)
        names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".person .who b")]
        check(names == ["Rosé Manurung"], f"searching ROSE finds Rosé Manurung only (found {names})")
        check("rose@example.org" not in driver.page_source, "no e-mail on the page")
        shot("05-search.png")

        # Tap Present
        loads(lambda: driver.find_element(By.CSS_SELECTOR, ".person button[value=present]").click())
        check("Rosé Manurung: present." in driver.find_element(By.CSS_SELECTOR, ".notice").text, "the mark is confirmed")
        check(driver.find_element(By.ID, "present").text == "1" and driver.find_element(By.ID, "women").text == "1",
              "the counts say 1 present, 1 woman")
        check("current" in driver.find_element(By.CSS_SELECTOR, ".person button[value=present]").get_attribute("class"),
              "Present is shown as the current mark")
        shot("06-marked.png")

        # A phone tail finds Siti; tap Late
        box = driver.find_element(By.NAME, "q")
        box.clear()
        box.send_keys("7890")
        loads(box.submit)
        loads(lambda: driver.find_element(By.CSS_SELECTOR, ".person button[value=late]").click())
        check("Siti Aminah: late." in driver.find_element(By.CSS_SELECTOR, ".notice").text, "a phone tail finds Siti, marked late")

        # A walk-in in one form
        driver.find_element(By.CSS_SELECTOR, "details summary").click()
        form = driver.find_element(By.CSS_SELECTOR, "form[action$=walk-in]")
        form.find_element(By.NAME, "name").send_keys("Wayan Sudarsana")
        form.find_element(By.CSS_SELECTOR, "select[name=gender] option[value=male]").click()
        form.find_element(By.NAME, "organisation").send_keys("SBMI")
        form.find_element(By.CSS_SELECTOR, "select[name=stakeholder] option[value=migrant-or-diaspora]").click()
        shot("07-walk-in-form.png")
        loads(lambda: form.find_element(By.CSS_SELECTOR, "button.primary").click())
        check("Wayan Sudarsana added as a walk-in and marked present." in
              driver.find_element(By.CSS_SELECTOR, ".notice").text, "the walk-in is added and marked")
        check(driver.find_element(By.ID, "registered").text == "6", "the walk-in is registered: 6 registered")
        shot("08-walk-in.png")

        # Another phone marks two people; the counts here follow without a reload
        other = API(url, code)
        for query in ["budi", "ahmad"]:
            person = other.call("GET", f"/api/v1/sessions/1/people?q={query}")[0]
            other.call("POST", "/api/v1/sessions/1/marks", {"participant": person["id"], "status": "present"})
        try:
            WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "present").text == "5")
            live = True
        except Exception:
            live = False
        check(live, "the counts update live to 5 present while another phone marks")
        shot("09-live-counts.png")

        # Signing out ends the session
        loads(lambda: driver.find_element(By.CSS_SELECTOR, "header button").click())
        driver.get(url + "/")
        check(driver.current_url.endswith("/login"), "after signing out the code is asked again")
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=10)

    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT p.fullName, a.status, a.method, a.markedBy FROM attendance a JOIN participant p ON p.id = a.participantId"
            " ORDER BY p.fullName").fetchall()
    check(len(rows) == 5, f"five marks stored ({len(rows)})")
    check(all(method == "web" for _, _, method, _ in rows), "every mark has method web")
    check(sum(1 for _, _, _, by in rows if by and by.startswith("Ani (web-")) == 3,
          "the three marks made in the browser are marked by Ani")
    check(not any("Ros" in line or "Siti" in line or "Wayan" in line for line in log),
          "the access log names nobody")
    print("\naccess log:\n  " + "\n  ".join(log))
    shutil.rmtree(work, ignore_errors=True)
    failed = sum(1 for ok, _ in checks if not ok)
    print(f"\nbrowser test: {len(checks) - failed} passed, {failed} failed (screenshots in {args.out})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
