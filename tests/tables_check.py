#!/usr/bin/env python3
"""Checks the tidy tables of `diplograph export --format csv --out DIR` with pandas.

    .venv/bin/python tests/tables_check.py DIR [--docs docs/tables.md]

The tables, their columns, types, keys, joins and order are read from docs/tables.md, so
the documentation and the files cannot drift apart. For every documented table:

1. DIR/{table}.csv exists. It is UTF-8 without a BOM, its lines end with CRLF, and pandas
   loads it.
2. The header is the documented columns, in order.
3. Every cell has its documented type: dates parse as ISO dates, integers load as
   integers (pandas' own type inference gives an integer column when none is missing),
   decimals as floats, booleans are true/false, ids and IRIs look like ids and IRIs. Lists
   are `|`-joined, sorted and without repeats.
4. Key columns are never empty and keys are unique.
5. Every column typed `IRI -> table.column` joins: each value is a key of one of the
   tables named. Rows reported by a document join their event and document as a pair.
   Evidence subjects join the table their `subject_kind` names.
6. Rows are in the documented order: the "Sorted by" columns (integers as numbers, empty
   first), then every column.
7. Evidence is consistent: `text` has `end - start` code points, `span` is
   `{document}#char={start},{end}`, `url` is the document's URL, spans lie inside the
   body (`documents.length`), and overlapping spans of one document agree on every
   character. Each quantity's span is one of its evidence spans.

Prints one line, `tables_check: …`, and exits 0; prints the problems and exits 1 on
failure; exits 2 on usage errors. Needs pandas.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

try:
    import pandas as pd
except ImportError as e:  # pragma: no cover
    sys.stderr.write(f"tables_check: needs pandas ({e}); pip install pandas\n")
    sys.exit(2)

SEP = "|"
BASE_TYPES = {"IRI", "text", "list", "date", "integer", "decimal", "boolean", "id"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
IRI_RE = re.compile(r"^https?://\S+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT_RE = re.compile(r"^-?\d+$")
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
# Which table each evidence subject_kind joins.
SUBJECT_TABLES = {
    "event": ("events", "event"),
    "participation": ("participations", "participation"),
    "tenure": ("tenures", "tenure"),
    "assertion": ("initiative_facts", "assertion"),
    "quantity": ("quantities", "quantity"),
}


class Spec:
    def __init__(self, name: str):
        self.name = name
        self.columns: list[str] = []
        self.types: dict[str, str] = {}
        self.targets: dict[str, list[tuple[str, str]]] = {}
        self.key: list[str] = []
        self.sort: list[str] = []


def backticked(s: str) -> list[str]:
    return re.findall(r"`([^`]+)`", s)


def parse_docs(path: Path) -> dict[str, Spec]:
    """The tables documented in docs/tables.md: `### `name.csv`` sections with a prose
    paragraph (Key: …. Sorted by ….) and a | column | type | meaning | table."""
    specs: dict[str, Spec] = {}
    cur: Spec | None = None
    prose: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^### `(\w+)\.csv`\s*$", line)
        if m:
            cur = Spec(m.group(1))
            specs[cur.name] = cur
            prose = []
            continue
        if line.startswith("## "):
            cur = None
            continue
        if cur is None:
            continue
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            col = backticked(cells[0])[0]
            typ = cells[1]
            base, _, target = typ.partition("→")
            base = base.strip()
            if base not in BASE_TYPES:
                raise ValueError(f"{path}: {cur.name}.{col}: unknown type {base!r}")
            cur.columns.append(col)
            cur.types[col] = base
            cur.targets[col] = [tuple(t.split(".", 1)) for t in backticked(target)]
        elif not line.startswith("|"):
            prose.append(line)
            text = " ".join(prose)
            k = re.search(r"Key: (.*?)\.(?:\s|$)", text)
            s = re.search(r"Sorted by (.*?)\.(?:\s|$)", text)
            if k:
                cur.key = backticked(k.group(1))
            if s:
                cur.sort = backticked(s.group(1))
    for spec in specs.values():
        if not spec.columns or not spec.key or not spec.sort:
            raise ValueError(f"{path}: table {spec.name}: columns, Key or Sorted by missing")
    return specs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--docs", type=Path, default=Path(__file__).resolve().parent.parent / "docs/tables.md")
    args = ap.parse_args()
    if not args.dir.is_dir():
        sys.stderr.write(f"tables_check: {args.dir}: not a directory\n")
        return 2
    specs = parse_docs(args.docs)
    problems: list[str] = []

    def bad(msg: str) -> None:
        if len(problems) < 200:
            problems.append(msg)

    raw: dict[str, pd.DataFrame] = {}
    rows = 0
    for name, spec in specs.items():
        path = args.dir / f"{name}.csv"
        if not path.is_file():
            bad(f"{path}: missing")
            continue
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            bad(f"{path}: starts with a byte-order mark")
        first = data.split(b"\n", 1)[0]
        if not first.endswith(b"\r") or not data.endswith(b"\r\n"):
            bad(f"{path}: lines do not end with CRLF")
        # As text: every cell a string, empty cells "".
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        raw[name] = df
        rows += len(df)
        if list(df.columns) != spec.columns:
            bad(f"{name}: columns {list(df.columns)} != documented {spec.columns}")
            continue
        # Typed, as a user would load it.
        dtypes = {}
        for c, t in spec.types.items():
            dtypes[c] = {"integer": "Int64", "decimal": "float64", "boolean": "boolean"}.get(t, "string")
        dates = [c for c, t in spec.types.items() if t == "date"]
        try:
            typed = pd.read_csv(
                path, dtype=dtypes, keep_default_na=False, na_values=[""],
                true_values=["true"], false_values=["false"],
            )
            for c in dates:
                typed[c] = pd.to_datetime(typed[c], format="%Y-%m-%d", errors="raise")
        except (ValueError, TypeError) as e:
            bad(f"{name}: does not load with the documented types: {e}")
            continue
        for c in dates:
            if not pd.api.types.is_datetime64_any_dtype(typed[c]):
                bad(f"{name}.{c}: not a date column")
        # pandas' own inference: integer columns without gaps load as integers.
        plain = pd.read_csv(path)
        for c, t in spec.types.items():
            col = plain[c]
            if t == "integer" and len(col) and not col.isna().any() and not pd.api.types.is_integer_dtype(col):
                bad(f"{name}.{c}: pandas reads {col.dtype}, not integers")
        for c, t in spec.types.items():
            for i, x in enumerate(df[c]):
                if x == "":
                    continue
                where = f"{name}.{c} row {i + 2}"
                if t == "IRI" and not IRI_RE.match(x):
                    bad(f"{where}: not an IRI: {x!r}")
                elif t == "date" and not DATE_RE.match(x):
                    bad(f"{where}: not an ISO date: {x!r}")
                elif t == "integer" and not INT_RE.match(x):
                    bad(f"{where}: not an integer: {x!r}")
                elif t == "decimal" and not DECIMAL_RE.match(x):
                    bad(f"{where}: not a plain decimal: {x!r}")
                elif t == "boolean" and x not in ("true", "false"):
                    bad(f"{where}: not true/false: {x!r}")
                elif t == "id" and not ID_RE.match(x):
                    bad(f"{where}: not an id: {x!r}")
                elif t == "list":
                    parts = x.split(SEP)
                    if parts != sorted(set(parts)) or "" in parts:
                        bad(f"{where}: list not sorted, unique and non-empty: {x!r}")
        for c in spec.key:
            if (df[c] == "").any():
                bad(f"{name}: empty key column {c}")
        dup = df.duplicated(subset=spec.key)
        if dup.any():
            bad(f"{name}: {int(dup.sum())} duplicate keys ({', '.join(spec.key)})")
        # Order: the sort columns, then every column.
        def sort_key(row):
            k = []
            for c in spec.sort:
                v = row[c]
                if spec.types[c] == "integer":
                    k.append((0,) if v == "" else (1, int(v)))
                else:
                    k.append(v)
            return (tuple(k), tuple(row))
        recs = [tuple(r) for r in df.itertuples(index=False)]
        keyed = [sort_key(dict(zip(spec.columns, r))) for r in recs]
        if keyed != sorted(keyed):
            bad(f"{name}: rows are not sorted by {', '.join(spec.sort)}")

    if problems:
        print("\n".join(problems))
        return 1

    # Joins.
    keys = {(n, s.key[0]): set(raw[n][s.key[0]]) for n, s in specs.items()}
    def values_of(table: str, col: str) -> set[str]:
        return set(raw[table][col]) if table in raw else set()
    for name, spec in specs.items():
        df = raw[name]
        for c, targets in spec.targets.items():
            if not targets:
                continue
            allowed: set[str] = set()
            for t in targets:
                allowed |= values_of(*t)
            missing = sorted(set(df[c]) - allowed - {""})
            if missing:
                bad(f"{name}.{c}: {len(missing)} values not in {targets}: {missing[:3]}")
    ev_pairs = set(zip(raw["events"].event, raw["events"].document))
    pa = raw["participations"]
    missing = set(zip(pa.event, pa.document)) - ev_pairs
    if missing:
        bad(f"participations: (event, document) not in events: {sorted(missing)[:3]}")
    evi = raw["evidence"]
    for kind, (table, col) in SUBJECT_TABLES.items():
        sub = evi[evi.subject_kind == kind]
        have = set(zip(raw[table][col], raw[table]["document"]))
        missing = set(zip(sub.subject, sub.document)) - have
        if missing:
            bad(f"evidence: {kind} subjects not in {table}: {sorted(missing)[:3]}")
    if (evi.subject_kind == "").any():
        bad("evidence: subjects of unknown kind")

    # Evidence against itself and the documents.
    docs = raw["documents"].set_index("document")
    body: dict[str, list[str | None]] = {
        d: [None] * int(n) for d, n in zip(raw["documents"].document, raw["documents"].length)
    }
    for r in evi.itertuples(index=False):
        b, e = int(r.start), int(r.end)
        if len(r.text) != e - b:
            bad(f"evidence {r.span}: text has {len(r.text)} code points, span {e - b}")
        if r.span != f"{r.document}#char={b},{e}":
            bad(f"evidence {r.span}: span IRI does not match document and offsets")
        if r.url != docs.at[r.document, "url"]:
            bad(f"evidence {r.span}: url {r.url!r} is not the document's")
        chars = body[r.document]
        if not 0 <= b <= e <= len(chars):
            bad(f"evidence {r.span}: outside the body (length {len(chars)})")
            continue
        for i, ch in enumerate(r.text):
            if chars[b + i] is None:
                chars[b + i] = ch
            elif chars[b + i] != ch:
                bad(f"evidence {r.span}: disagrees with another span at {b + i}")
                break
    spans = set(zip(evi.subject, evi.start, evi.end))
    for r in raw["quantities"].itertuples(index=False):
        if (r.quantity, r.start, r.end) not in spans:
            bad(f"quantities {r.quantity}: span {r.start},{r.end} is not one of its evidence spans")

    if problems:
        print("\n".join(problems))
        return 1
    print(
        f"tables_check: {len(specs)} tables, {rows} rows; columns and types as documented, "
        f"keys unique, joins and order hold, {len(evi)} evidence spans consistent"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
