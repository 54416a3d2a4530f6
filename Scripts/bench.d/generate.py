"""Deterministic generator of the synthetic benchmark panel (issue 7).

Standard library only (it runs on CI machines without pip packages). Every
random draw comes from splitmix64 with a fixed seed, and every value is built
with integer arithmetic and formatted by hand, so the output is
byte-identical on any Python 3 version and any number of worker processes.

Layout
------
- regions 区县0001, 区县0002, … (the row target picks how many:
  round(rows / 1880), 1880 nominal rows per region);
- 20 indicators, all in 亿元 for levels;
- per (region, indicator) three series blocks:
  level/actual 1990–2024 (random walk in hundredths, ~1 % of years dropped,
  ~0.3 % zeros), growth/actual 1991–2024 (~1 % dropped), growth/target
  2000–2024 with bound >= (60 %), ~ (30 %), <= (10 %);
- bound empty for outcomes, source a dummy report name, quote a short Chinese
  sentence; ~8 % of quotes contain a comma and ~3 % doubled quotes, so those
  fields are quoted (RFC 4180);
- the blocks are shuffled; ~10 % are written in reverse period order and
  ~10 % rotated.

Each block's content depends only on (SEED, block id), so blocks can be
generated in any order or process.
"""

import os
import sys

SEED = 0x1D5B_2026_0007
VERSION = 1  # bump when the output changes (cache file names carry it)
MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15

HEADER = "region,indicator,measure,scenario,period,value,unit,bound,source,quote\n"

INDICATORS = [
    "地区生产总值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入",
    "税收收入", "规模以上工业增加值", "第一产业增加值", "第二产业增加值",
    "第三产业增加值", "进出口总额", "出口总额", "实际利用外资",
    "金融机构存款余额", "金融机构贷款余额", "建筑业总产值", "农林牧渔业总产值",
    "高新技术产业增加值", "民间投资", "工业投资", "房地产开发投资",
]
SHORT = [
    "GDP", "固投", "社零", "一般预算收入", "税收", "规工增加值", "一产", "二产",
    "三产", "外贸", "出口", "外资", "存款", "贷款", "建筑业", "农业产值",
    "高新增加值", "民投", "工投", "房投",
]
ROWS_PER_REGION = 20 * (35 + 34 + 25)
LEVEL_YEARS = list(range(1990, 2025))
GROWTH_YEARS = list(range(1991, 2025))
TARGET_YEARS = list(range(2000, 2025))


def mix(z):
    """splitmix64's output function."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Rng:
    """splitmix64; below(n) is a multiply-shift draw in [0, n)."""

    __slots__ = ("s",)

    def __init__(self, seed):
        self.s = seed & MASK

    def below(self, n):
        self.s = s = (self.s + GOLDEN) & MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return ((z ^ (z >> 31)) * n) >> 64


def region_count(rows):
    return max(1, (rows + ROWS_PER_REGION // 2) // ROWS_PER_REGION)


def parse_rows(text):
    t = text.strip().lower()
    mult = 1
    if t.endswith("k"):
        mult, t = 1000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1000000, t[:-1]
    return int(float(t) * mult)


def cents(v):
    return "%d.%02d" % (v // 100, v % 100) if v >= 0 else "-" + cents(-v)


def tenths(v):
    if v < 0:
        return "-%d.%d" % (-v // 10, -v % 10)
    return "%d.%d" % (v // 10, v % 10)


def csv_field(text):
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def quote_text(rng, kind, ind, v, bound):
    """A short Chinese sentence showing the figure; some with , and \"."""
    c = rng.below(100)
    s = SHORT[ind]
    if kind == 0:
        if c < 8:
            return "全年%s完成%s亿元,同比增长" % (s, v)
        if c < 11:
            return '"十四五"以来%s达到%s亿元' % (s, v)
        if c < 55:
            return "%s%s亿元" % (s, v)
        return "全县%s达到%s亿元" % (s, v)
    if kind == 1:
        verb = "增长"
        if v.startswith("-"):
            verb, v = "下降", v[1:]
        if c < 8:
            return "%s%s%s%%,高于全市平均" % (s, verb, v)
        if c < 11:
            return '实施"强县"战略,%s%s%s%%' % (s, verb, v)
        return "%s%s%s%%" % (s, verb, v)
    word = {">=": "以上", "~": "左右", "<=": "以内"}[bound]
    if c < 8:
        return "%s增长%s%%%s,力争更好" % (s, v, word)
    if c < 11:
        return '"稳中求进",%s增长%s%%%s' % (s, v, word)
    return "%s增长%s%%%s" % (s, v, word)


