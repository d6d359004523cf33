"""Converts report files (`key: value` header, blank line, body; UTF-8) to the JSON Lines
documents that `diplograph annotate --stdin` and `diplograph ingest FILE.jsonl` read.

    python examples/spark/to_jsonl.py DIR_OR_FILES... > corpus.jsonl

Files are taken in sorted order; the id is the file name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def documents(paths: list[str]):
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        head, _, body = text.partition("\n\n")
        fields = {}
        for line in head.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip()] = value.strip()
        yield {
            "id": f.name,
            "url": fields.get("url") or fields.get("seed_url"),
            "lang": fields.get("lang"),
            "date": fields.get("date"),
            "title": fields.get("title"),
            "text": body,
        }


def main() -> int:
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    for d in documents(sys.argv[1:]):
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
