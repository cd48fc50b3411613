#!/usr/bin/env python3
"""Integration test of hark_spark.py in Spark local mode (local[2]), with plain unittest.

    .build/spark-venv/bin/python Tests/Spark/test_hark_spark.py --hark .build/debug/hark

Checks, against local runs of the same hark binary:
- the merged JSON report of the Spark job is byte for byte the report of one `hark summarize`
  over the Big Listen corpus (--by respondent_type) with 1, 3 and 4 partitions, and the
  per-record results are the local `hark classify` output in input order;
- `hark merge` is commutative and associative: random splits, random merge orders, random
  groupings through intermediate states give the single run's state and report;
- records that cannot be read are counted as in a local run (hostile JSONL exactly; hostile CSV
  exactly where Spark's CSV reader can be, and the documented differences where it cannot);
- records without ids are numbered over the whole input, not per partition;
- a hark process that fails (exit 64, missing lexicons, truncated output) fails the Spark task
  and the job, with hark's message on the driver and in the task log, and leaves no report.

One SparkSession serves all the in-process runs (the JVM start dominates); one run goes through
the command line in a fresh process, as a user would start it. HARK_SPARK_SEED fixes the random
splits.
"""

import argparse
import array
import csv
import fcntl
import glob
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import termios
import threading
import time
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "corpora", "big-listen", "submissions.csv")
JOB = os.path.join(HERE, "hark_spark.py")
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the work tree
import hark_spark  # noqa: E402