def block_rows(block):
    """The CSV lines of one series block, in the block's written order."""
    rng = Rng(mix((SEED + (block + 1) * GOLDEN) & MASK))
    kind = block % 3
    ri = block // 3
    region, ind = ri // 20, ri % 20
    rname = "区县%04d" % (region + 1)
    iname = INDICATORS[ind]
    source = "bench_report_%02d.txt" % (region % 50)
    prefix = "%s,%s," % (rname, iname)
    lines = []
    if kind == 0:
        v = 1000 + rng.below(500000)  # 10.00 .. 5009.99 亿元, in hundredths
        for y in LEVEL_YEARS:
            g = rng.below(2001) - 500  # growth -5.00 % .. +15.00 %, in 1/100 %
            v = max(1, v + (v * g) // 10000)
            d = rng.below(10000)
            if d < 100:  # ~1 % dropped
                continue
            text = "0" if d < 130 else cents(v)  # ~0.3 % zeros
            q = quote_text(rng, 0, ind, text, "")
            lines.append("%slevel,actual,%d,%s,亿元,,%s,%s\n" % (prefix, y, text, source, csv_field(q)))
    elif kind == 1:
        for y in GROWTH_YEARS:
            t = rng.below(251) - 50  # -5.0 .. 20.0 %
            if rng.below(10000) < 100:
                continue
            text = tenths(t)
            q = quote_text(rng, 1, ind, text, "")
            lines.append("%sgrowth,actual,%d,%s,%%,,%s,%s\n" % (prefix, y, text, source, csv_field(q)))
    else:
        for y in TARGET_YEARS:
            t = 30 + rng.below(91)  # 3.0 .. 12.0 %
            b = rng.below(10)
            bound = ">=" if b < 6 else ("~" if b < 9 else "<=")
            text = tenths(t)
            q = quote_text(rng, 2, ind, text, bound)
            lines.append("%sgrowth,target,%d,%s,%%,%s,%s,%s\n" % (prefix, y, text, bound, source, csv_field(q)))
    o = rng.below(100)
    if o < 10:
        lines.reverse()
    elif o < 20 and len(lines) > 1:
        k = 1 + rng.below(len(lines) - 1)
        lines = lines[k:] + lines[:k]
    return lines


def block_order(regions):
    """All block ids, shuffled (Fisher–Yates)."""
    order = list(range(regions * 20 * 3))
    rng = Rng(SEED)
    for i in range(len(order) - 1, 0, -1):
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def chunk_text(blocks):
    out = []
    for b in blocks:
        out.extend(block_rows(b))
    return "".join(out).encode("utf-8")


def generate(rows, path, workers=None):
    """Writes the panel for a row target to path; returns the row count."""
    regions = region_count(rows)
    order = block_order(regions)
    chunks = [order[i:i + 3000] for i in range(0, len(order), 3000)]
    tmp = "%s.tmp-%d" % (path, os.getpid())
    total = 0
    with open(tmp, "wb", buffering=1 << 22) as f:
        f.write(HEADER.encode("utf-8"))
        if workers is None:
            workers = os.cpu_count() or 1
        if workers > 1 and len(chunks) > 2:
            import multiprocessing
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for data in pool.imap(chunk_text, chunks):
                    total += data.count(b"\n")
                    f.write(data)
        else:
            for c in chunks:
                data = chunk_text(c)
                total += data.count(b"\n")
                f.write(data)
    os.replace(tmp, path)
    return total  # physical lines = rows (no field spans lines)


if __name__ == "__main__":
    n = parse_rows(sys.argv[1])
    print(generate(n, sys.argv[2]))
