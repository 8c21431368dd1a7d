"""Pages per second of `read_document` on a generated 60-page official-layout PDF.

    python benchmarks/bench_parse.py [--pages 60] [--repeat 3] [--real]

Prints a figure, not a pass/fail: the aim is >= 20 pages/s on the 2-core build machine.
`--real` also times the CSRD PDF in ../shared/real when it is there.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from codecheck.documents.read import read_document  # noqa: E402
from parse_fixtures import build_long_pdf  # noqa: E402


def _time(path: Path, repeat: int) -> tuple[float, int, int]:
    best = float("inf")
    pages = units = 0
    for _ in range(repeat):
        start = time.perf_counter()
        code = read_document(path)
        best = min(best, time.perf_counter() - start)
        units = len(code.provisions)
        pages = max((p for prov in code.provisions for p in prov.pages), default=0)
    return best, pages, units


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--real", action="store_true", help="also time ../shared/real/csrd-2022-2464-en.pdf")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = build_long_pdf(Path(tmp) / "long.pdf", pages=args.pages)
        seconds, pages, units = _time(path, args.repeat)
        rate = pages / seconds
        print(f"generated PDF: {pages} pages, {units} units, best of {args.repeat}: "
              f"{seconds:.2f} s -> {rate:.1f} pages/s (aim >= 20)")
    if args.real:
        real = ROOT.parent / "shared" / "real" / "csrd-2022-2464-en.pdf"
        if real.is_file():
            seconds, _, units = _time(real, args.repeat)
            import pypdf

            n = len(pypdf.PdfReader(str(real)).pages)
            print(f"CSRD PDF: {n} pages, {units} units: {seconds:.2f} s -> {n / seconds:.1f} pages/s")
        else:
            print("CSRD PDF not found; skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
