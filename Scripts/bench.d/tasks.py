"""The five benchmark tasks (issue 7) and how each engine runs them.

Every task is ONE whole process: start, read the CSV from disk, compute,
write CSV file(s) into the current directory, exit. ``commands(engine,
task, data)`` gives the argv; the DuckDB and Polars implementations are
in peer_duckdb.py and peer_polars.py.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

TASKS = ["T1", "T2", "T3", "T4", "T5"]

TITLES = {
    "T1": "load (count per series)",
    "T2": "yoy of all level series",
    "T3": "gap + attain of all growth targets",
    "T4": "count of yoy<0 in 2015..2024 by indicator",
    "T5": "export every row",
}

# The indsh statements, exactly as issue 7 gives them (one -c per statement).
INDSH = {
    "T1": ['.export out.csv count(*)'],
    "T2": ['.export out.csv yoy(*{measure="level", scenario="actual"})'],
    "T3": ['let g = *{measure="growth"}', '.export a.csv gap(g)', '.export b.csv attain(g)'],
    "T4": ['.export out.csv count(yoy(*{measure="level", scenario="actual"})[2015..2024] where yoy < 0) by (indicator)'],
    "T5": ['.export out.csv *'],
}

OUTPUTS = {"T1": ["out.csv"], "T2": ["out.csv"], "T3": ["a.csv", "b.csv"], "T4": ["out.csv"], "T5": ["out.csv"]}

ENGINES = ["indsh", "duckdb", "polars"]


def indsh_argv(binary, task, data):
    argv = [binary, "--no-default-data", "--data", data]
    for statement in INDSH[task]:
        argv += ["-c", statement]
    return argv


def commands(engine, task, data, indsh_binary):
    if engine == "indsh":
        return indsh_argv(indsh_binary, task, data)
    script = os.path.join(HERE, "peer_%s.py" % engine)
    return [sys.executable, script, task, data]
