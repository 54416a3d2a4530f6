"""The benchmark runner behind Scripts/bench (see docs/PERFORMANCE.md)."""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

import checksums
import generate
import tasks

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCH = os.path.join(ROOT, ".build-bench")
DOC = os.path.join(ROOT, "docs", "PERFORMANCE.md")
FIXTURE = os.path.join(ROOT, "Tests", "EndToEndTests", "Fixtures", "bench-100k-checksums.json")
TIME = "/usr/bin/time"
PEER_NAMES = {"indsh": "indsh", "duckdb": "DuckDB", "polars": "Polars"}


# ---------------------------------------------------------------- data

def label_of(rows):
    for suffix, mult in (("m", 1000000), ("k", 1000)):
        if rows % mult == 0:
            return "%d%s" % (rows // mult, suffix)
    return str(rows)


def data_path(rows):
    return os.path.join(BENCH, "data", "panel-%s-v%d.csv" % (label_of(rows), generate.VERSION))


def ensure_data(rows, force=False, out=None, quiet=False):
    path = out or data_path(rows)
    if os.path.exists(path) and not force and out is None:
        return path
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    t0 = time.perf_counter()
    n = generate.generate(rows, path)
    if not quiet:
        print("generated %s: %d rows, %.1f MB in %.1f s" % (
            path, n, os.path.getsize(path) / 1e6, time.perf_counter() - t0), file=sys.stderr)
    return path


def file_crc32(path):
    crc = 0
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 22)
            if not b:
                return crc
            crc = zlib.crc32(b, crc)


# ---------------------------------------------------------------- processes

def ensure_time():
    if os.path.exists(TIME):
        return
    print("installing the 'time' package for %s -v" % TIME, file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "time"], check=True, stdout=subprocess.DEVNULL)


def indsh_binary():
    env = os.environ.get("INDSH_BINARY")
    if env:
        return env
    return os.path.join(ROOT, ".build", "release", "indsh")


def snapshot_binary():
    """A private copy of the indsh binary, so that a rebuild of .build during
    a run cannot change what is measured. It stays inside the checkout
    (.build-bench/bin), so indsh still finds the default Datasets/."""
    src = indsh_binary()
    if not os.path.exists(src):
        return None
    st = os.stat(src)
    dst = os.path.join(BENCH, "bin", "indsh-%d-%d" % (int(st.st_mtime), st.st_size))
    if not os.path.exists(dst):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst + ".tmp")
        os.replace(dst + ".tmp", dst)
    if subprocess.run([dst, "--version"], capture_output=True).returncode != 0:
        sys.exit("%s does not run (a build in progress?)" % src)
    return dst


def loadavg():
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except (OSError, ValueError):
        return None


def engine_env(threads):
    env = dict(os.environ)
    env.update({
        "INDSH_THREADS": str(threads), "POLARS_MAX_THREADS": str(threads), "BENCH_THREADS": str(threads),
        "NO_COLOR": "1", "INDSH_HISTORY": "/dev/null",
    })
    return env


def run_timed(argv, cwd, env, timeout, stdin_text=None):
    """One process under /usr/bin/time -v: wall seconds, peak RSS (kB), status."""
    t0 = time.perf_counter()
    p = subprocess.Popen([TIME, "-v"] + argv, cwd=cwd, env=env, start_new_session=True,
                         stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(input=stdin_text.encode() if stdin_text is not None else None, timeout=timeout)
        wall = time.perf_counter() - t0
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        wall = time.perf_counter() - t0
        timed_out = True
    err = err.decode("utf-8", "replace")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    s = re.search(r"Exit status: (\d+)", err)
    status = int(s.group(1)) if s else p.returncode
    report = err.find("\tCommand being timed:")
    return {
        "wall": wall, "rss_kb": int(m.group(1)) if m else None, "status": status, "timeout": timed_out,
        "stdout": out.decode("utf-8", "replace"), "stderr": err[:report] if report >= 0 else err,
    }


# ---------------------------------------------------------------- machine

def capture(argv, cwd=None):
    try:
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine_info():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    peers = capture([sys.executable, "-c",
                     "import duckdb, polars; print(duckdb.__version__, polars.__version__)"]).split()
    head = capture(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT)
    dirty = capture(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT)
    binary = indsh_binary()
    built = ""
    if os.path.exists(binary):
        built = datetime.datetime.fromtimestamp(os.path.getmtime(binary), datetime.timezone.utc).strftime(
            "%Y-%m-%d %H:%M UTC")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(), "memory": mem, "cpu": cpu, "kernel": platform.release(),
        "python": platform.python_version(),
        "duckdb": peers[0] if len(peers) == 2 else "?", "polars": peers[1] if len(peers) == 2 else "?",
        "swift": capture(["swift", "--version"]).splitlines()[0] if capture(["swift", "--version"]) else "?",
        "indsh": capture([binary, "--version"]) if os.path.exists(binary) else "?",
        "commit": head + (" + uncommitted changes" if dirty else ""), "binary_built": built,
    }


