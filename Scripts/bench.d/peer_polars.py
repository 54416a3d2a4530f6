"""The benchmark tasks in Polars: peer_polars.py TASK DATA.

scan_csv with an explicit schema, lazy queries, POLARS_MAX_THREADS set by
the runner; writes the same CSV file(s) and columns as indsh into the
current directory.
"""

import sys

import polars as pl

task, data = sys.argv[1], sys.argv[2]

SCHEMA = {
    "region": pl.String, "indicator": pl.String, "measure": pl.String, "scenario": pl.String,
    "period": pl.Int32, "value": pl.Float64, "unit": pl.String, "bound": pl.String,
    "source": pl.String, "quote": pl.String,
}
src = pl.scan_csv(data, schema=SCHEMA, has_header=True, quote_char='"')


def span(col):
    return pl.col(col).min().cast(pl.String) + pl.lit("..") + pl.col(col).max().cast(pl.String)


def yoy():
    levels = src.filter((pl.col("measure") == "level") & (pl.col("scenario") == "actual")).select(
        "region", "indicator", "period", "value")
    prev = levels.select("region", "indicator", (pl.col("period") + 1).alias("period"), pl.col("value").alias("base"))
    return (levels.join(prev, on=["region", "indicator", "period"], how="inner")
            .filter(pl.col("base") != 0)
            .select("region", "indicator", "period", ((pl.col("value") / pl.col("base") - 1) * 100).alias("yoy")))


if task == "T1":
    (src.group_by("region", "indicator", "measure", "scenario")
        .agg(span("period").alias("period"), pl.col("value").count().alias("count"))
        .collect().write_csv("out.csv"))

elif task == "T2":
    (yoy().select("region", "indicator", pl.lit("level").alias("measure"), pl.lit("actual").alias("scenario"),
                  "period", "yoy", pl.lit("%").alias("unit"))
        .collect().write_csv("out.csv"))

elif task == "T3":
    g = src.filter(pl.col("measure") == "growth").select("region", "indicator", "scenario", "period", "value", "unit", "bound")
    t = g.filter(pl.col("scenario") == "target").select(
        "region", "indicator", "period", pl.col("value").alias("target"), "bound", "unit")
    a = g.filter(pl.col("scenario") == "actual").select("region", "indicator", "period", "value")
    j = (t.join(a, on=["region", "indicator", "period"], how="left")
         .with_columns(
             pl.lit("growth").alias("measure"),
             pl.when(pl.col("value").is_not_null()).then(pl.lit("actual")).otherwise(None).alias("outcome"),
             pl.lit(None, dtype=pl.Float64).alias("target_high"),
             (1e-9 * pl.max_horizontal(pl.lit(1.0), pl.col("target").abs())).alias("margin"))
         .collect())
    v, tg, m, b = pl.col("value"), pl.col("target"), pl.col("margin"), pl.col("bound")
    head = ["region", "indicator", "measure", "period", "outcome", "value", "target", "target_high", "bound"]
    (j.select(*head,
              pl.when(b == "<=").then(tg - v).otherwise(v - tg).alias("gap"),
              pl.when(b == "<=").then(v <= tg + m)
                .when(b == "~").then((v - tg).abs() <= 0.5 + m)
                .otherwise(v >= tg - m).alias("met"),
              "unit", pl.lit("pp").alias("gap_unit"))
        .write_csv("a.csv"))
    (j.select(*head,
              pl.when(tg + 100 != 0).then((v + 100) * 100 / (tg + 100)).otherwise(None).alias("attain"),
              pl.lit("%").alias("unit"))
        .write_csv("b.csv"))

elif task == "T4":
    (yoy().filter(pl.col("period").is_between(2015, 2024) & (pl.col("yoy") < 0))
        .group_by("indicator").agg(span("period").alias("period"), pl.len().alias("count"))
        .collect().write_csv("out.csv"))

elif task == "T5":
    src.with_columns(pl.lit(None, dtype=pl.String).alias("ref")).sink_csv("out.csv")

else:
    sys.exit("unknown task %s" % task)
