"""The gap report: what `analyse` returns and every format it is written in.

`Report` holds the analysis (codes, catalogue, coverage, burden). Its JSON form,
`Report.to_dict()`, is the single source every other format is rendered from, so the
HTML, Markdown, CSV and DataFrame views can never disagree with report.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..model import Catalogue, Code, Coverage

FORMATS = ("json", "html", "md", "csv")


@dataclass(frozen=True)
class Report:
    codes: tuple[Code, ...]
    catalogue: Catalogue
    coverages: Mapping[tuple[str, str], Coverage]
    burden: Any  # codecheck.burden.BurdenAssessment
    params: Mapping[str, float | str] = field(default_factory=dict)
    budget: float | None = None
    target: float | None = None
    generated_at: str = ""
    hints: Mapping[str, tuple] | None = None  # code id -> ((provision id, learned Hint), ...), when asked for
    learned_check: bool = False  # True: the learned reader could set evidence aside

    def coverage(self, requirement_id: str, code_id: str) -> Coverage:
        """How code `code_id` covers requirement `requirement_id`."""
        return self.coverages[(requirement_id, code_id)]

    def coverage_index(self, code_id: str) -> float:
        return self._dict["summary"][code_id]["coverage_index"]

    @cached_property
    def _dict(self) -> dict:
        from .build import build_report_dict

        return build_report_dict(self)

    def to_dict(self) -> dict:
        """report.json as a dict (a fresh copy you may change)."""
        from .build import _copy

        return _copy(self._dict)

    def to_json(self) -> str:
        from .render import render_json

        return render_json(self._dict)

    def to_markdown(self) -> str:
        from .render import render_markdown

        return render_markdown(self._dict)

    def to_html(self) -> str:
        from .html import render_html

        return render_html(self._dict)

    def to_csv(self) -> str:
        from .render import render_csv

        return render_csv(self._dict)

    def to_frame(self, table: str = "coverage"):
        """A pandas DataFrame of one of the report's tables (needs pandas:
        `pip install codecheck[notebook]`):

        - "coverage": one row per requirement × code, the columns of coverage.csv;
        - "evidence": one row per piece of evidence (provision, sentence, span, terms,
          element, strength, addressee), and per piece the learned reader set aside;
        - "frontier": one row per amendment package on each code's frontier (coverage
          index against added burden).
        """
        from .render import TABLES
        from .._optional import require

        if table not in TABLES:
            from ..errors import UsageError

            raise UsageError("E007", f"no report table {table!r}; the tables are {', '.join(TABLES)}")
        rows, columns = TABLES[table]
        pd = require("pandas")
        return pd.DataFrame(rows(self._dict), columns=list(columns))

    def write(self, out_dir: str | Path, formats: Iterable[str] = FORMATS) -> list[Path]:
        """Write the report files into `out_dir`, replacing an earlier report atomically."""
        from .write import write_report

        return write_report(self, Path(out_dir), tuple(formats))

    def _repr_html_(self) -> str:
        from .html import render_summary_table

        return render_summary_table(self._dict)

    def __repr__(self) -> str:
        codes = ", ".join(c.id for c in self.codes)
        return f"<Report: {len(self.catalogue.requirements)} requirements × codes {codes}>"
