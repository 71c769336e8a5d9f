"""Recompiles reports/briefing.typ with an independent Typst (the `typst` wheel from PyPI,
0.15.x) and checks that it gives the same document as `treatywatch report`: the same number
of pages and the same text on each page (the bytes may differ between Typst builds).

Usage: python typst_recompile.py REPORTS_DIR
"""

import pathlib
import re
import sys

import pypdf
import typst


def pages(pdf: bytes) -> list[str]:
    import io

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in reader.pages]


def main() -> int:
    reports = pathlib.Path(sys.argv[1])
    ours = pages((reports / "briefing.pdf").read_bytes())
    theirs = pages(
        typst.compile(
            str(reports / "briefing.typ"),
            root=str(reports),
            ignore_system_fonts=True,
            # As README tells readers to: the same standards as ours, which Typst checks
            # (a figure without alternative text, a missing title or language are errors).
            pdf_standards=["a-2a", "ua-1"],
        )
    )
    print(f"treatywatch: {len(ours)} pages; typst {typst.__version__}: {len(theirs)} pages")
    if len(ours) != len(theirs):
        print("the page counts differ")
        return 1
    for number, (a, b) in enumerate(zip(ours, theirs), start=1):
        if a != b:
            print(f"page {number} differs:\n  ours:   {a[:300]}\n  theirs: {b[:300]}")
            return 1
    print("the recompiled briefing has the same pages and text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
