"""The recitals of an EU act, from your copy, as a corpus file codecheck reads.

    python tools/recitals.py DOCUMENT OUT.yaml [--lang en|nl|fr]

codecheck's parser reads an act's articles and leaves its recitals out (they give reasons;
they ask nothing). Recitals are still useful to measure matching on official text in
several languages: they are paragraphs of 10 to 700 words, numbered (1), (2) ... at a
line start or after a full stop, between the opening formula ("Whereas:", "Overwegende
hetgeen volgt:", "considérant ce qui suit:") and the enacting formula ("HAVE ADOPTED THIS
...", "HEBBEN DE VOLGENDE ...", "ONT ADOPTÉ ..."). This writes them as provisions
"Recital 1", "Recital 2" ... of a corpus file (README, "Accuracy"), so a labelled file can
name them by id and read their text from your copy at run time (`source:` or `evaluate
--source`). The text is the act's: write OUT outside the repository, or at the path the
label files in tests/data/real/ name, which git ignores. Footnote calls such as "( 3 )"
are dropped; a reference such as "point (3)" stays. The numbering must run 1, 2, 3 ...:
a gap is an error, so no recital is lost silently.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OPENINGS = {
    "en": r"\bWhereas\s*:",
    "nl": r"\bOverwegende hetgeen volgt\s*:",
    "fr": r"\b[Cc]onsidérant ce qui suit\s*:",
}
ENACTING = {
    "en": r"\bHA(?:VE|S) ADOPTED TH",
    "nl": r"\bHEBBEN DE VOLGENDE|\bHEEFT DE VOLGENDE",
    "fr": r"\bONT ADOPTÉ|\bA ADOPTÉ",
}
FOOTNOTE_CALL = re.compile(r"\s*\(\s+\d+\s+\)(?=[\s.,;:])")  # "( 3 )"; "(3)" is a reference


# "(n)" opens a recital at a line start or after a sentence ends, not inside one ("point (3) of")
MARK = re.compile(r"(?:^|(?<=\n)|(?<=[.:;]\s))\s*\((\d+)\)\s")


class RecitalError(Exception):
    pass


def document_text(path: Path) -> str:
    """The text of a PDF, Word, Markdown or plain-text file, a line per line, as codecheck
    reads it (`read_lines`: E1xx errors for a missing, empty or broken file)."""
    from codecheck.documents.read import read_lines

    return "\n".join(line.text for line in read_lines(path)[0])


def recitals(text: str, lang: str) -> dict[int, str]:
    """Recital number -> its text, white space collapsed and footnote calls dropped."""
    opening = re.search(OPENINGS[lang], text)
    if opening is None:
        raise RecitalError(f"no opening formula ({OPENINGS[lang]}) found: is this an EU act in '{lang}'?")
    enacting = re.compile(ENACTING[lang]).search(text, opening.end())
    if enacting is None:
        raise RecitalError(f"no enacting formula ({ENACTING[lang]}) after the recitals")
    body = text[opening.end() : enacting.start()]
    marks: list[tuple[int, int]] = []  # start of "(n)", end of "(n) ", for n = 1, 2, ...
    for found in MARK.finditer(body):
        number = int(found.group(1))
        if number == len(marks) + 1:
            marks.append((found.start(), found.end()))
        elif number > len(marks) + 1 and marks:
            raise RecitalError(f"the recitals stop at ({len(marks)}) and ({number}) follows: "
                               f"recital ({len(marks) + 1}) is missing or unreadable in this copy")
    if not marks:
        raise RecitalError("no recital (1) after the opening formula")
    ends = [start for start, _ in marks[1:]] + [len(body)]
    return {n: FOOTNOTE_CALL.sub("", " ".join(body[end:stop].split()))
            for n, ((_, end), stop) in enumerate(zip(marks, ends), 1)}


def corpus(path: Path, text: str, lang: str) -> dict:
    """The corpus-file mapping of the recitals in `text`, the act read from `path`."""
    found = recitals(text, lang)
    return {
        "code": {
            "id": f"{path.stem}-recitals",
            "title": f"Recitals of {path.name}",
            "language": lang,
            "kind": "file",
            "note": f"written by tools/recitals.py from {path.name}; not for the repository",
        },
        "provisions": [{"id": f"Recital {n}", "kind": "provision", "text": found[n]} for n in sorted(found)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("document", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--lang", choices=sorted(OPENINGS))
    args = ap.parse_args(argv)
    import yaml

    from codecheck.documents.language import detect_language
    from codecheck.errors import CodecheckError

    if not args.document.is_file():
        print(f"recitals: {args.document} is not a file", file=sys.stderr)
        return 2
    try:
        text = document_text(args.document)
        data = corpus(args.document, text, args.lang or detect_language(text))
    except CodecheckError as exc:
        print(f"recitals: {exc}", file=sys.stderr)
        return 2
    except RecitalError as exc:
        print(f"recitals: {args.document}: {exc}", file=sys.stderr)
        return 2
    args.out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf8")
    print(f"{len(data['provisions'])} recitals written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