# ---------------------------------------------------------------- checks

KEYS = ["region", "indicator", "measure", "scenario", "period"]


def rows_by_key(path):
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        keys = [k for k in KEYS if k in r.fieldnames]
        out = {}
        for rec in r:
            out.setdefault(tuple(rec[k] for k in keys), rec)
        return keys, out


def differing_examples(expected_path, actual_path, limit=5):
    """A few rows that differ between two outputs, matched by label columns."""
    keys, e = rows_by_key(expected_path)
    _, a = rows_by_key(actual_path)
    lines = []
    missing = [k for k in e if k not in a]
    extra = [k for k in a if k not in e]
    for k in missing[:limit]:
        lines.append("  only in expected: %s" % dict(e[k]))
    for k in extra[:limit]:
        lines.append("  only in actual:   %s" % dict(a[k]))
    shown = 0
    for k, er in e.items():
        ar = a.get(k)
        if ar is None:
            continue
        diff = {}
        for c, ev in er.items():
            av = ar.get(c)
            if av == ev:
                continue
            try:
                if checksums.close(float(av), float(ev)):
                    continue
            except (TypeError, ValueError):
                pass
            diff[c] = (ev, av)
        if diff:
            lines.append("  %s: %s" % ("/".join(k), ", ".join(
                "%s expected %r got %r" % (c, x, y) for c, (x, y) in diff.items())))
            shown += 1
            if shown >= limit:
                break
    if missing or extra:
        lines.insert(0, "  %d keys only in expected, %d only in actual" % (len(missing), len(extra)))
    return lines


def task_checksums(task, directory):
    return {f: checksums.file_checksum(os.path.join(directory, f)) for f in tasks.OUTPUTS[task]}


def compare_task(task, expected, actual):
    diffs = []
    for f in tasks.OUTPUTS[task]:
        if f not in actual:
            diffs.append("%s: missing" % f)
            continue
        diffs += ["%s: %s" % (f, d) for d in checksums.compare_file(expected[f], actual[f])]
    return diffs


# ---------------------------------------------------------------- run

def fmt_s(x):
    if x is None:
        return "—"
    return "%.3f" % x if x < 10 else "%.2f" % x if x < 100 else "%.0f" % x


def fmt_mb(kb):
    return "—" if kb is None else "%.0f" % (kb / 1024)


def summarize(samples):
    ok = [s for s in samples if s["status"] == 0 and not s["timeout"]]
    walls = [s["wall"] for s in ok]
    rss = [s["rss_kb"] for s in ok if s["rss_kb"]]
    return {
        "runs": len(samples), "ok": len(ok), "timeouts": sum(1 for s in samples if s["timeout"]),
        "failures": sum(1 for s in samples if not s["timeout"] and s["status"] != 0),
        "median": statistics.median(walls) if walls else None, "min": min(walls) if walls else None,
        "rss_kb": max(rss) if rss else None, "walls": walls,
        "max_load_before": max((s.get("load_before") or 0 for s in samples), default=0),
        "error": next((s["stderr"].strip()[-400:] for s in samples if s["status"] != 0 and not s["timeout"]), ""),
    }


def startup(runs, threads, binary):
    env = engine_env(threads)
    res = {}
    probes = {
        "indsh": [binary, "-c", "1"],
        "duckdb": [sys.executable, "-c", "import duckdb; duckdb.connect().execute('select 1').fetchall()"],
        "polars": [sys.executable, "-c", "import polars; polars.DataFrame({'a': [1]}).sum()"],
    }
    for engine, argv in probes.items():
        run_timed(argv, ROOT, env, 60)  # warm the page cache
        res[engine] = summarize([run_timed(argv, ROOT, env, 60) for _ in range(runs)])
    return res


