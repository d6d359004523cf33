#!/usr/bin/env python3
"""Generate ontology/lexicon/countries.tsv, the country lexicon of diplograph.

Run from the repository root (the output path is relative to this script, so any
working directory works):

    pip install babel                      # CLDR data
    python3 ontology/lexicon/scripts/countries.py

Sources:
  * CLDR territory display names for the locales en, zh, zh_Hant and zh_Hant_HK,
    through the Python package `babel` (its bundled CLDR release);
  * Debian's `iso-codes` package (/usr/share/iso-codes/json/iso_3166-1.json,
    `apt-get install iso-codes`; another path can be given in $ISO_CODES_JSON)
    for the list of ISO 3166-1 alpha-2 codes, the alpha-3 codes and the ISO
    English names;
  * hand-curated files next to the output: countries-overrides.tsv (names,
    aliases, single-character abbreviations) and country-adjectives.tsv
    (English demonym adjectives).

Rows are every code that is both a CLDR territory and a real ISO 3166-1 alpha-2
assignment, sorted by code. The output is deterministic for a given babel and
iso-codes version. The script prints a one-line summary; on inconsistent data
(an alias shared by two countries, a bad override row, ...) it prints the
problems to stderr and exits with status 1 without writing the output.
"""

import json
import os
import re
import sys

import babel
from babel import Locale
from babel.core import get_cldr_version

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.dirname(HERE)
OUT = os.path.join(LEXICON, "countries.tsv")
OVERRIDES = os.path.join(LEXICON, "countries-overrides.tsv")
ADJECTIVES = os.path.join(LEXICON, "country-adjectives.tsv")
ISO_JSON = os.environ.get("ISO_CODES_JSON", "/usr/share/iso-codes/json/iso_3166-1.json")

COLUMNS = ["iso2", "iso3", "name_en", "name_zh", "aliases_zh", "short_zh", "aliases_en", "adjectives_en"]
MULTI = {"aliases_zh", "short_zh", "aliases_en", "adjectives_en"}
MERGED = {"aliases_zh", "aliases_en"}

# ISO names written in inverted catalogue order ("Korea, Republic of"): never used in running text.
INVERTED = re.compile(r", (?:[Tt]he )?[^,]* of(?: the)?$|, (?:British|U\.S\.)$")


def fail(problems):
    for p in problems:
        print("countries.py: " + p, file=sys.stderr)
    sys.exit(1)


def iso_codes_version():
    """Version of the iso-codes data, from its pkg-config file or dpkg's status file (else 'unknown')."""
    pc = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(ISO_JSON))), "pkgconfig", "iso-codes.pc")
    for path in (pc, "/usr/share/pkgconfig/iso-codes.pc"):
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8") as f:
            block = f.read().split("\n\nPackage: iso-codes\n", 1)[1].split("\n\n", 1)[0]
        return re.search(r"^Version: (\S+)", block, re.M).group(1)
    except (OSError, IndexError, AttributeError):
        return "unknown"


def uniq(values):
    """Drop empty strings and duplicates, keeping the first occurrence's position."""
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def english_forms(cldr):
    """CLDR English name -> (normalized name, raw variants). '&' -> 'and', 'St.' -> 'Saint', ’ -> '."""
    amp = cldr.replace(" & ", " and ")
    norm = re.sub(r"\bSt\. ", "Saint ", amp).replace("\u2019", "'")
    return norm, uniq([cldr, amp, amp.replace("\u2019", "'")])


def read_tsv(path, ncols, what):
    """Rows of a lexicon TSV: '#' lines are comments, first other line is the header (checked)."""
    rows, header, problems = [], None, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) > ncols:
                problems.append(f"{what}:{n}: {len(cells)} columns, expected {ncols}")
                continue
            rows.append((n, cells + [""] * (ncols - len(cells))))
    return header, rows, problems


def generate():
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = {e["alpha_2"]: e for e in json.load(f)["3166-1"]}
    en = Locale.parse("en").territories
    zh = Locale.parse("zh").territories
    hant = Locale.parse("zh_Hant").territories
    hk = Locale.parse("zh_Hant_HK").territories
    codes = sorted(c for c in en if len(c) == 2 and c.isalpha() and c.isupper() and c in iso)
    rows = {}
    for c in codes:
        e = iso[c]
        name_en, variants = english_forms(en[c])
        iso_names = [n for n in (e["name"], e.get("common_name", "")) if n and not INVERTED.search(n)]
        official = re.sub(r"^the ", "", e.get("official_name", ""))
        aliases_en = [v for v in uniq(variants + iso_names + [official]) if v != name_en]
        name_zh = zh[c]
        aliases_zh = [v for v in uniq([hant.get(c, ""), hk.get(c, "")]) if v != name_zh]
        rows[c] = {
            "iso2": c, "iso3": e["alpha_3"], "name_en": name_en, "name_zh": name_zh,
            "aliases_zh": aliases_zh, "short_zh": [], "aliases_en": aliases_en, "adjectives_en": [],
        }
    return rows


