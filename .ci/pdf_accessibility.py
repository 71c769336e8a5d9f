"""Checks the structure that PDF/UA-1 and PDF/A-2a ask of reports/briefing.pdf, with pikepdf:
what the two installed validators (outloud, pdfua) do not look at, or look at only in part.

- PDF/A-2: XMP `pdfaid:part` 2 with conformance A, an sRGB output intent, no encryption,
  every font embedded;
- PDF/UA-1: a structure tree, `MarkInfo/Marked`, the document language, a title shown in
  the viewer's title bar, XMP `pdfuaid:part` 1, alternative text on every Figure, a
  description on every link;
- bookmarks: one for every heading of the structure tree (every section and subsection).

Usage: python pdf_accessibility.py FILE.pdf   (exit 0: all hold; 1: the failures are listed)
"""

import sys

import pikepdf


def structure(root):
    """Every element of the structure tree, depth first, each once."""
    seen = set()
    stack = [root.get("/StructTreeRoot")]
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(reversed(list(kids)))
        elif kids is not None:
            stack.append(kids)


def outline_count(pdf):
    with pdf.open_outline() as outline:
        count = 0
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            count += 1
            stack.extend(item.children)
        return count


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    meta = pdf.open_metadata()
    failures = []

    def need(ok, what):
        if not ok:
            failures.append(what)

    need(meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "A",
         "XMP pdfaid: PDF/A-2a")
    need(any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i
             for i in root.get("/OutputIntents", [])), "PDF/A output intent with an ICC profile")
    need("/Encrypt" not in pdf.trailer, "not encrypted")
    for page in pdf.pages:
        for name, font in page.obj.get("/Resources", {}).get("/Font", {}).items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            if font.get("/Subtype") != "/Type3":
                need(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                     f"font {font.get('/BaseFont')} embedded")

    need("/StructTreeRoot" in root, "a structure tree (tagged PDF)")
    need(bool(root.get("/MarkInfo", {}).get("/Marked")), "MarkInfo/Marked true")
    need(str(root.get("/Lang", "")).startswith("en"), "document language set (en)")
    need(bool(meta.get("dc:title")), "a title in the XMP metadata")
    need(bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")), "DisplayDocTitle true")
    need(meta.get("pdfuaid:part") == "1", "XMP pdfuaid:part 1 (claims PDF/UA-1)")

    headings = 0
    figures = 0
    for element in structure(root):
        kind = str(element.get("/S", ""))
        if kind == "/Figure":
            figures += 1
            need("/Alt" in element or "/ActualText" in element, "alternative text on every Figure")
        if kind in ("/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
            headings += 1
    need(figures > 0, "the timeline charts are tagged as Figures")
    bookmarks = outline_count(pdf)
    need(headings > 0 and bookmarks == headings,
         f"a bookmark for every heading ({bookmarks} bookmarks, {headings} headings)")

    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                need("/Contents" in annot, "a description (/Contents) on every link")

    for f in sorted(set(failures)):
        print("FAIL", f)
    if not failures:
        print(f"PASS: PDF/A-2a and PDF/UA-1 structure; {headings} headings, {bookmarks} "
              f"bookmarks, {figures} figures with alternative text")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
