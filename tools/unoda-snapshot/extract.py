#!/usr/bin/env python3
"""Turns SurvivalScores.org's daily snapshot of UNODA's treaties database into depositary
tables that `treatywatch import depositary` reads: one CSV per treaty (NPT, CTBT), one row per
act, with the snapshot's repository, commit and the retrieval date in its header.

Where the data comes from. UNODA (the UN Office for Disarmament Affairs) publishes its
Disarmament Treaties Database (https://treaties.unoda.org/) through a GraphQL service. The
public repository arthuredelstein/survivalscores.org reads that service every day
(`disarmament.js`) and publishes, on its `gh-pages` branch, `timeline.html`: every act as a
table row with its date, the state's flag (its ISO 3166-1 alpha-2 code as regional-indicator
letters), and a sentence ("Austria ratified the Non-Proliferation Treaty."). This script reads
that file from a clone of the repository at a given commit, so the extract can be made again
and compared byte for byte.

Known traits of the snapshot (see the import's notes in data/treaties/npt.yaml and ctbt.yaml):
- one date per state and act; the depositary is not named (the `depositary` column is empty);
- predecessor states are folded into their successors' flags (the Soviet Union's 1968
  signature appears as Russia's);
- dates are converted through a JavaScript `Date`, so a day may be shifted: a date that falls
  on a Saturday or Sunday, when depositaries rarely receive instruments, gets a note.

ISO 3166-1 alpha-3 codes come from pycountry (PyPI), the Debian iso-codes data: the flag gives
the alpha-2 code and pycountry the alpha-3. Nothing is typed in by hand.

Usage:
    git clone --branch gh-pages https://github.com/arthuredelstein/survivalscores.org SNAP
    python3 -m venv venv && venv/bin/pip install -r tools/unoda-snapshot/requirements.txt
    venv/bin/python tools/unoda-snapshot/extract.py --git-dir SNAP/.git --commit COMMIT \
        --retrieved YYYY-MM-DD --out tools/unoda-snapshot
"""

from __future__ import annotations

import argparse
import csv
import datetime
import html
import html.parser
import io
import os
import subprocess
import sys
import tempfile

import pycountry

REPOSITORY = "https://github.com/arthuredelstein/survivalscores.org"
TREATIES = {
    # file stem: (the logo's alt text in the snapshot, the treaty's name in its sentences)
    "npt": ("Non-Proliferation Treaty logo", "the Non-Proliferation Treaty"),
    "ctbt": ("Comprehensive Nuclear-Test-Ban Treaty logo", "the Comprehensive Nuclear-Test-Ban Treaty"),
}
# The sentence's verb, to the `action` column's word (what `import depositary` reads).
VERBS = [
    ("signed", "Signatory"),
    ("ratified", "Ratification"),
    ("accepted", "Acceptance"),
    ("approved", "Approval"),
    ("acceded to", "Accession"),
    ("succeeded to", "Succession"),
    ("succeeded", "Succession"),
    ("withdrew from", "Withdrawal"),
]


class Rows(html.parser.HTMLParser):
    """Every row of the timeline table: its cells' text and the alt text of images in them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, str]]] = []
        self.row: list[tuple[str, str]] | None = None
        self.cell: list[str] | None = None
        self.alt = ""

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell, self.alt = [], ""
        elif tag == "img" and self.cell is not None:
            self.alt += dict(attrs).get("alt") or ""

    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row.append(("".join(self.cell).strip(), self.alt))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def alpha2(flag: str) -> str:
    """A flag's regional-indicator letters as the ISO 3166-1 alpha-2 code they spell."""
    letters = [chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag if 0x1F1E6 <= ord(c) <= 0x1F1FF]
    if len(letters) != 2:
        raise ValueError(f"not a flag: {flag!r}")
    return "".join(letters)


def parse_sentence(sentence: str, treaty_words: str) -> tuple[str, str]:
    """ "Austria ratified the Non-Proliferation Treaty." -> ("Austria", "Ratification")."""
    for verb, action in VERBS:
        marker = f" {verb} {treaty_words}"
        if marker in sentence:
            return sentence.split(marker)[0], action
    raise ValueError(f"unknown sentence: {sentence!r}")


def weekend_note(date: str) -> str:
    day = datetime.date.fromisoformat(date)
    if day.weekday() >= 5:
        name = day.strftime("%A")
        return (
            f"The snapshot of UNODA's database dates this act {date}, a {name}, when depositaries "
            "rarely receive instruments; the snapshot converts dates through a time zone, so the "
            "day may be one off. Check it against the depositary's own record."
        )
    return ""


def extract(page: str) -> dict[str, list[dict[str, str]]]:
    parser = Rows()
    parser.feed(page)
    tables: dict[str, list[dict[str, str]]] = {stem: [] for stem in TREATIES}
    for row in parser.rows:
        if len(row) != 5:
            continue
        (date, _), (flag, _), _, (_, logo), (sentence, _) = row
        for stem, (alt, words) in TREATIES.items():
            if logo != alt:
                continue
            datetime.date.fromisoformat(date)
            state, action = parse_sentence(html.unescape(sentence), words)
            code = alpha2(flag)
            country = pycountry.countries.get(alpha_2=code)
            if country is None:
                raise ValueError(f"{date} {state}: no ISO 3166-1 country for {code}")
            tables[stem].append(
                {
                    "date": date,
                    "state": state,
                    "action": action,
                    "depositary": "",
                    "iso3166": country.alpha_3,
                    "note": weekend_note(date),
                }
            )
    for rows in tables.values():
        rows.sort(key=lambda r: (r["date"], r["state"], r["action"]))
    return tables


def write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(path) or "."
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="utf-8", newline="") as f:
        f.write(text)
        temporary = f.name
    os.replace(temporary, path)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--git-dir", required=True, help="a clone of the snapshot's repository")
    args.add_argument("--commit", required=True, help="the gh-pages commit to read")
    args.add_argument("--retrieved", required=True, help="the day the clone was made (YYYY-MM-DD)")
    args.add_argument("--out", required=True, help="the folder to write npt.csv and ctbt.csv to")
    a = args.parse_args()
    commit = subprocess.run(
        ["git", f"--git-dir={a.git_dir}", "rev-parse", "--verify", f"{a.commit}^{{commit}}"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    committed = subprocess.run(
        ["git", f"--git-dir={a.git_dir}", "show", "-s", "--format=%cs", commit],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    page = subprocess.run(
        ["git", f"--git-dir={a.git_dir}", "show", f"{commit}:timeline.html"],
        check=True, capture_output=True, text=True,
    ).stdout
    datetime.date.fromisoformat(a.retrieved)
    for stem, rows in extract(page).items():
        out = io.StringIO()
        out.write(
            f"# UNODA Disarmament Treaties Database ({stem.upper()}), as snapshot by "
            f"SurvivalScores.org\n"
            f"# repository: {REPOSITORY} (branch gh-pages, file timeline.html)\n"
            f"# commit: {commit} (committed {committed})\n"
            f"# retrieved: {a.retrieved}\n"
            f"# made by: tools/unoda-snapshot/extract.py with pycountry {pycountry_version()}\n"
            f"# rows: {len(rows)}; the depositary is not named in the snapshot\n"
        )
        writer = csv.DictWriter(
            out,
            fieldnames=["date", "state", "action", "depositary", "iso3166", "note"],
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
        write_atomic(os.path.join(a.out, f"{stem}.csv"), out.getvalue())
        print(f"{stem}: {len(rows)} rows", file=sys.stderr)
    return 0


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    sys.exit(main())
