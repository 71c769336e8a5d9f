"""(One file of some 400 lines: every check shares one browser and one served site.)

The site as its readers and their tools meet it, checked in a real browser and by real
validators. Run by .ci/run; every tool comes from the package registries (Debian's chromium,
chromium-driver and default-jre-headless; PyPI's selenium and feedparser; npm's axe-core and
vnu-jar), and nothing is downloaded while it runs: Selenium is given /usr/bin/chromedriver,
Chromium starts with background networking off, and any request to another host fails the
check.

    site_check.py TREATYWATCH DATA HOSTILE_DATA NODE_MODULES OUT

builds the site of DATA and of HOSTILE_DATA with TREATYWATCH (`site --base-url` the local
server), serves each over HTTP on 127.0.0.1 and checks:

1. every page loads with no console error, no failed request, no request to another host,
   and runs no script from the data (`window.__pwned` stays unset on the hostile site, whose
   strings are shown as text);
2. every internal link leads to a file of the site and, with a fragment, to an element with
   that id;
3. axe-core finds no serious or critical accessibility violation on any page;
4. the Nu HTML checker (vnu) reports no error on any page;
5. each claim page with a verdict has exactly one ClaimReview JSON-LD block, with the fields
   fact-checkers' tools read (absolute url = the page, claimReviewed of at most 75
   characters, reviewRating with alternateName and, for the ordered verdicts, ratingValue on
   1-4), the same object as the export's claimreview.jsonld; a claim without a verdict has
   none;
6. the treaty page's date field gives, for many dates, the same status, standing, bound and
   last act for every party as `treatywatch status --as-of`;
7. search finds the START II claim; over file:// the pages read and search says it needs
   the local server;
8. the Atom feeds parse (feedparser, no error) with unique, stable entry ids;
9. screenshots of the index, a treaty page and a claim page at desktop and phone widths
   are written to OUT for a person to look at.
"""

import contextlib
import functools
import html.parser
import http.server
import json
import os
import pathlib
import subprocess
import sys
import threading
import time
import urllib.parse

import feedparser
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

FAILURES = []

# Debian's chromium and chromium-driver; on GitHub's runners, their preinstalled Chrome and
# its driver (CHROMEWEBDRIVER). Never a driver Selenium would download.
CHROME = os.environ.get("CHROME_BINARY") or next(
    (p for p in ["/usr/bin/chromium", "/usr/bin/google-chrome"] if os.path.exists(p)), "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER") or next(
    (p for p in ["/usr/bin/chromedriver",
                 os.path.join(os.environ.get("CHROMEWEBDRIVER", "/nonexistent"), "chromedriver")]
     if os.path.exists(p)), "/usr/bin/chromedriver")


def fail(message):
    FAILURES.append(message)
    print(f"FAIL: {message}", flush=True)


