"""The benchmark tasks in DuckDB (Python API): peer_duckdb.py TASK DATA.

Reads DATA with read_csv and explicit column types, runs on
$BENCH_THREADS threads (SET threads), writes the same CSV file(s) and
columns as indsh into the current directory. Semantics match indsh's
(docs/LANGUAGE.md): see docs/PERFORMANCE.md.
"""

import os
import sys

import duckdb

task, data = sys.argv[1], sys.argv[2]
threads = int(os.environ.get("BENCH_THREADS") or os.cpu_count() or 1)

con = duckdb.connect()
con.execute("SET threads = %d" % threads)

TYPES = ("{'region': 'VARCHAR', 'indicator': 'VARCHAR', 'measure': 'VARCHAR', 'scenario': 'VARCHAR', "
         "'period': 'INTEGER', 'value': 'DOUBLE', 'unit': 'VARCHAR', 'bound': 'VARCHAR', "
         "'source': 'VARCHAR', 'quote': 'VARCHAR'}")
SRC = "read_csv('%s', header = true, delim = ',', quote = '\"', escape = '\"', columns = %s)" % (
    data.replace("'", "''"), TYPES)

# Level/actual series of the panel, and yoy over them: the previous year's
# row of the same series matched by period; a zero base gives no row.
LEVELS = "CREATE TEMP TABLE l AS SELECT region, indicator, period, value FROM %s " \
         "WHERE measure = 'level' AND scenario = 'actual'" % SRC
YOY = """SELECT c.region, c.indicator, c.period, (c.value / p.value - 1) * 100 AS yoy
FROM l c JOIN l p ON p.region = c.region AND p.indicator = c.indicator AND p.period = c.period - 1
WHERE p.value <> 0"""

if task == "T1":
    con.execute("""COPY (SELECT region, indicator, measure, scenario,
  min(period)::VARCHAR || '..' || max(period)::VARCHAR AS period, count(value) AS count
FROM %s GROUP BY region, indicator, measure, scenario) TO 'out.csv' (HEADER)""" % SRC)

elif task == "T2":
    con.execute(LEVELS)
    con.execute("""COPY (SELECT region, indicator, 'level' AS measure, 'actual' AS scenario, period, yoy, '%%' AS unit
FROM (%s)) TO 'out.csv' (HEADER)""" % YOY)

elif task == "T3":
    con.execute("CREATE TEMP TABLE g AS SELECT region, indicator, scenario, period, value, unit, bound "
                "FROM %s WHERE measure = 'growth'" % SRC)
    # One row per target; the outcome is the actual of the same region,
    # indicator and period (empty when there is none).
    con.execute("""CREATE TEMP TABLE j AS
SELECT t.region, t.indicator, 'growth' AS measure, t.period,
  CASE WHEN a.value IS NOT NULL THEN 'actual' END AS outcome,
  a.value AS value, t.value AS target, NULL::DOUBLE AS target_high, t.bound, t.unit,
  1e-9 * greatest(1, abs(t.value)) AS margin
FROM (SELECT * FROM g WHERE scenario = 'target') t
LEFT JOIN (SELECT * FROM g WHERE scenario = 'actual') a
  ON a.region = t.region AND a.indicator = t.indicator AND a.period = t.period""")
    con.execute("""COPY (SELECT region, indicator, measure, period, outcome, value, target, target_high, bound,
  CASE WHEN bound = '<=' THEN target - value ELSE value - target END AS gap,
  CASE bound WHEN '<=' THEN value <= target + margin
             WHEN '~' THEN abs(value - target) <= 0.5 + margin
             ELSE value >= target - margin END AS met,
  unit, 'pp' AS gap_unit
FROM j) TO 'a.csv' (HEADER)""")
    con.execute("""COPY (SELECT region, indicator, measure, period, outcome, value, target, target_high, bound,
  CASE WHEN 100 + target <> 0 THEN (100 + value) * 100 / (100 + target) END AS attain, '%' AS unit
FROM j) TO 'b.csv' (HEADER)""")

elif task == "T4":
    con.execute(LEVELS)
    con.execute("""COPY (SELECT indicator, min(period)::VARCHAR || '..' || max(period)::VARCHAR AS period,
  count(*) AS count
FROM (%s) WHERE period BETWEEN 2015 AND 2024 AND yoy < 0 GROUP BY indicator) TO 'out.csv' (HEADER)""" % YOY)

elif task == "T5":
    con.execute("COPY (SELECT *, NULL::VARCHAR AS ref FROM %s) TO 'out.csv' (HEADER)" % SRC)

else:
    sys.exit("unknown task %s" % task)