def session_times(data, threads, timeout, binary):
    """In-session statement times (.timer on) once the file is loaded."""
    statements = [
        ("yoy, all level series", 'count(yoy(*{measure="level", scenario="actual"})) by ()'),
        ("gap, all growth targets", 'count(gap(*{measure="growth"})) by ()'),
        ("attain, all growth targets", 'count(attain(*{measure="growth"})) by ()'),
        ("count(*) by ()", 'count(*) by ()'),
    ]
    text = ".timer on\n" + "".join(s + "\n" + s + "\n" for _, s in statements)
    r = run_timed([binary, "--no-default-data", "--data", data], ROOT, engine_env(threads), timeout, text)
    found = [float(x) for x in re.findall(r"Run Time: ([0-9.]+) s", r["stdout"] + r["stderr"])]
    out = {}
    for i, (name, s) in enumerate(statements):
        pair = found[2 * i + 1:2 * i + 3] if len(found) > len(statements) * 2 else found[2 * i:2 * i + 2]
        out[name] = {"statement": s, "seconds": min(pair) if pair else None}
    out["_raw"] = found
    out["_status"] = r["status"]
    return out


def cmd_run(args, runs=None, write_docs=None):
    rows = generate.parse_rows(args.rows)
    threads = args.threads or os.cpu_count() or 1
    runs = runs or args.runs
    engines = args.engines.split(",")
    task_list = args.tasks.split(",")
    ensure_time()
    data = ensure_data(rows)
    nrows = sum(1 for _ in open(data, "rb")) - 1
    label = label_of(rows)
    if "indsh" in engines and not os.path.exists(indsh_binary()):
        sys.exit("no indsh binary at %s: swift build -c release (or set INDSH_BINARY)" % indsh_binary())
    binary = snapshot_binary()
    env = engine_env(threads)
    results = {"load_at_start": loadavg(), "rows": nrows, "label": label, "bytes": os.path.getsize(data), "threads": threads, "runs": runs,
               "timeout": args.timeout, "tasks": {}, "machine": machine_info()}
    print("data %s: %d rows, %.0f MB; %d threads; %d runs; timeout %d s" % (
        data, nrows, results["bytes"] / 1e6, threads, runs, args.timeout), file=sys.stderr)
    for task in task_list:
        tr = results["tasks"][task] = {"engines": {}, "checks": {}}
        sums = {}
        for engine in engines:
            out = os.path.join(BENCH, "out", label, engine, task)
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            argv = tasks.commands(engine, task, data, binary)
            samples = []
            for i in range(runs):
                for f in os.listdir(out):
                    os.remove(os.path.join(out, f))
                load = loadavg()
                s = run_timed(argv, out, env, args.timeout)
                s["load_before"] = load
                samples.append(s)
                state = "timeout" if s["timeout"] else ("exit %d" % s["status"] if s["status"] else "ok")
                print("  %s %-6s run %d: %7.3f s  %6s MB  %s  (load %.2f)" % (
                    task, engine, i + 1, s["wall"], fmt_mb(s["rss_kb"]), state, load or 0), file=sys.stderr)
                if s["status"] != 0 and not s["timeout"]:
                    print("    " + s["stderr"].strip()[-600:].replace("\n", "\n    "), file=sys.stderr)
                if s["timeout"] or s["status"] != 0:
                    break  # a timed-out or failing engine is not run again
            tr["engines"][engine] = summarize(samples)
            if not args.no_check and samples[-1]["status"] == 0 and not samples[-1]["timeout"]:
                try:
                    sums[engine] = task_checksums(task, out)
                except (OSError, ValueError) as e:
                    tr["checks"][engine] = ["cannot read output: %s" % e]
        if "duckdb" in sums:
            for engine in sums:
                if engine == "duckdb":
                    continue
                diffs = compare_task(task, sums["duckdb"], sums[engine])
                tr["checks"][engine] = diffs
                if diffs:
                    print("  MISMATCH %s %s vs DuckDB:" % (task, engine), file=sys.stderr)
                    for d in diffs:
                        print("    " + d, file=sys.stderr)
                    for f in tasks.OUTPUTS[task]:
                        if any(d.startswith(f) for d in diffs):
                            ex = differing_examples(os.path.join(BENCH, "out", label, "duckdb", task, f),
                                                    os.path.join(BENCH, "out", label, engine, task, f))
                            tr["checks"].setdefault(engine + ":examples", []).extend(ex)
                            for line in ex:
                                print("  " + line, file=sys.stderr)
                else:
                    print("  %s %s checksums = DuckDB's" % (task, engine), file=sys.stderr)
        tr["checksums"] = sums
    if not args.no_startup:
        results["startup"] = startup(max(runs, 10), threads, binary or indsh_binary())
    if not args.no_session and "indsh" in engines:
        results["session"] = session_times(data, threads, args.timeout, binary)
    results["load_at_end"] = loadavg()
    os.makedirs(BENCH, exist_ok=True)
    with open(os.path.join(BENCH, "results-%s.json" % label), "w") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    md = markdown(results)
    with open(os.path.join(BENCH, "results-%s.md" % label), "w") as f:
        f.write(md)
    print(md)
    if write_docs if write_docs is not None else args.write_docs:
        write_into_docs(label, md)
        print("wrote the table into %s" % DOC, file=sys.stderr)
    bad = any(d for t in results["tasks"].values() for k, d in t["checks"].items()
              if k == "indsh")
    return 1 if bad else 0


