"""Problems found in a project's input, reported all at once.

A :class:`Problem` names the file, the row as the analyst sees it (the header is
row 1), the column, what is wrong and how to fix it, in German and English.
:class:`ProjectError` carries every problem found in one load.

Example
-------
>>> p = Problem("touchpoints.csv", 3, "phase", "not_in_choices", {"value": "kauf"},
...             "not_in_choices", {"choices": "purchase"})
>>> p.message("en")
"'kauf' is not an allowed value."
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from .i18n import Lang, t

#: At most this many problems of one kind are listed per file and column.
MAX_PER_KIND = 20

#: Every kind of problem; each has ``problem.<code>`` words in :mod:`tpkit.i18n`.
CODES = frozenset({
    "file_missing", "project_missing", "not_text", "encoding", "empty_file", "no_rows", "too_large",
    "bad_excel", "ragged_row", "column_missing", "column_duplicate", "column_unnamed", "cell_empty",
    "not_number", "not_integer", "not_bool", "not_date", "formula", "below_min", "above_max",
    "not_in_choices", "duplicate_id", "duplicate_key", "unknown_reference", "self_pair", "upload_type",
    "bad_zip", "zip_unsafe", "zip_too_large", "bad_meta", "more", "looks_like_date", "merged_cells",
    "mixed_separator", "unclosed_quote", "bad_quote", "cell_too_long", "misnamed_table", "xlsx_too_large",
    "encoding_unclear", "mojibake", "duplicate_input", "header_below", "ambiguous_number", "scale_label",
    "not_finite", "not_a_file", "short_row", "export_empty", "export_unreadable", "mapping_column",
    "mapping_invalid", "not_on_scale", "date_out_of_range", "bad_project_sheet", "unknown_wave", "tables_in_folders", "header_again", "excel_error",
})


def visible(text: str) -> str:
    """``text`` with invisible characters written out, so that two ids that look alike show their difference
    (every problem writes its values, file and column so).

    >>> print(visible("web\u200b"), visible("Café"))
    web\\u200b Café
    """
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") or
                   (unicodedata.category(c) == "Zs" and c != " ") else c for c in str(text))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is and how to fix it."""

    file: str
    row: int | None
    column: str | None
    code: str
    params: dict[str, object] = field(default_factory=dict)
    fix_code: str | None = None
    fix_params: dict[str, object] = field(default_factory=dict)
    #: How many cells of the same kind this problem stands for: 1, or more for the rest of a column's many
    #: failing cells that :func:`cell_problems` summed up where they were found (never shown by itself).
    count: int = 1

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def message(self, lang: Lang = "en") -> str:
        return t(f"problem.{self.code}", lang, **_shown(self.params, lang))

    def fix(self, lang: Lang = "en") -> str:
        code = self.fix_code or self.code
        return t(f"fix.{code}", lang, **_shown({**self.params, **self.fix_params}, lang))

    def text(self, lang: Lang = "en") -> str:
        where = [self.file]
        def noun(key: str) -> str:  # German nouns keep their capital
            return t(key, lang) if lang == "de" else t(key, lang).lower()

        where = [visible(self.file)]
        if self.row is not None:
            where.append(f"{noun('row')} {self.row}")
        if self.column:
            where.append(f"{noun('column')} '{visible(self.column)}'")
        return f"{', '.join(where)}: {self.message(lang)} {self.fix(lang)}"


class ProjectError(ValueError):
    """The input has problems; ``problems`` lists every one found.

    >>> print(ProjectError([Problem("x.csv", None, None, "empty_file", {}, None, {"columns": "a"})]))
    1 problem in the project data:
    - x.csv: The file is empty (no header row). The first row must hold the column names: a.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = capped(problems)
        super().__init__(self.report("en"))

    def report(self, lang: Lang = "en") -> str:
        head = {"en": "problem(s) in the project data", "de": "Problem(e) in den Projektdaten"}[lang]
        if len(self.problems) == 1 and lang == "en":
            head = "problem in the project data"
        return f"{len(self.problems)} {head}:\n" + "\n".join(f"- {p.text(lang)}" for p in self.problems)

    def frame(self, lang: Lang = "en") -> pd.DataFrame:
        """The problems as a table with file, row, column, problem and fix."""
        rows = [
            {
                t("file", lang): visible(p.file),
                t("row", lang): p.row,
                t("column", lang): visible(p.column or ""),
                t("problem", lang): p.message(lang),
                t("fix", lang): p.fix(lang),
            }
            for p in self.problems
        ]
        frame = pd.DataFrame(rows, columns=[t(c, lang) for c in ("file", "row", "column", "problem", "fix")])
        frame[t("row", lang)] = frame[t("row", lang)].astype("Int64")
        return frame


#: Parameters that hold a number tpkit worked out, written with a point (``1.25``): a message writes them with
#: the language's decimal mark (``1,25`` in German), as the analyst would type them.
DECIMAL_PARAMS = frozenset({"point", "comma"})


def _shown(params: dict[str, object], lang: Lang = "en") -> dict[str, object]:
    """A problem's values as its message writes them (invisible characters written out, worked-out numbers
    with the language's decimal mark).

    >>> _shown({"value": "1,250", "point": "1250", "comma": "1.25"}, "de")
    {'value': '1,250', 'point': '1250', 'comma': '1,25'}
    """
    return {k: (v.replace(".", ",") if lang == "de" and k in DECIMAL_PARAMS else visible(v)) if isinstance(v, str)
            else v for k, v in params.items()}


def capped(problems: list[Problem], limit: int = MAX_PER_KIND) -> list[Problem]:
    """Keep at most ``limit`` problems per file, column and kind; summarise the rest.

    >>> ps = [Problem("r.csv", i, "x", "cell_empty") for i in range(25)]
    >>> [p.code for p in capped(ps, 2)]
    ['cell_empty', 'cell_empty', 'more']
    """
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    for p in problems:
        groups[(p.file, p.column, p.code)].append(p)
    out: list[Problem] = []
    for (file, column, _code), items in groups.items():
        out.extend(items[:limit])
        rest = sum(p.count for p in items) - limit
        if rest > 0:
            out.append(Problem(file, None, column, "more", {"n": rest, "first": items[limit].row}, "more"))
    return out


def cell_problems(n: int, make: Callable[[int], Problem], limit: int = MAX_PER_KIND) -> list[Problem]:
    """The problems of ``n`` failing cells of one kind (in row order), built for the first ``limit`` + 1 only
    (``make(i)``: the problem of the i-th cell); the others are summed up in one problem whose ``count`` says
    how many, so that a column of a million wrong cells is answered at once and :func:`capped` still says
    how many there are.

    >>> ps = cell_problems(1_000_000, lambda i: Problem("r.csv", i + 2, "x", "cell_empty"), limit=2)
    >>> [(p.row, p.count) for p in ps], capped(ps, 2)[-1].params
    ([(2, 1), (3, 1), (4, 1), (5, 999997)], {'n': 999998, 'first': 4})
    """
    shown = [make(i) for i in range(min(n, limit + 1))]
    if n > limit + 1:
        shown.append(replace(make(limit + 1), count=n - limit - 1))
    return shown