class Links(html.parser.HTMLParser):
    """The ids, links and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.jsonld = set(), [], []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if key in attrs and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[key])
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def parse(path):
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@contextlib.contextmanager
def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".atom": "application/atom+xml", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def build(binary, data, out, base):
    subprocess.run([binary, "site", "--data", str(data), "--out", str(out), "--base-url", base],
                   check=True, stdout=subprocess.DEVNULL)


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-extensions", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
                "--disable-domain-reliability", "--window-size=1280,900"]:
        options.add_argument(arg)
    options.binary_location = CHROME
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER),
                            options=options)


def requests_of(driver, origin):
    """The failed requests and those to another host since the last call."""
    problems = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not (url.startswith(origin) or url.startswith("data:") or url.startswith("file:")):
                problems.append(f"a request to another host: {url}")
        elif method == "Network.loadingFailed":
            problems.append(f"a failed request: {params.get('errorText')} ({params.get('type')})")
        elif method == "Network.responseReceived":
            status = params["response"]["status"]
            if status >= 400:
                problems.append(f"HTTP {status} for {params['response']['url']}")
    return problems


def console_errors(driver):
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def load(driver, url):
    driver.get(url)
    for _ in range(100):
        if driver.execute_script("return document.readyState") == "complete":
            return
        time.sleep(0.05)


def check_pages(driver, site, origin, axe_source, hostile):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    driver.get_log("browser")
    driver.get_log("performance")
    serious = 0
    for page in pages:
        load(driver, origin + page)
        for problem in requests_of(driver, origin) + console_errors(driver):
            fail(f"{page}: {problem}")
        pwned = driver.execute_script("return window.__pwned")
        if pwned is not None:
            fail(f"{page}: a script from the data ran ({pwned!r})")
        driver.execute_script(axe_source)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
        for v in result:
            if v.get("impact") in ("serious", "critical"):
                serious += 1
                targets = [n.get("target") for n in v.get("nodes", [])][:3]
                fail(f"{page}: axe {v['impact']} {v['id']}: {v['help']} {targets}")
        driver.get_log("browser")
    if hostile:
        load(driver, origin + "claims/c1.html")
        text = driver.execute_script("return document.body.innerText")
        for shown in ["<script>window.__pwned='summary'</script>",
                      "</script><script>window.__pwned='headline'</script>"]:
            if shown not in text:
                fail(f"hostile claims/c1.html: {shown!r} is not shown as text")
    print(f"{len(pages)} pages loaded in Chromium: console, requests, scripts and axe-core "
          f"({serious} serious or critical violations)", flush=True)
    return pages


def check_links(site, pages):
    parsed = {p: parse(site / p) for p in pages}
    broken = 0
    for page, p in parsed.items():
        for link in p.links:
            url = urllib.parse.urlsplit(link)
            if url.scheme or url.netloc:
                continue
            target = urllib.parse.urljoin("/" + page, url.path).lstrip("/") if url.path else page
            if not (site / target).is_file():
                broken += 1
                fail(f"{page}: a link to {link}, which is not a file of the site")
                continue
            if url.fragment and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else parse(site / target).ids
                if url.fragment not in ids:
                    broken += 1
                    fail(f"{page}: a link to {link}, whose page has no id {url.fragment}")
    print(f"internal links of {len(pages)} pages: {broken} broken", flush=True)
    return parsed


def check_vnu(site, node_modules):
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--skip-non-html", str(site)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        for line in (run.stderr + run.stdout).splitlines()[:40]:
            fail(f"vnu: {line}")
    else:
        print(f"the Nu HTML checker: no error in {site}", flush=True)


def check_claimreviews(site, parsed, origin, binary, data, export):
    subprocess.run([binary, "export", "--data", str(data), "--out", str(export),
                    "--base-url", origin], check=True, stdout=subprocess.DEVNULL)
    exported = {r["url"]: r for r in json.loads((export / "claimreview.jsonld").read_text())["@graph"]}
    reviews = 0
    for page, p in parsed.items():
        if not page.startswith("claims/"):
            continue
        claim = page.removeprefix("claims/").removesuffix(".html")
        blocks = [json.loads(b) for b in p.jsonld]
        assessed = "Not assessed:" not in (site / page).read_text(encoding="utf-8")
        if not assessed:
            if blocks:
                fail(f"{page}: a claim without a verdict has a ClaimReview")
            continue
        if len(blocks) != 1:
            fail(f"{page}: {len(blocks)} JSON-LD blocks, not one")
            continue
        r = blocks[0]
        need = lambda ok, what: ok or fail(f"{page}: ClaimReview {what}")
        need(r.get("@context") == "https://schema.org", "@context is schema.org")
        need(r.get("@type") == "ClaimReview", "@type is ClaimReview")
        need(r.get("url") == origin + page, f"url is the page's own ({r.get('url')})")
        statement = r.get("claimReviewed")
        need(isinstance(statement, str) and 0 < len(statement) <= 75, "claimReviewed of 1-75 characters")
        rating = r.get("reviewRating") or {}
        need(rating.get("@type") == "Rating" and rating.get("alternateName"), "a Rating with alternateName")
        ordered = {"inaccurate": 1, "misleading": 2, "mostly-accurate": 3, "accurate": 4}
        verdict = rating.get("alternateName")
        if verdict in ordered:
            need(rating.get("ratingValue") == ordered[verdict] and rating.get("worstRating") == 1
                 and rating.get("bestRating") == 4, f"ratingValue {ordered[verdict]} on 1-4")
        else:
            need("ratingValue" not in rating and "bestRating" not in rating,
                 f"no ratingValue for {verdict}")
        need(r.get("datePublished"), "datePublished")
        need((r.get("author") or {}).get("name"), "author")
        item = r.get("itemReviewed") or {}
        need(item.get("@type") == "Claim", "itemReviewed is a Claim")
        need((item.get("author") or {}).get("name"), "itemReviewed.author")
        need(item.get("datePublished"), "itemReviewed.datePublished")
        need(item.get("appearance") and item.get("firstAppearance"), "appearance and firstAppearance")
        same = dict(r)
        same.pop("@context", None)
        need(exported.get(r.get("url")) == same, "the same object as the export's claimreview.jsonld")
        reviews += 1
    if reviews != len(exported):
        fail(f"{reviews} ClaimReviews in the pages, {len(exported)} in the export")
    print(f"{reviews} ClaimReviews: one per assessed claim page, every field, the export's objects",
          flush=True)


def check_dates(driver, site, origin, binary, data):
    dates = ["1968-07-01", "1970-03-05", "1975-01-01", "1987-12-08", "1988-06-01", "1991-12-26",
             "1992-01-01", "1995-05-01", "1996-09-24", "2002-06-14", "2009-12-05", "2011-02-05",
             "2019-02-02", "2019-08-02", "2023-11-02", "2026-02-05"]
    compared = 0
    for page in sorted((site / "treaties").glob("*.html")):
        treaty = page.stem
        load(driver, f"{origin}treaties/{treaty}.html")
        for day in dates:
            shown = driver.execute_script(
                "const input = document.getElementById('as-of');"
                "input.value = arguments[0];"
                "input.dispatchEvent(new Event('change'));"
                "return {treaty: document.getElementById('treaty-status').textContent,"
                " rows: Array.from(document.querySelectorAll('#parties tbody tr')).map(r => ["
                " r.querySelector('th a').getAttribute('href').split('/').pop().replace('.html', ''),"
                " r.querySelector('.standing').textContent, r.querySelector('.bound').textContent,"
                " r.querySelector('.last').textContent])};", day)
            cli = json.loads(subprocess.run(
                [binary, "status", treaty, "--data", str(data), "--as-of", day, "--format", "json"],
                check=True, capture_output=True, text=True).stdout)
            if shown["treaty"] != cli["status"]:
                fail(f"{treaty} on {day}: the page says {shown['treaty']!r}, status {cli['status']!r}")
            # Each row by the party its first cell names (the table is sorted by name).
            expected = sorted([p["actor"], p["standing"], p["bound"],
                               f"{p['last_act']['action']} {p['last_act']['date']}" if p["last_act"] else "\u2014"]
                              for p in cli["parties"])
            rows = sorted(shown["rows"])
            if rows != expected:
                wrong = [(e, s) for e, s in zip(expected, rows) if e != s][:3]
                fail(f"{treaty} on {day}: the page's rows differ from `status`: {wrong}")
            compared += len(expected)
        if console_errors(driver):
            fail(f"treaties/{treaty}.html: console errors while changing the date")
    print(f"the date field: {compared} party rows on {len(dates)} dates equal `treatywatch status`",
          flush=True)


def check_search(driver, site, origin):
    load(driver, origin + "index.html")
    box = driver.find_element("id", "search")
    box.click()
    box.send_keys("START II")
    found = []
    for _ in range(50):
        found = driver.execute_script(
            "return Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))")
        if found:
            break
        time.sleep(0.1)
    if "claims/lendman-2019-02-03-start-ii-in-force.html" not in found:
        fail(f"search for START II: the START II claim is not among {found}")
    driver.get((site / "index.html").resolve().as_uri())
    box = driver.find_element("id", "search")
    box.click()
    box.send_keys("x")
    status = driver.find_element("id", "search-status").text
    if "http.server" not in status:
        fail(f"over file:// search does not say it needs the local server: {status!r}")
    if not driver.find_elements("css selector", "a[href='treaties/npt.html']"):
        fail("over file:// the index does not link to the treaties")
    driver.get_log("browser")
    print(f"search: START II found over HTTP; over file:// it says: {status}", flush=True)


def check_feeds(site):
    feeds = sorted(site.rglob("*.atom"))
    entries = 0
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        if feed.bozo:
            fail(f"{path.name}: feedparser: {feed.bozo_exception}")
        ids = [e.id for e in feed.entries]
        if len(ids) != len(set(ids)):
            fail(f"{path.name}: entry ids are not unique")
        if not feed.feed.get("updated"):
            fail(f"{path.name}: no updated")
        entries += len(ids)
    print(f"{len(feeds)} Atom feeds parse, {entries} entries with unique ids", flush=True)


def screenshots(driver, origin, out):
    out.mkdir(parents=True, exist_ok=True)
    # The NPT's parties on 1 May 1995 (the date field, from the address), scrolled to them.
    for name, page, scroll in [("index", "index.html", None),
                               ("treaty", "treaties/npt.html#on=1995-05-01", "on-a-date"),
                               ("claim", "claims/lendman-2019-02-03-start-ii-in-force.html", None)]:
        for width, height, kind in [(1280, 900, "desktop"), (390, 844, "phone")]:
            driver.set_window_size(width, height)
            load(driver, origin + page)
            if scroll:
                driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", scroll)
            driver.save_screenshot(str(out / f"{name}-{kind}.png"))
    driver.set_window_size(1280, 900)
    print(f"screenshots in {out}", flush=True)


def main(binary, data, hostile_data, node_modules, out):
    out, node_modules = pathlib.Path(out), pathlib.Path(node_modules)
    axe_source = (node_modules / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    driver = browser()
    try:
        for name, source in [("hostile", hostile_data), ("bundled", data)]:
            site = out / f"site-{name}"
            site.mkdir(parents=True, exist_ok=True)
            # The site is built for the server's address, so its ClaimReview URLs are its own.
            with serve(site) as origin:
                build(binary, source, site, origin)
                pages = check_pages(driver, site, origin, axe_source, name == "hostile")
                parsed = check_links(site, pages)
                check_vnu(site, node_modules)
                check_claimreviews(site, parsed, origin, binary, source, out / f"export-{name}")
                check_feeds(site)
                if name == "bundled":
                    check_dates(driver, site, origin, binary, source)
                    check_search(driver, site, origin)
                    screenshots(driver, origin, out / "screenshots")
    finally:
        driver.quit()
    if FAILURES:
        print(f"{len(FAILURES)} failures")
        sys.exit(1)
    print("PASS: the site in Chromium, axe-core, the Nu checker, ClaimReview, the date field, "
          "search and the feeds")


if __name__ == "__main__":
    main(*sys.argv[1:])