OPTIONS = argparse.Namespace(hark=None, lexicons=None)
SPARK = None
TEE = None
TMP = None
CLI_RUN = None  # the command-line run of test_09, started beside the shared session's JVM
# Short runs: no web UI, and a JVM that compiles less (C1 only) and collects garbage on one thread.
SPARK_CONF = {"spark.ui.enabled": "false", "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}
TIMINGS = []


class StderrTee:
    """Copies file descriptor 2 into a buffer while still writing it out. Started before the JVM,
    so that the JVM (driver and, in local mode, executors) and the Python workers inherit it: what
    it captures is the task log."""

    def __init__(self):
        self.buffer = []
        self.lock = threading.Lock()

    def start(self):
        sys.stderr.flush()
        read, write = os.pipe()
        self.original = os.dup(2)
        os.dup2(write, 2)
        os.close(write)

        self.read = read

        def pump():
            with os.fdopen(read, "rb", buffering=0) as pipe:
                while True:
                    chunk = pipe.read(65536)
                    if not chunk:
                        return
                    os.write(self.original, chunk)
                    with self.lock:
                        self.buffer.append(chunk)

        threading.Thread(target=pump, daemon=True).start()

    def stop(self):
        """Writes to file descriptor 2 go straight out again (what unittest prints last must not
        wait in the pipe when the process exits); the JVM keeps its copy of the pipe."""
        sys.stderr.flush()
        deadline = time.time() + 2
        while time.time() < deadline:  # let the pump copy what is in the pipe
            waiting = array.array("i", [0])
            fcntl.ioctl(self.read, termios.FIONREAD, waiting)
            if waiting[0] == 0:
                break
            time.sleep(0.02)
        time.sleep(0.1)
        os.dup2(self.original, 2)

    def mark(self):
        sys.stderr.flush()
        with self.lock:
            return len(self.buffer)

    def since(self, mark, expect=()):
        """What was written since `mark`. The pipe is read asynchronously, and the JVM relays
        the Python workers' output asynchronously too: so wait up to 10 s for the texts in
        `expect` (a string or a list) to arrive."""
        sys.stderr.flush()
        expect = [expect] if isinstance(expect, str) else list(expect)
        deadline = time.time() + 10
        while True:
            with self.lock:
                text = b"".join(self.buffer[mark:]).decode("utf-8", "replace")
            if all(e in text for e in expect) or time.time() > deadline:
                return text
            time.sleep(0.05)


def hark(*arguments, stdin=None, check=True):
    env = dict(os.environ, HARK_LEXICONS=OPTIONS.lexicons)
    result = subprocess.run([OPTIONS.hark] + list(arguments), input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if check and result.returncode not in (0, 1):
        raise AssertionError("hark %s exited %d: %s" % (" ".join(arguments), result.returncode, result.stderr.decode()))
    return result


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def spark_job(name, arguments, hark_binary=None, lexicons=None, fails=False, uri=False, expect=()):
    """Runs hark_spark on the shared session; returns (exit status, output dir, stderr text).
    With fails=True, Spark's own ERROR logs (stack traces of the failed task) are switched off:
    the job's message and hark's relayed stderr still show. With uri=True, --output is a file://
    URI, written through Hadoop's FileSystem as on a cluster. `expect`: the texts of the log that
    the test reads (see StderrTee.since); a failing run always expects the job's error line."""
    out = os.path.join(TMP, name)
    argv = arguments + ["--output", "file://" + out if uri else out,
                        "--hark", hark_binary or OPTIONS.hark, "--lexicons", lexicons or OPTIONS.lexicons]
    mark = TEE.mark()
    started = time.time()
    if fails:
        SPARK.sparkContext.setLogLevel("OFF")
    try:
        status = hark_spark.run(argv, spark=SPARK)
    finally:
        SPARK.sparkContext.setLogLevel("WARN")
    TIMINGS.append((name, time.time() - started))
    expect = [expect] if isinstance(expect, str) else list(expect)
    if fails:
        expect.append("hark-spark: error:")
    return status, out, TEE.since(mark, expect)


def totals(report_bytes):
    return json.loads(report_bytes)["totals"]


class Local:
    """Reference outputs of local runs, computed once."""

    _cache = {}

    @classmethod
    def get(cls, key, make):
        if key not in cls._cache:
            cls._cache[key] = make()
        return cls._cache[key]

    @classmethod
    def report(cls):
        """The JSON report of one local `hark summarize` over the corpus."""
        def make():
            path = os.path.join(TMP, "single-state.json")
            report = hark("summarize", CORPUS, "--by", "respondent_type", "--format", "json", "--partial", path, "--quiet").stdout
            cls._cache["state"] = path
            return report
        return cls.get("report", make)

    @classmethod
    def state(cls):
        """The exact summary state of that run (--partial)."""
        cls.report()
        return cls._cache["state"]

    @classmethod
    def classified(cls):
        return cls.get("classified", lambda: hark(
            "classify", CORPUS, "--include-text", "--keep", "respondent_type", "--emit-errors", "--quiet", "--jobs", "2").stdout)


def small_input():
    path = os.path.join(TMP, "small.jsonl")
    if not os.path.exists(path):
        write(path, "".join('{"id":"%d","text":"Grades are unfair"}\n' % i for i in range(40)))
    return path


def corpus_rows(limit=None):
    with open(CORPUS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


class SparkJobTests(unittest.TestCase):
    maxDiff = 2000

    def assertSameBytes(self, actual, expected, what):
        if actual != expected:
            self.fail("%s differs (%d bytes against %d)" % (what, len(actual), len(expected)))

    # 1 and 2 ----------------------------------------------------------------------------------

    def test_01_report_equals_a_local_run_for_1_3_4_partitions(self):
        sizes = {}
        for n in (1, 3, 4):
            extra = ["--report-format", "json,markdown"] if n == 3 else []
            status, out, log = spark_job("corpus-p%d" % n, ["--input", CORPUS, "--input-format", "csv", "--by", "respondent_type",
                                                           "--partitions", str(n)] + extra)
            self.assertEqual(status, 0, log[-3000:])
            self.assertSameBytes(read(os.path.join(out, "report.json")), Local.report(), "merged report with %d partitions" % n)
            states = sorted(glob.glob(os.path.join(out, "states", "part-*")))
            self.assertEqual(len(states), n)
            sizes[n] = [os.path.getsize(s) for s in states]
            records = b"".join(read(p) for p in sorted(glob.glob(os.path.join(out, "records", "part-*"))))
            self.assertSameBytes(records, Local.classified(), "per-record results with %d partitions" % n)
            self.assertSameBytes(read(os.path.join(out, "state.json")), read(Local.state()), "merged state with %d partitions" % n)
            if n == 3:  # further formats come from the merged state, as `hark merge` renders it
                markdown = hark("merge", Local.state(), "--format", "markdown").stdout
                self.assertSameBytes(read(os.path.join(out, "report.md")), markdown, "markdown report")
        for n, s in sizes.items():
            print("state sizes with %d partition(s): %s bytes" % (n, ", ".join(str(x) for x in s)), file=sys.stderr)

    def test_02_merge_is_commutative_and_associative(self):
        started = time.time()
        self.addCleanup(lambda: TIMINGS.append(("merge algebra (local hark)", time.time() - started)))
        seed = int(os.environ.get("HARK_SPARK_SEED", random.randrange(1 << 30)))
        print("merge test seed: HARK_SPARK_SEED=%d" % seed, file=sys.stderr)
        rng = random.Random(seed)
        lines = Local.classified().splitlines(keepends=True)
        single_state = read(Local.state())
        # A random split into 4 to 6 random subsets (not only runs of consecutive records).
        k = rng.randint(4, 6)
        parts = [[] for _ in range(k)]
        for line in lines:
            parts[rng.randrange(k)].append(line)
        states = []
        for i, part in enumerate(p for p in parts if p):
            path = os.path.join(TMP, "merge-part%d.json" % i)
            hark("summarize", "--from-classified", "--by", "respondent_type", "--partial", path, "--quiet", "-o", os.devnull,
                 stdin=b"".join(part))
            states.append(path)
        # Random orders of one merge, and the reverse of the first.
        orders = [rng.sample(states, len(states)) for _ in range(2)]
        for order in orders + [orders[0][::-1]]:
            merged = hark("merge", *order, "--format", "json").stdout
            self.assertSameBytes(merged, Local.report(), "report of a merge in order %s" % [os.path.basename(p) for p in order])
        # Random groupings: merge random groups of 2 or 3 into intermediate states until one is left.
        for tree in range(2):
            pool = states[:]
            step = 0
            while len(pool) > 1:
                group = rng.sample(pool, rng.randint(2, min(3, len(pool))))
                step += 1
                target = os.path.join(TMP, "merge-tree%d-step%d.json" % (tree, step))
                hark("merge", *group, "--partial", target, "--format", "json", "-o", os.devnull)
                pool = [p for p in pool if p not in group] + [target]
            self.assertSameBytes(read(pool[0]), single_state, "state merged through random groupings (tree %d)" % tree)
            self.assertSameBytes(hark("merge", pool[0], "--format", "json").stdout, Local.report(), "report from random groupings")

    # 5: records that cannot be read --------------------------------------------------------------

    def test_03_hostile_jsonl_is_counted_exactly(self):
        path = write(os.path.join(TMP, "hostile.jsonl"), "".join([
            '{"id":"a","text":"Grades are unfair and the stress is unbearable","respondent_type":"parent"}\n',
            '{"id":"b","respondent_type":"parent"}\n',  # no text: error
            '{"text":"No id here, the inspector was kind","respondent_type":"teacher"}\n',  # numbered 3
            "not json at all\n",  # error
            "\n",  # error
            '{"id":"e","text":""}\r\n',  # empty, CRLF
            "[1,2,3]\n",  # not an object: error
            '{"text":"ok fine","respondent_type":null}\n',
            '{"id":"g","text":"trunc\n',  # broken JSON: error
            "{}\n",  # no text: error
            '{"id":7,"text":"numeric id, I want to die","respondent_type":"parent"}\n',
            '{"text":"last line, no id, no newline"}',
        ]))
        local = hark("summarize", path, "--input-format", "jsonl", "--by", "respondent_type", "--format", "json", "--quiet")
        self.assertEqual(local.returncode, 1)
        reports = os.path.join(TMP, "hostile-jsonl-reports")
        status, out, log = spark_job("hostile-jsonl", ["--input", path, "--by", "respondent_type", "--partitions", "2",
                                                      "--report-dir", reports], uri=True, expect="could not be read")
        self.assertEqual(status, 1, log[-3000:])  # as hark: records could not be read
        report = read(os.path.join(out, "report.json"))
        self.assertEqual(read(os.path.join(reports, "report.json")), report)
        self.assertEqual(read(os.path.join(reports, "state.json")), read(os.path.join(out, "state.json")))
        self.assertEqual(totals(report), totals(local.stdout))
        self.assertEqual(totals(report)["errors"], 6)
        self.assertSameBytes(report, local.stdout, "report on hostile JSONL")
        self.assertIn("could not be read", log)

    def test_04_hostile_csv_is_counted_as_hark_counts_it(self):
        # Too many fields, too few, an empty text, and a quote left open in a middle column.
        exact = write(os.path.join(TMP, "hostile.csv"),
                      "id,text,respondent_type\n1,Grades are unfair,parent\n2,Too many,fields,here,x\n3,short\n4,,teacher\n"
                      "5,\"The inspector, \"\"kind\"\"\nand fair\",teacher\n6,\"unterminated quote,parent\n7,x,y\n")
        local = hark("summarize", exact, "--by", "respondent_type", "--format", "json", "--quiet")
        status, out, log = spark_job("hostile-csv", ["--input", exact, "--by", "respondent_type", "--partitions", "2"])
        self.assertEqual(status, 1, log[-3000:])
        report = read(os.path.join(out, "report.json"))
        self.assertEqual(totals(report)["errors"], 3)
        self.assertSameBytes(report, local.stdout, "report on hostile CSV")
        records = b"".join(read(p) for p in sorted(glob.glob(os.path.join(out, "records", "part-*")))).decode().splitlines()
        self.assertIn("spark_corrupt_record", records[1])  # hark's reason names the corrupt row's key

        # The differences hark_spark.CSV_DIFFERENCES documents, in one run over two files: keep
        # that text true. A blank line (Spark: one record and one error fewer), text after a
        # closing quote, CRLF inside quotes in a CRLF file, and a quote left open in the last
        # column (Spark: one error fewer).
        known = os.path.join(TMP, "known")
        os.makedirs(known)
        write(os.path.join(known, "a.csv"), 'id,text\n1,hello\n\n2,"ok"x\n3,"two\r\nlines"\n')
        write(os.path.join(known, "b.csv"), 'id,text\r\n4,"two\r\nlines"\r\n5,"open\r\n6,x\r\n')
        files = [os.path.join(known, name) for name in ("a.csv", "b.csv")]
        local = totals(hark("summarize", *files, "--format", "json", "--quiet").stdout)
        status, out, log = spark_job("known-differences", ["--input", known, "--input-format", "csv", "--partitions", "2"])
        spark = totals(read(os.path.join(out, "report.json")))
        self.assertEqual((spark["records"], spark["errors"]), (local["records"] - 1, local["errors"] - 2), (spark, local))
        texts = {}
        for line in b"".join(read(p) for p in sorted(glob.glob(os.path.join(out, "records", "part-*")))).decode().splitlines():
            record = json.loads(line)
            texts[record.get("id")] = record.get("text")
        local_texts = {}
        for line in hark("classify", *files, "--include-text", "--emit-errors", "--quiet").stdout.decode().splitlines():
            record = json.loads(line)
            local_texts[record.get("id")] = record.get("text")
        self.assertEqual((local_texts["2"], texts["2"]), ("okx", '"ok"x'))
        self.assertEqual((local_texts["3"], texts["3"]), ("two\r\nlines", "two\r\nlines"))  # an LF file: alike
        self.assertEqual((local_texts["4"], texts["4"]), ("two\r\nlines", "two\nlines"))  # a CRLF file: not
        self.assertNotIn("5", local_texts)
        self.assertEqual(texts["5"], "open\n6,x\n")

    def test_05_records_without_ids_are_numbered_over_the_whole_input(self):
        rows = corpus_rows(120)  # alerts on records 6 and 97: both sides of the partition boundary
        # JSONL as two files in a directory (read in sorted order, two input partitions).
        jsonl = os.path.join(TMP, "noid-jsonl")
        os.makedirs(jsonl)
        for name, chunk in (("b.jsonl", rows[:70]), ("c.jsonl", rows[70:])):
            write(os.path.join(jsonl, name), "".join(
                json.dumps({"respondent_type": r["respondent_type"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in chunk))
        write(os.path.join(jsonl, "_SUCCESS"), "")  # hidden, as Hadoop hides it
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["respondent_type", "region", "text"])
        writer.writerows([r["respondent_type"], r["region"], r["text"]] for r in rows)
        csv_path = write(os.path.join(TMP, "noid.csv"), buffer.getvalue())
        for path, files in ((jsonl, [os.path.join(jsonl, "b.jsonl"), os.path.join(jsonl, "c.jsonl")]), (csv_path, [csv_path])):
            local = hark("summarize", *files, "--by", "respondent_type", "--format", "json", "--quiet").stdout
            self.assertIn(b'"ids":["6","97"]', local)  # the alerts name records by number
            status, out, log = spark_job("noid-" + os.path.basename(path), ["--input", path, "--input-format", "jsonl" if path == jsonl else "csv",
                                                                          "--by", "respondent_type", "--partitions", "2"])
            self.assertEqual(status, 0, log[-3000:])
            self.assertSameBytes(read(os.path.join(out, "report.json")), local, "report without ids (%s)" % path)

    def test_06_missing_columns(self):
        # CSV: hark exits 64 for a missing column before reading records; so does the job.
        status, out, log = spark_job("missing-column", ["--input", CORPUS, "--text-column", "nope", "--partitions", "2"],
                                     expect="no column 'nope'")
        self.assertEqual(status, 64)
        self.assertIn("no column 'nope'; available columns: id, respondent_type, sector, region, text", log)
        self.assertFalse(os.path.exists(os.path.join(out, "report.json")))
        # JSONL: hark reads a missing field as a per-record error (exit 1), not a usage error; the
        # job hands JSONL lines to hark unchanged, so it counts them as hark does (test_03).
        path = write(os.path.join(TMP, "fields.jsonl"), '{"id":"1","body":"a"}\n{"id":"2","body":"b"}\n')
        local = hark("summarize", path, "--text-column", "nope", "--format", "json", "--quiet")
        self.assertEqual((local.returncode, totals(local.stdout)["errors"]), (1, 2))

    # 5: a hark process that fails --------------------------------------------------------------

    def fake_hark(self, name, body):
        path = os.path.join(TMP, name)
        write(path, "#!/bin/sh\n" + body + "\n")
        os.chmod(path, 0o755)
        return path

    def assertTaskFailed(self, status, out, log, message, from_hark=True):
        """The job failed with `message` in its error line and, when hark printed it
        (from_hark), in the task log as relayed from hark's stderr; it wrote no report."""
        self.assertEqual(status, hark_spark.EX_SOFTWARE, log[-3000:])
        driver = [line for line in log.splitlines() if line.startswith("hark-spark: error:")]
        self.assertTrue(driver and message in driver[-1], "driver error line lacks %r: %s" % (message, driver))
        if from_hark:
            relayed = [line for line in log.splitlines() if line.startswith("[hark ") and message in line]
            self.assertTrue(relayed, "hark's message is not in the task log: %s" % log[-3000:])
        for name in ("report.json", "state.json"):
            self.assertFalse(os.path.exists(os.path.join(out, name)), name + " written by a failed job")

    def test_07_a_failing_hark_fails_the_task(self):
        fake = self.fake_hark("hark-exit-64", 'cat >/dev/null; echo "hark: error: simulated usage error" >&2; exit 64')
        status, out, log = spark_job("fail-64", ["--input", small_input(), "--partitions", "2"], hark_binary=fake, fails=True,
                                     expect="] hark: error: simulated usage error")
        self.assertTaskFailed(status, out, log, "hark: error: simulated usage error")
        self.assertIn("exited with status 64", log)

        empty = os.path.join(TMP, "empty-lexicons")
        os.makedirs(empty, exist_ok=True)
        status, out, log = spark_job("fail-lexicons", ["--input", small_input(), "--partitions", "2"], lexicons=empty, fails=True,
                                     expect="] hark: error: bundled lexicons not found")
        self.assertTaskFailed(status, out, log, "bundled lexicons not found")

    def test_08_short_output_is_never_taken_for_a_result(self):
        # classify that drops records, exit 0.
        fake = self.fake_hark("hark-short-classify", 'if [ "$1" = classify ]; then exec head -n 1; fi\nexec "%s" "$@"' % OPTIONS.hark)
        status, out, log = spark_job("short-classify", ["--input", small_input(), "--partitions", "2"], hark_binary=fake, fails=True)
        self.assertTaskFailed(status, out, log, "wrote 1 lines for 20 records", from_hark=False)
        # summarize that writes no state, exit 1 (data errors: accepted as a status).
        fake = self.fake_hark("hark-no-state", 'if [ "$1" = summarize ]; then cat >/dev/null; exit 1; fi\nexec "%s" "$@"' % OPTIONS.hark)
        status, out, log = spark_job("no-state", ["--input", small_input(), "--partitions", "2"], hark_binary=fake, fails=True)
        self.assertTaskFailed(status, out, log, "wrote 0 lines, not one summary state", from_hark=False)
        # summarize that reads only the first record of its partition: a good state, too few records.
        fake = self.fake_hark("hark-short-summarize", 'if [ "$1" = summarize ]; then head -n 1 | "%s" "$@"; exit; fi\nexec "%s" "$@"'
                              % (OPTIONS.hark, OPTIONS.hark))
        status, out, log = spark_job("short-summarize", ["--input", small_input(), "--partitions", "2"], hark_binary=fake, fails=True)
        self.assertEqual(status, hark_spark.EX_SOFTWARE, log[-3000:])
        self.assertIn("hark-spark: error: the merged states count 2 records, Spark read 40", log)
        for name in ("report.json", "state.json"):
            self.assertFalse(os.path.exists(os.path.join(out, name)), name + " written by a failed job")

    def test_09_command_line_run_that_fails(self):
        """The job as users start it, in its own process and JVM: missing lexicons exit non-zero,
        with hark's message from the driver and from the executor's log."""
        CLI_RUN["waiter"].join(timeout=600)
        self.assertFalse(CLI_RUN["waiter"].is_alive(), "the command-line run did not end within 10 minutes")
        out = CLI_RUN["out"]
        log = CLI_RUN["stderr"].decode("utf-8", "replace")
        self.assertEqual(CLI_RUN["process"].returncode, 70, log[-3000:])
        self.assertRegex(log, r"hark-spark: error: a Spark job failed: hark classify \(partition \d\) exited with status 66: "
                              r"hark: error: bundled lexicons not found")
        self.assertRegex(log, r"\[hark classify \(partition \d\)\] hark: error: bundled lexicons not found")
        self.assertFalse(os.path.exists(os.path.join(out, "report.json")))

    def test_10_drivers_staging_at_once_do_not_collide(self):
        """Two jobs started together stage the same binary into one folder (CI's first run did:
        one driver's rename took the temporary copy from under the other's). Eight threads stage
        one new binary at once, in rounds, each round into an empty folder."""
        import filecmp
        import types
        for round_number in range(10):
            staging = os.path.join(TMP, "staging-race-%d" % round_number)
            previous = os.environ["HARK_SPARK_STAGING"]
            os.environ["HARK_SPARK_STAGING"] = staging
            try:
                args = types.SimpleNamespace(hark=OPTIONS.hark, no_ship=True, lexicons=OPTIONS.lexicons)
                results, failures = [], []
                barrier = threading.Barrier(8)

                def stage():
                    barrier.wait()
                    try:
                        results.append(hark_spark.ship(None, args)[0])
                    except Exception as error:  # noqa: BLE001 - the test reports any failure
                        failures.append(repr(error))

                threads = [threading.Thread(target=stage) for _ in range(8)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            finally:
                os.environ["HARK_SPARK_STAGING"] = previous
            self.assertEqual(failures, [])
            self.assertEqual(len(set(results)), 1, results)
            self.assertTrue(os.access(results[0], os.X_OK))
            self.assertTrue(filecmp.cmp(results[0], OPTIONS.hark, shallow=False))
            self.assertEqual(sorted(os.listdir(staging)), [os.path.basename(results[0])], "temporary copies left behind")


def start_cli_run():
    """Starts test_09's run of the command line: its JVM starts while the shared one does."""
    empty = os.path.join(TMP, "empty-lexicons-cli")
    os.makedirs(empty, exist_ok=True)
    out = os.path.join(TMP, "cli-fail")
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, JOB, "--input", CORPUS, "--by", "respondent_type", "--partitions", "2", "--output", out,
         "--hark", OPTIONS.hark, "--lexicons", empty] + sum((["--conf", "%s=%s" % kv] for kv in SPARK_CONF.items()), []),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    result = {"process": process, "out": out}

    def wait():
        result["stdout"], result["stderr"] = process.communicate()
        TIMINGS.append(("cli-fail (own JVM, beside the others)", time.time() - started))

    result["waiter"] = threading.Thread(target=wait, daemon=True)
    result["waiter"].start()
    return result


def setUpModule():
    global SPARK, TEE, TMP, CLI_RUN
    # PySpark's local iterator leaves its socket to the garbage collector.
    warnings.filterwarnings("ignore", category=ResourceWarning, message="unclosed <socket")
    TMP = tempfile.mkdtemp(prefix="hark-spark-test-")
    os.environ["HARK_SPARK_STAGING"] = os.path.join(TMP, "staging")  # the shipped copies go with TMP
    CLI_RUN = start_cli_run()
    TEE = StderrTee()
    TEE.start()
    started = time.time()
    SPARK = hark_spark.create_session("local[2]", "hark-spark-test", conf=SPARK_CONF)
    TIMINGS.append(("SparkSession start", time.time() - started))


def tearDownModule():
    if SPARK is not None:
        SPARK.stop()
    if TEE is not None:
        TEE.stop()
    if CLI_RUN is not None and CLI_RUN["process"].poll() is None:
        CLI_RUN["process"].kill()
        CLI_RUN["waiter"].join()
    print("timings: " + ", ".join("%s %.1fs" % t for t in TIMINGS), file=sys.stderr)
    if os.environ.get("HARK_SPARK_KEEP"):
        print("kept " + TMP, file=sys.stderr)
    else:
        shutil.rmtree(TMP, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hark", default=os.path.join(ROOT, ".build", "debug", "hark"), help="the hark binary under test")
    parser.add_argument("--lexicons", default=os.path.join(ROOT, "lexicons"))
    options, rest = parser.parse_known_args()
    OPTIONS.hark = os.path.abspath(options.hark)
    OPTIONS.lexicons = os.path.abspath(options.lexicons)
    if not os.access(OPTIONS.hark, os.X_OK):
        sys.exit("not an executable: %s" % OPTIONS.hark)
    os.environ.pop("HARK_LEXICONS", None)  # the job gets --lexicons; nothing else may help it
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