def markdown(r):
    m = r["machine"]
    lines = [
        "Run %s: %s rows (%s, %.0f MB), %d threads, median and min of %d runs, timeout %d s per run." % (
            m["date"], format(r["rows"], ","), r["label"], r["bytes"] / 1e6, r["threads"], r["runs"], r["timeout"]),
        "Machine: %s, %s cores (nproc), %s RAM, Linux %s. indsh %s (commit %s, binary built %s), %s; "
        "DuckDB %s, Polars %s, Python %s." % (
            m["cpu"], m["nproc"], m["memory"], m["kernel"], m["indsh"], m["commit"], m["binary_built"],
            m["swift"], m["duckdb"], m["polars"], m["python"]),
        "",
        "| task | indsh median (min) s | DuckDB median (min) s | Polars median (min) s | indsh ÷ faster peer "
        "| peak RSS MB indsh / DuckDB / Polars | RSS ÷ smaller peer | checksums vs DuckDB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for task, tr in r["tasks"].items():
        e = tr["engines"]

        def cell(name):
            s = e.get(name)
            if s is None:
                return "—"
            if s["median"] is None:
                return "timeout (> %d s)" % r["timeout"] if s["timeouts"] else "failed"
            return "%s (%s)" % (fmt_s(s["median"]), fmt_s(s["min"]))

        peers = [e[p] for p in ("duckdb", "polars") if p in e and e[p]["median"] is not None]
        ind = e.get("indsh")
        ratio = rss_ratio = "—"
        if ind and peers:
            best = min(p["median"] for p in peers)
            if ind["median"] is not None:
                ratio = "%.2f×" % (ind["median"] / best)
            elif ind["timeouts"]:
                ratio = "> %.0f×" % (r["timeout"] / best)
            peer_rss = [p["rss_kb"] for p in peers if p["rss_kb"]]
            if ind["rss_kb"] and peer_rss:
                rss_ratio = "%.2f×" % (ind["rss_kb"] / min(peer_rss))
        rss = " / ".join(fmt_mb(e[x]["rss_kb"]) if x in e else "—" for x in ("indsh", "duckdb", "polars"))
        checks = []
        for engine in ("indsh", "polars"):
            if engine not in e:
                continue
            d = tr["checks"].get(engine)
            if d is None:
                checks.append("%s: not checked" % engine)
            elif d:
                checks.append("%s: **MISMATCH** (%s)" % (engine, "; ".join(d[:3]).replace("|", "\\|")))
            else:
                checks.append("%s: equal" % engine)
        lines.append("| %s %s | %s | %s | %s | %s | %s | %s | %s |" % (
            task, tasks.TITLES[task], cell("indsh"), cell("duckdb"), cell("polars"), ratio, rss, rss_ratio,
            "; ".join(checks)))
    loads = [s.get("max_load_before", 0) for t in r["tasks"].values() for s in t["engines"].values()]
    if loads:
        lines += ["", "Load average (1 min) before the runs: at most %.2f%s." % (
            max(loads), " — other work was running on the machine, so the times are noisy"
            if max(loads) > 0.5 + r["threads"] * 0.5 else "")]
    st = r.get("startup")
    if st:
        lines += ["", "Start-up (median (min) of %d, peak RSS): indsh `-c '1'` on the seed data %s s, %s MB; "
                  "for reference, Python + `import duckdb` + a query %s s, Python + `import polars` %s s." % (
                      st["indsh"]["runs"], "%.3f (%.3f)" % (st["indsh"]["median"], st["indsh"]["min"])
                      if st["indsh"]["median"] else "failed", fmt_mb(st["indsh"]["rss_kb"]),
                      "%.3f (%.3f)" % (st["duckdb"]["median"], st["duckdb"]["min"]) if st["duckdb"]["median"] else "—",
                      "%.3f (%.3f)" % (st["polars"]["median"], st["polars"]["min"]) if st["polars"]["median"] else "—")]
    se = r.get("session")
    if se:
        parts = []
        for name, v in se.items():
            if name.startswith("_"):
                continue
            parts.append("%s %s" % (name, "%.3f s" % v["seconds"] if v["seconds"] is not None else "—"))
        lines += ["", "In session once loaded (`.timer on`, best of two runs, includes the count): " +
                  "; ".join(parts) + "."]
    return "\n".join(lines) + "\n"


def write_into_docs(label, md):
    """Replaces the lines between the markers (each alone on its line)."""
    begin, end = "<!-- BENCH %s -->" % label, "<!-- /BENCH %s -->" % label
    text = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else "# Performance\n"
    lines = text.split("\n")
    block = [begin] + md.rstrip("\n").split("\n") + [end]
    if begin in lines and end in lines and lines.index(begin) < lines.index(end):
        a, b = lines.index(begin), lines.index(end)
        lines[a:b + 1] = block
        text = "\n".join(lines)
    else:
        text = text.rstrip("\n") + "\n\n### %s rows\n\n%s\n" % (label, "\n".join(block))
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------- fixture

def cmd_fixture(args):
    """The 100k DuckDB checksums the Swift end-to-end test compares with."""
    rows = generate.parse_rows("100k")
    data = ensure_data(rows, force=True)
    env = engine_env(args.threads or os.cpu_count() or 1)
    fixture = {
        "comment": "DuckDB checksums of the benchmark tasks on the generated 100k panel; written by "
                   "`Scripts/bench fixture`, read by BenchmarkChecksumTests.swift. See docs/PERFORMANCE.md.",
        "generator": {"rows": "100k", "version": generate.VERSION, "bytes": os.path.getsize(data),
                      "crc32": file_crc32(data)},
        "engine": "duckdb " + machine_info()["duckdb"],
        "tasks": [],
    }
    status = 0
    for task in tasks.TASKS:
        with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as di:
            r = run_timed(tasks.commands("duckdb", task, data, indsh_binary()), d, env, 600)
            if r["status"] != 0:
                sys.exit("duckdb %s failed: %s" % (task, r["stderr"]))
            sums = task_checksums(task, d)
            fixture["tasks"].append({"task": task, "statements": tasks.INDSH[task], "outputs": [
                dict(file=f, **sums[f]) for f in tasks.OUTPUTS[task]]})
            if os.path.exists(indsh_binary()):
                ri = run_timed(tasks.commands("indsh", task, data, indsh_binary()), di, env, 600)
                diffs = compare_task(task, sums, task_checksums(task, di)) if ri["status"] == 0 else [
                    "indsh failed: " + ri["stderr"].strip()[-300:]]
                print("%s: indsh %s" % (task, "equal to DuckDB" if not diffs else "differs: " + "; ".join(diffs)),
                      file=sys.stderr)
                status |= bool(diffs)
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %s" % FIXTURE, file=sys.stderr)
    return 0


def cmd_setup(_args):
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r", os.path.join(HERE, "requirements.txt")],
                   check=True)
    ensure_time()
    return 0