def apply_adjectives(rows, problems):
    header, adj, probs = read_tsv(ADJECTIVES, 2, "country-adjectives.tsv")
    problems += probs
    if header != ["iso2", "adjectives_en"]:
        problems.append(f"country-adjectives.tsv: bad header {header}")
    seen = set()
    for n, (c, values) in adj:
        if c not in rows:
            problems.append(f"country-adjectives.tsv:{n}: unknown code {c!r}")
        elif c in seen:
            problems.append(f"country-adjectives.tsv:{n}: duplicate code {c}")
        else:
            rows[c]["adjectives_en"] = uniq(values.split("|"))
        seen.add(c)


def apply_overrides(rows, problems):
    header, overrides, probs = read_tsv(OVERRIDES, len(COLUMNS), "countries-overrides.tsv")
    problems += probs
    if header != COLUMNS:
        problems.append(f"countries-overrides.tsv: bad header {header}")
    seen = set()
    for n, cells in overrides:
        c = cells[0]
        if c not in rows:
            problems.append(f"countries-overrides.tsv:{n}: unknown code {c!r}")
            continue
        if c in seen:
            problems.append(f"countries-overrides.tsv:{n}: duplicate code {c}")
        seen.add(c)
        row = rows[c]
        for col, cell in zip(COLUMNS[1:], cells[1:]):
            if not cell:
                continue
            if col in ("name_en", "name_zh"):
                alias_col = "aliases_en" if col == "name_en" else "aliases_zh"
                old = row[col]
                row[col] = cell
                row[alias_col] = [a for a in uniq(row[alias_col] + [old]) if a != cell]
            elif col in MERGED:
                for value in cell.split("|"):
                    if value.startswith("-"):
                        if value[1:] not in row[col]:
                            problems.append(f"countries-overrides.tsv:{n}: {c} {col} has no {value[1:]!r} to remove")
                        row[col] = [a for a in row[col] if a != value[1:]]
                    elif value not in row[col]:
                        row[col].append(value)
            elif col in MULTI:
                row[col] = uniq(cell.split("|"))
            else:
                row[col] = cell
        # An alias equal to the (possibly new) name is redundant.
        row["aliases_zh"] = [a for a in row["aliases_zh"] if a != row["name_zh"]]
        row["aliases_en"] = [a for a in row["aliases_en"] if a != row["name_en"]]


def check(rows, problems):
    owners_zh, owners_short, owners_en = {}, {}, {}
    for c, row in rows.items():
        if not row["name_zh"] or not row["name_en"] or not re.fullmatch(r"[A-Z]{3}", row["iso3"]):
            problems.append(f"{c}: empty name or bad iso3")
        for col in COLUMNS[1:]:
            values = row[col] if col in MULTI else [row[col]]
            for v in values:
                if not v or "\t" in v or "|" in v or "\n" in v or v != v.strip():
                    problems.append(f"{c}: bad value {v!r} in {col}")
        for a in row["aliases_zh"]:
            if len(a) < 2:
                problems.append(f"{c}: single-character alias {a!r} (belongs in short_zh)")
        for s in row["short_zh"]:
            if len(s) != 1:
                problems.append(f"{c}: short_zh {s!r} is not a single character")
        for v in [row["name_zh"]] + row["aliases_zh"]:
            owners_zh.setdefault(v, set()).add(c)
        for v in row["short_zh"]:
            owners_short.setdefault(v, set()).add(c)
        for v in [row["name_en"]] + row["aliases_en"]:
            owners_en.setdefault(v.casefold(), set()).add(c)
    for what, owners in (("Chinese name/alias", owners_zh), ("short_zh", owners_short), ("English name/alias", owners_en)):
        for v, cs in sorted(owners.items()):
            if len(cs) > 1:
                problems.append(f"{what} {v!r} shared by {', '.join(sorted(cs))}")
    if "TW" in rows and set([rows["TW"]["name_zh"]] + rows["TW"]["aliases_zh"]) & set(rows["CN"]["aliases_zh"]):
        problems.append("TW form listed among CN aliases")


def main():
    rows = generate()
    problems = []
    apply_adjectives(rows, problems)
    apply_overrides(rows, problems)
    check(rows, problems)
    if problems:
        fail(problems)
    lines = [
        f"# Source: CLDR {get_cldr_version()} via babel {babel.__version__} (en, zh, zh_Hant, zh_Hant_HK), "
        f"Debian iso-codes {iso_codes_version()} (ISO 3166-1), countries-overrides.tsv, country-adjectives.tsv",
        "# Generated file, do not edit: change the overrides and run python3 ontology/lexicon/scripts/countries.py",
        "\t".join(COLUMNS),
    ]
    for c in sorted(rows):
        row = rows[c]
        lines.append("\t".join("|".join(row[col]) if col in MULTI else row[col] for col in COLUMNS))
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, OUT)
    n_adj = sum(1 for r in rows.values() if r["adjectives_en"])
    n_short = sum(1 for r in rows.values() if r["short_zh"])
    print(f"countries.tsv: {len(rows)} rows ({n_adj} with adjectives_en, {n_short} with short_zh) "
          f"from CLDR {get_cldr_version()} / babel {babel.__version__} / iso-codes {iso_codes_version()}")


if __name__ == "__main__":
    main()
