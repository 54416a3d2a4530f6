"""Checksums of a task's output CSV, and their comparison across engines.

Standard library only. The same rules are implemented in Swift by
Tests/EndToEndTests/BenchmarkChecksumTests.swift; keep the two in step.

Per output file: the number of data rows (header excluded) and, per column
(by header name), a summary whose kind is decided from the cells:

- ``empty``  every cell is empty;
- ``bool``   every non-empty cell is ``true`` or ``false``: counts of each;
- ``number`` every non-empty cell is a decimal
  ``[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?``: count of non-empty
  cells, sum and sum of absolute values (math.fsum);
- ``text``   otherwise: count of non-empty cells, total UTF-8 bytes and the
  sum of zlib.crc32 of each cell's bytes (order-independent), as a decimal
  string.

Comparison: rows, kinds, counts, bytes and crc exactly; a sum within 1e-6
relative (|a-b| <= 1e-6 * max(|a|, |b|)), or within 1e-9 of the sum of
absolute values when the sum nearly cancels.
"""

import csv
import math
import re
import sys
import zlib

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")

csv.field_size_limit(1 << 30)


class _Column:
    """Running summary of one column; the kind is decided at the end."""

    __slots__ = ("name", "count", "maybe_bool", "trues", "maybe_number", "floats", "bytes", "crc")

    def __init__(self, name):
        self.name = name
        self.count = 0
        self.maybe_bool = True
        self.trues = 0
        self.maybe_number = True
        self.floats = []
        self.bytes = 0
        self.crc = 0

    def add(self, cells):
        nonempty = [c for c in cells if c]
        if not nonempty:
            return
        self.count += len(nonempty)
        if self.maybe_bool:
            if set(nonempty) <= {"true", "false"}:
                self.trues += nonempty.count("true")
            else:
                self.maybe_bool = False
        if self.maybe_number:
            if all(map(NUMBER.match, nonempty)):
                self.floats.extend(map(float, nonempty))
            else:
                self.maybe_number = False
                self.floats = []
        encoded = list(map(str.encode, nonempty))
        self.bytes += sum(map(len, encoded))
        self.crc += sum(map(zlib.crc32, encoded))

    def summary(self):
        if self.count == 0:
            return {"name": self.name, "kind": "empty"}
        if self.maybe_bool:
            return {"name": self.name, "kind": "bool", "trues": self.trues, "falses": self.count - self.trues}
        if self.maybe_number:
            return {"name": self.name, "kind": "number", "count": self.count, "sum": math.fsum(self.floats),
                    "abs": math.fsum(map(abs, self.floats))}
        return {"name": self.name, "kind": "text", "count": self.count, "bytes": self.bytes, "crc": str(self.crc)}


def file_checksum(path, batch=200000):
    """Streams the file in batches of rows (a 1 GB output fits in memory)."""
    with open(path, "r", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        n = len(header)
        cols = [_Column(name) for name in header]
        rows = 0
        while True:
            chunk = [rec for _, rec in zip(range(batch), reader) if rec]
            if not chunk:
                break
            for rec in chunk:
                if len(rec) != n:
                    raise ValueError("%s: a row has %d fields, the header %d" % (path, len(rec), n))
            rows += len(chunk)
            for i, cells in enumerate(zip(*chunk)):
                cols[i].add(cells)
    return {"rows": rows, "columns": [c.summary() for c in cols]}


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def compare_file(expected, actual):
    """Differences (list of strings) between two file checksums."""
    diffs = []
    if expected["rows"] != actual["rows"]:
        diffs.append("rows: %d vs %d" % (expected["rows"], actual["rows"]))
    ecols = {c["name"]: c for c in expected["columns"]}
    acols = {c["name"]: c for c in actual["columns"]}
    for name in ecols:
        if name not in acols:
            diffs.append("column %s missing" % name)
    for name in acols:
        if name not in ecols:
            diffs.append("extra column %s" % name)
    for name, e in ecols.items():
        a = acols.get(name)
        if a is None:
            continue
        if e["kind"] != a["kind"]:
            diffs.append("column %s: kind %s vs %s" % (name, e["kind"], a["kind"]))
            continue
        for key in ("count", "trues", "falses", "bytes", "crc"):
            if key in e and e[key] != a.get(key):
                diffs.append("column %s: %s %s vs %s" % (name, key, e[key], a.get(key)))
        if e["kind"] == "number":
            scale = max(e["abs"], a["abs"])
            if not close(e["sum"], a["sum"]) and abs(e["sum"] - a["sum"]) > 1e-9 * scale:
                diffs.append("column %s: sum %r vs %r" % (name, e["sum"], a["sum"]))
            if not close(e["abs"], a["abs"]):
                diffs.append("column %s: abs sum %r vs %r" % (name, e["abs"], a["abs"]))
    return diffs


if __name__ == "__main__":
    import json
    for p in sys.argv[1:]:
        print(p, json.dumps(file_checksum(p), ensure_ascii=False, indent=1))