def main(argv):
    p = argparse.ArgumentParser(prog="Scripts/bench", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the synthetic panel (standard library only)")
    g.add_argument("--rows", default="1m", help="100k, 1m, 10m or a number (default 1m)")
    g.add_argument("--out", help="output file (default .build-bench/data/panel-ROWS-vN.csv, cached)")
    g.add_argument("--force", action="store_true", help="regenerate even if cached")
    for name in ("run", "check"):
        r = sub.add_parser(name, help="time the tasks in every engine" if name == "run"
                           else "one run per engine and task, checksums compared")
        r.add_argument("--rows", default="1m")
        r.add_argument("--runs", type=int, default=3)
        r.add_argument("--threads", type=int, default=0, help="default: nproc")
        r.add_argument("--engines", default=",".join(tasks.ENGINES))
        r.add_argument("--tasks", default=",".join(tasks.TASKS))
        r.add_argument("--timeout", type=int, default=600, help="seconds per run (default 600)")
        r.add_argument("--no-check", action="store_true", help="skip the checksums")
        r.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
        r.add_argument("--no-session", action="store_true", help="skip the in-session .timer measurement")
        r.add_argument("--write-docs", action="store_true", help="put the table into docs/PERFORMANCE.md")
    f = sub.add_parser("fixture", help="rewrite " + os.path.relpath(FIXTURE, ROOT))
    f.add_argument("--threads", type=int, default=0)
    sub.add_parser("setup", help="pip install the pinned peers; apt-get install time")
    args = p.parse_args(argv)
    if args.command == "generate":
        rows = generate.parse_rows(args.rows)
        path = ensure_data(rows, force=args.force, out=args.out)
        print(path)
        return 0
    if args.command == "run":
        return cmd_run(args)
    if args.command == "check":
        return cmd_run(args, runs=1, write_docs=False)
    if args.command == "fixture":
        return cmd_fixture(args)
    if args.command == "setup":
        return cmd_setup(args)
    return 2
