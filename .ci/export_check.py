"""Loads the committed export (reports/data/) with independent tools and checks it:

1. `frictionless validate datapackage.json` passes (types, required values, allowed values,
   primary and foreign keys of every table) — run by .ci/run before this script;
2. DuckDB reads the CSVs, and the parties bound by each treaty on the export's as-of date are
   exactly those `treatywatch status TREATY --format json` reports bound;
3. claimreview.jsonld is JSON-LD (expanded by PyLD, with schema.org's vocabulary given
   locally: this machine has no network), and every ClaimReview has the fields Google's
   fact-check markup requires (claimReviewed, reviewRating with alternateName, url) and the
   ones it recommends (author, datePublished, itemReviewed as a Claim with author,
   datePublished and appearance).

Usage: python export_check.py EXPORT_DIR TREATYWATCH_BINARY DATA_DIR
"""

import json
import pathlib
import subprocess
import sys

import duckdb
from pyld import jsonld


def fail(message):
    print("FAIL", message)
    sys.exit(1)


def bound_by_duckdb(export):
    db = duckdb.connect()
    rows = db.execute(
        "SELECT treaty, actor FROM read_csv(?, header = true, all_varchar = true) "
        "WHERE bound = 'yes' ORDER BY treaty, actor",
        [str(export / "parties.csv")],
    ).fetchall()
    treaties = [r[0] for r in db.execute(
        "SELECT id FROM read_csv(?, header = true, all_varchar = true) ORDER BY id",
        [str(export / "treaties.csv")],
    ).fetchall()]
    bound = {t: set() for t in treaties}
    for treaty, actor in rows:
        bound[treaty].add(actor)
    return bound


def bound_by_treatywatch(binary, data, treaties, as_of):
    bound = {}
    for treaty in treaties:
        out = subprocess.run(
            [binary, "status", treaty, "--data", data, "--as-of", as_of, "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout
        bound[treaty] = {p["actor"] for p in json.loads(out)["parties"] if p["bound"] == "yes"}
    return bound


def check_claimreviews(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("@context") != "https://schema.org":
        fail("claimreview.jsonld: @context is not https://schema.org")

    def loader(url, options=None):
        if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
            raise ValueError(f"unexpected remote context {url}")
        return {"contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}

    expanded = jsonld.expand(document, {"documentLoader": loader,
                                        "base": "https://example.org/reports/data/"})
    reviews = document["@graph"]
    if len(expanded) != len(reviews):
        fail(f"claimreview.jsonld: {len(reviews)} reviews, {len(expanded)} after expansion")
    ids = set()
    for review in reviews:
        where = review.get("@id", "?")
        need = lambda ok, what: ok or fail(f"{where}: {what}")
        need(review.get("@type") == "ClaimReview", "@type ClaimReview")
        need(review.get("@id") and review["@id"] not in ids, "a unique @id")
        ids.add(review["@id"])
        need(isinstance(review.get("claimReviewed"), str) and review["claimReviewed"], "claimReviewed")
        need(isinstance(review.get("url"), str) and review["url"], "url")
        rating = review.get("reviewRating") or {}
        need(rating.get("@type") == "Rating" and rating.get("alternateName"),
             "reviewRating with alternateName")
        need(review.get("author", {}).get("name"), "author")
        need(review.get("datePublished"), "datePublished")
        item = review.get("itemReviewed") or {}
        need(item.get("@type") == "Claim", "itemReviewed is a Claim")
        need(item.get("author", {}).get("name"), "itemReviewed.author")
        need(item.get("datePublished"), "itemReviewed.datePublished")
        need(item.get("appearance"), "itemReviewed.appearance")
    return len(reviews)


def main(export, binary, data):
    export = pathlib.Path(export)
    package = json.loads((export / "datapackage.json").read_text(encoding="utf-8"))
    as_of = package["version"]
    ours = bound_by_duckdb(export)
    theirs = bound_by_treatywatch(binary, data, sorted(ours), as_of)
    for treaty in sorted(ours):
        if ours[treaty] != theirs[treaty]:
            fail(f"{treaty} on {as_of}: DuckDB on parties.csv says bound {sorted(ours[treaty])}, "
                 f"treatywatch status says {sorted(theirs[treaty])}")
    reviews = check_claimreviews(export / "claimreview.jsonld")
    pairs = sum(len(b) for b in ours.values())
    if pairs == 0:
        fail(f"no party is bound by any treaty on {as_of}: nothing was compared")
    print(f"PASS: the {pairs} bound (treaty, party) pairs of {len(ours)} treaties on {as_of} agree "
          f"between DuckDB and `treatywatch status`; {reviews} ClaimReviews with every required "
          f"field")


if __name__ == "__main__":
    main(*sys.argv[1:4])
