#!/usr/bin/env python3
"""Hark on Apache Spark: classify and summarise free-text records on a cluster, exactly.

The job reads CSV or JSONL records, numbers them, splits them into N partitions of consecutive
records and pipes each partition through one `hark classify` process and then one
`hark summarize --from-classified --partial -` process. The driver merges the N partial states
with `hark merge`: the merged JSON report is byte for byte the report of one local
`hark summarize` over the same input, whatever N is (the merge is exact, commutative and
associative).

    python hark_spark.py --input submissions.csv --by respondent_type \\
        --hark .build/release/hark --lexicons lexicons --partitions 8 --output out/
    spark-submit --master yarn hark_spark.py --input hdfs:///data/responses.jsonl ...

--output DIR receives:
    records/part-NNNNN   one JSON object per input record (`hark classify` output, with the
                         text); the parts in order are the input in order. A record that
                         could not be read is {"error":{...}} naming "<stdin>" and its line
                         within the partition
    states/part-NNNNN    one exact summary state per partition (one line each)
    state.json           the merged state (`hark merge state.json --format html -o x.html`)
    report.json          the report (and report.md / report.html with --report-format)

How records are handed to hark (each Spark row becomes one JSON line for
`hark classify --input-format jsonl`):

* CSV is read with Spark's CSV reader (header, multiLine, escape '"', PERMISSIVE mode with a
  corrupt-record column). A good row becomes {"id": ..., "text": ..., <by columns>...}. A row
  Spark marks corrupt (wrong number of fields, for instance) becomes
  {"spark_corrupt_record": <raw text>, "spark_record": <number>}: it has no text field, so hark
  reports it as a data error ("no field 'text'") and counts it in the report's totals.errors, as
  a local run counts the record it cannot read. Spark's reader and hark's own CSV reader do not
  agree on every malformed input; see CSV_DIFFERENCES below.
* JSONL lines are handed to hark unchanged, so hark itself decides what is an error (not a JSON
  object, no text field), exactly as in a local run. Lines are split at "\\n" only and one "\\r"
  before it is dropped, as hark does.
* All CSV files of one run must share the first file's header (one schema for all).
* Ids are global: a record without an id (no id column, or none in that JSON object) gets its
  1-based position in the whole input (numbered with zipWithIndex before repartitioning), the
  number a local run gives it, not its position inside a partition.

Each partition goes through hark as RDD.pipe(..., checkCode=True) would pipe it, but with the
binary and HARK_LEXICONS resolved on the executor (SparkFiles.get), exit status 1 (records that
could not be read, reported in-band) taken as success, and hark's standard error copied to the
task log and into the task's error: see pipe_through_hark. A partition whose hark fails, or
writes fewer lines than it was given, or no state, fails its task and the job; so do merged
states that count fewer records than Spark read. No state.json or report is written then.

Exit status, as hark's: 0 ok; 1 some records could not be read (counted in the report's
totals.errors as a local run counts them, and written to records/ as {"error":...} lines);
64 usage error (a --text-column or --by column missing from the CSV header: hark exits 64 for
it too); 66 no input files; 69 hark not found; 73 --output not empty (see --overwrite); 70 a
Spark job failed, e.g. a hark process exited with a status other than 0 or 1 (its message is in
the task's stderr log and in the error printed here).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

# Spark's CSV reader against hark's own, on malformed CSV (checked with pyspark 3.5.8 and 4.1.1;
# Tests/Spark/test_hark_spark.py checks each case, so that this list stays true):
CSV_DIFFERENCES = """\
- Counted alike: a record with too many or too few fields (both: one error), and a quote left
  open in any column but the last (hark: the rest of the file is one bad record; Spark: the
  same, marked corrupt because its field count is wrong).
- A blank line between records: hark reads a record of one field ("expected N fields, found 1"),
  an error; Spark skips it. The Spark run counts one record and one error fewer, and, without an
  id column, numbers the records after it one lower.
- A quote left open in the last column: hark reports the rest of the file as one bad record;
  Spark takes the rest of the file (newlines, later records) as that field's text, a good record
  if the field count fits. The Spark run counts one error fewer and analyses that text.
- Text after a closing quote ("ok"x): hark keeps it without the quotes (okx), Spark keeps the
  quotes too ("ok"x). Same counts, different text.
- A line break inside a quoted field of a file whose lines end in CRLF: hark keeps CRLF, Spark
  (univocity, which detects the file's line ending) turns it into LF. Same counts; the text
  differs by the CR. In a file with LF line ends, a CRLF inside quotes stays CRLF in both.
- Without an id column, the records of several CSV files are numbered in the order Spark reads
  the files (largest first), a local run's in command-line order: ids then differ. One file, or
  an id column, avoids it.
JSONL has none of these: its lines reach hark unchanged (split at LF, a CR before it dropped, as
hark splits them), and hark judges each line as in a local run; several JSONL files are read in
sorted order, as `hark summarize dir/*.jsonl` reads them.
"""

CORRUPT_COLUMN = "_hark_spark_corrupt"
CORRUPT_KEY = "spark_corrupt_record"
EX_OK, EX_DATA, EX_USAGE, EX_UNAVAILABLE, EX_SOFTWARE, EX_CANTCREAT = 0, 1, 64, 69, 70, 73
MERGE_BATCH = 64  # states per `hark merge` call on the driver (a tree of merges past that)


class JobError(Exception):
    """An error that ends the job with a message and an exit status."""

    def __init__(self, message: str, status: int = EX_SOFTWARE):
        super().__init__(message)
        self.status = status


class HarkProcessError(RuntimeError):
    """A hark process on an executor failed; the message carries its exit status and stderr."""


# ---------------------------------------------------------------------------------------------
# Command line


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="hark_spark.py",
        description="Classify and summarise free-text records with hark on Spark; the merged "
        "report equals a single local `hark summarize` run byte for byte.",
        epilog="Malformed CSV that Spark's reader and hark's reader count differently:\n" + CSV_DIFFERENCES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--input", required=True, metavar="PATH", help="input file, directory or glob (any Hadoop file system)")
    p.add_argument("--input-format", choices=["csv", "jsonl"], help="default: by extension (.csv, else jsonl)")
    p.add_argument("--text-column", default="text", metavar="NAME", help="column or JSON field with the text (default: text)")
    p.add_argument("--id-column", default="id", metavar="NAME", help="column or JSON field with the record id (default: id); "
                   "records without one are numbered 1..N over the whole input")
    p.add_argument("--by", action="append", default=[], metavar="COLUMN",
                   help="break the report down by this column (repeatable, or comma-separated)")
    p.add_argument("--partitions", type=int, metavar="N", help="number of partitions, i.e. hark processes "
                   "(default: Spark's default parallelism)")
    p.add_argument("--output", required=True, metavar="DIR",
                   help="output directory: a local path, or a URI on any Hadoop file system "
                   "(hdfs://, s3a://, abfss://, file://...)")
    p.add_argument("--report-dir", metavar="DIR", help="also copy state.json and the reports into "
                   "this local directory on the driver")
    p.add_argument("--overwrite", action="store_true", help="replace what a previous run left in --output")
    p.add_argument("--hark", default=os.environ.get("HARK", "hark"), metavar="PATH",
                   help="the hark binary on the driver, shipped to the executors with addFile "
                   "(default: $HARK, else hark on the PATH)")
    p.add_argument("--lexicons", default=os.environ.get("HARK_LEXICONS"), metavar="DIR",
                   help="hark's lexicons: a directory (shipped as a zip archive) or a .zip/.tar.gz "
                   "archive of it (default: $HARK_LEXICONS; none: hark looks beside its binary)")
    p.add_argument("--no-ship", action="store_true",
                   help="do not ship hark and the lexicons: --hark and --lexicons are paths valid "
                   "on every executor as they are (installed there, or put in the executors' "
                   "working directory by spark-submit --files/--archives)")
    p.add_argument("--report-format", action="append", metavar="FORMAT",
                   help="json (default), markdown, html; repeatable or comma-separated")
    p.add_argument("--master", help="Spark master (default: local[2]; under spark-submit, its --master)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting for the session this job creates (repeatable)")
    p.add_argument("--app-name", default="hark")
    args = p.parse_args(argv)

    args.by = [c.strip() for value in args.by for c in value.split(",") if c.strip()]
    formats = [f.strip() for value in (args.report_format or ["json"]) for f in value.split(",") if f.strip()]
    aliases = {"md": "markdown", "markdown": "markdown", "json": "json", "html": "html"}
    bad = [f for f in formats if f not in aliases]
    if bad:
        p.error("--report-format: unknown format %s (json, markdown, html)" % ", ".join(bad))
    args.report_format = list(dict.fromkeys(aliases[f] for f in formats))
    if args.input_format is None:
        args.input_format = "csv" if args.input.lower().rstrip("/").endswith(".csv") else "jsonl"
    try:
        args.conf = dict(item.split("=", 1) for item in args.conf)
    except ValueError:
        p.error("--conf takes KEY=VALUE")
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    # A plain path is written with Python's file functions; a URI through Hadoop's FileSystem.
    args.output_is_local = _scheme(args.output) == ""
    return args


def _scheme(path):
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", path)
    return m.group(1).lower() if m and len(m.group(1)) > 1 else ""


def _local_path(path):
    return path[len("file:"):] if path.startswith("file:") else path


# ---------------------------------------------------------------------------------------------
# hark and its lexicons on the executors


class HarkSpec:
    """How an executor finds hark and its lexicons. Built on the driver, used on executors."""

    def __init__(self, hark, hark_file=None, lexicons=None, lexicons_file=None):
        self.hark = hark  # path or command, used as is unless hark_file is set
        self.hark_file = hark_file  # SparkFiles name of the shipped binary
        self.lexicons = lexicons  # directory, used as is unless lexicons_file is set
        self.lexicons_file = lexicons_file  # SparkFiles name of the shipped archive

    def resolve(self):
        """(hark path, environment) on this executor."""
        env = dict(os.environ)
        hark = self.hark
        if self.hark_file or self.lexicons_file:
            from pyspark import SparkFiles
        if self.hark_file:
            hark = SparkFiles.get(self.hark_file)
            if not os.access(hark, os.X_OK):
                try:
                    os.chmod(hark, 0o755)
                except OSError:
                    pass
        lexicons = self.lexicons
        if self.lexicons_file:
            lexicons = _lexicon_root(SparkFiles.get(self.lexicons_file))
        if lexicons:
            env["HARK_LEXICONS"] = lexicons
        return hark, env


def _lexicon_root(directory):
    """The lexicon directory inside an unpacked archive: its root, or its only subdirectory."""
    try:
        entries = [e for e in os.listdir(directory) if not e.startswith(".")]
    except OSError:
        return directory
    if len(entries) == 1 and os.path.isdir(os.path.join(directory, entries[0])) and entries[0] not in ("themes", "sentiment"):
        return os.path.join(directory, entries[0])
    return directory


def _digest(path):
    h = hashlib.sha256()
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                h.update(os.path.relpath(full, path).encode("utf-8") + b"\0")
                with open(full, "rb") as f:
                    h.update(hashlib.sha256(f.read()).digest())
    else:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


def _add_once(sc, kind, path):
    """sc.addFile/addArchive, once per SparkContext (Spark warns on a second add)."""
    added = getattr(sc, "_hark_spark_added", None)
    if added is None:
        added = set()
        sc._hark_spark_added = added
    if (kind, path) in added:
        return
    if kind == "file":
        sc.addFile(path)
    elif kind == "archive":
        sc.addArchive(path)
    else:
        sc.addPyFile(path)
    added.add((kind, path))


def _staging_dir():
    """Where the driver keeps the copies it ships ($HARK_SPARK_STAGING, else a folder in the
    temporary directory, reused by later runs)."""
    d = os.environ.get("HARK_SPARK_STAGING") or os.path.join(tempfile.gettempdir(), "hark-spark-%d" % os.getuid())
    os.makedirs(d, exist_ok=True)
    return d


def _private_name(path):
    """A temporary name beside `path` that no other process or thread uses. Two drivers staging
    the same binary at once (two jobs started together share the staging folder) must not write
    to one temporary file: the first os.replace would take it from under the second's copy."""
    return "%s.%d-%d.tmp" % (path, os.getpid(), threading.get_ident())


def ship(sc, args):
    """Adds hark and the lexicons to the SparkContext (unless --no-ship); returns the driver's hark
    path (for the merge) and the executors' HarkSpec.

    Files are staged under names that carry a digest of their content, so that one SparkContext
    can run jobs with different binaries or lexicons (Spark refuses a second file of the same name).
    """
    found = args.hark if os.sep in args.hark else shutil.which(args.hark)
    if not found or not os.path.isfile(found):
        raise JobError("hark not found: %s (give --hark PATH, or put hark on the PATH); the driver "
                       "runs `hark merge`" % args.hark, EX_UNAVAILABLE)
    # The driver runs a staged copy: a file that spark-submit --files put in a YARN or Kubernetes
    # container's working directory may have lost its executable bit.
    staging = _staging_dir()
    name = "hark-%s" % _digest(found)
    staged = os.path.join(staging, name)
    if not os.path.exists(staged):
        tmp = _private_name(staged)
        shutil.copy2(found, tmp)
        os.chmod(tmp, 0o755)
        os.replace(tmp, staged)
    if args.no_ship:
        return staged, HarkSpec(args.hark, lexicons=args.lexicons)

    _add_once(sc, "file", staged)
    spec = HarkSpec(args.hark, hark_file=name)

    if args.lexicons:
        source = _local_path(args.lexicons)
        if os.path.isdir(source):
            # A local directory cannot be added recursively outside local mode: ship a zip of it.
            base = "hark-lexicons-%s" % _digest(source)
            archive = os.path.join(staging, base + ".zip")
            if not os.path.exists(archive):
                tmp = shutil.make_archive(_private_name(os.path.join(staging, base)), "zip", root_dir=source)
                os.replace(tmp, archive)
            _add_once(sc, "archive", archive)
            spec.lexicons_file = os.path.basename(archive)
        elif re.search(r"\.(zip|jar|tar|tar\.gz|tgz)$", source):
            _add_once(sc, "archive", args.lexicons)
            spec.lexicons_file = os.path.basename(source)
        else:
            raise JobError("--lexicons %s: not a directory or a .zip/.tar.gz archive" % args.lexicons, EX_USAGE)
    return staged, spec


# ---------------------------------------------------------------------------------------------
# Piping a partition through hark (runs on the executors)


def pipe_through_hark(lines, spec, arguments, stage, partition, check):
    """Pipes `lines` (strings without newlines) through `hark <arguments>` and yields its output
    lines.

    This is RDD.pipe(command, env, checkCode=True) with three differences: the binary and
    HARK_LEXICONS are resolved here, on the executor (SparkFiles.get only knows the executor's
    copy there, and RDD.pipe fixes its command and environment on the driver); exit status 1
    (records that could not be read, already reported in-band as {"error":...} lines and counted
    by summarize) is success, any other status fails the task; and hark's standard error is
    copied to the executor's standard error (the task log), its last lines also into the
    exception, so that the driver shows the message too. `check(fed, produced, last_line)`
    validates the output once hark has exited.
    """
    hark, env = spec.resolve()
    label = "hark %s (partition %d)" % (stage, partition)
    argv = [hark] + arguments
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except OSError as e:
        raise HarkProcessError("%s could not start %s: %s" % (label, hark, e))

    fed = [0]  # the partition's records: all of them, also those hark did not read
    feed_error = []
    tail = collections.deque(maxlen=30)

    def feed():
        try:
            for line in lines:
                fed[0] += 1
                proc.stdin.write(line.encode("utf-8") + b"\n")
        except BrokenPipeError:
            # hark stopped reading: its exit status says why, or the count check below does.
            fed[0] += sum(1 for _ in lines)
        except BaseException as e:  # the upstream iterator failed
            feed_error.append(e)
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def relay_stderr():
        for raw in proc.stderr:
            text = raw.decode("utf-8", "replace").rstrip("\n")
            tail.append(text)
            try:
                sys.stderr.write("[%s] %s\n" % (label, text))
                sys.stderr.flush()
            except Exception:
                pass

    feeder = threading.Thread(target=feed, name="hark-feed", daemon=True)
    relay = threading.Thread(target=relay_stderr, name="hark-stderr", daemon=True)
    feeder.start()
    relay.start()
    produced = 0
    last = None
    finished = False
    try:
        for raw in proc.stdout:
            last = raw.decode("utf-8").rstrip("\n")
            produced += 1
            yield last
        status = proc.wait()
        feeder.join()
        relay.join()
        finished = True
    finally:
        if not finished:  # the consumer stopped early or failed: do not leave hark behind
            proc.kill()
            proc.wait()
    if feed_error:
        raise feed_error[0]
    if status not in (0, 1):
        how = "was killed by signal %d" % -status if status < 0 else "exited with status %d" % status
        message = "%s %s: %s" % (label, how, " | ".join(tail) or "(no message on standard error)")
        raise HarkProcessError(message)
    problem = check(fed[0], produced, last)
    if problem:
        raise HarkProcessError("%s: %s; hark said: %s" % (label, problem, " | ".join(tail) or "nothing"))


def _check_classified(fed, produced, last):
    if produced != fed:
        return "wrote %d lines for %d records (with --emit-errors it writes one per record)" % (produced, fed)
    return None


def _check_state(fed, produced, last):
    # Only the shape here: a state can be tens of MB, too big to parse in every task. That the
    # states count every record is checked once, on the merged report (merge_states).
    if produced != 1:
        return "wrote %d lines, not one summary state" % produced
    if not (last.startswith("{") and last.endswith("}")):
        return "did not write a summary state (%r...)" % last[:80]
    return None


# ---------------------------------------------------------------------------------------------
# Records to JSON lines (runs on the executors)


def _set_path(obj, dotted, value):
    """Sets obj[a][b] = value for "a.b", as hark reads dotted JSON paths."""
    keys = dotted.split(".")
    for key in keys[:-1]:
        nxt = obj.get(key)
        if not isinstance(nxt, dict):
            nxt = obj[key] = {}
        obj = nxt
    obj[keys[-1]] = value


def _has_path(obj, dotted):
    for key in dotted.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return False
        obj = obj[key]
    return True


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class CSVLayout:
    """Where the id, text and --by columns are in a CSV row, and the keys they get in the line."""

    def __init__(self, header, text_column, id_column, by):
        self.text_index = header.index(text_column)
        self.id_index = header.index(id_column) if id_column in header else None
        self.by = [(name, header.index(name)) for name in by]
        roots = {name.split(".")[0] for name in by}
        # The keys hark is told to read (--text-column/--id-column); never a --by column's.
        self.text_key = "text" if "text" not in roots else "_hark_text"
        self.id_key = "id" if "id" not in roots else "_hark_id"

    def line(self, row, number):
        """The JSON line for a row of strings (None for empty) ending in the corrupt-record column."""
        if row[-1] is not None:
            return _dumps({CORRUPT_KEY: row[-1], "spark_record": number})
        obj = {}
        obj[self.id_key] = (row[self.id_index] or "") if self.id_index is not None else str(number)
        obj[self.text_key] = row[self.text_index] or ""
        for name, index in self.by:
            _set_path(obj, name, row[index] or "")
        return _dumps(obj)


def jsonl_line(line, number, id_column):
    """A JSONL line as hark will read it, with the record's global number as its id when it has
    none. Anything but a JSON object with an id goes through unchanged; hark judges it."""
    if line.endswith("\r"):
        line = line[:-1]
    try:
        obj = json.loads(line)
    except ValueError:
        return line
    if not isinstance(obj, dict) or _has_path(obj, id_column):
        return line
    if "." not in id_column:
        # Insert the id without re-serialising, so that hark sees every other value as written.
        member = _dumps(id_column) + ":" + _dumps(str(number))
        if not obj:
            return "{" + member + "}"
        brace = line.index("{")
        return line[: brace + 1] + member + "," + line[brace + 1 :]
    _set_path(obj, id_column, str(number))
    return _dumps(obj)


# ---------------------------------------------------------------------------------------------
# The job


def input_files(sc, pattern):
    """The files a path, directory or glob names, sorted by path, as a shell lists `dir/*`
    (hidden files, _ or . first, left out as Hadoop leaves them out)."""
    jvm = sc._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(pattern)
    fs = hadoop_path.getFileSystem(sc._jsc.hadoopConfiguration())
    files = []
    for status in fs.globStatus(hadoop_path) or []:
        children = fs.listStatus(status.getPath()) if status.isDirectory() else [status]
        for child in children:
            name = child.getPath().getName()
            if child.isFile() and not name.startswith(("_", ".")):
                files.append(child.getPath().toString())
    if not files:
        raise JobError("no input files: %s" % pattern, 66)
    return sorted(files)


def read_records(spark, args):
    """(RDD of (number, JSON line for hark), hark's --text-column, --id-column) for the input."""
    sc = spark.sparkContext
    files = input_files(sc, args.input)
    if args.input_format == "jsonl":
        # Files in sorted order, so that records without ids are numbered as a local run over
        # the same files in that order numbers them.
        lines = sc.newAPIHadoopFile(
            ",".join(files),
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
            "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text",
            conf={"textinputformat.record.delimiter": "\n"},  # hark splits at LF only
        ).values()
        id_column = args.id_column
        numbered = lines.zipWithIndex()
        return numbered.map(lambda li: (li[1], jsonl_line(li[0], li[1] + 1, id_column))), args.text_column, args.id_column

    from pyspark.sql.types import StringType, StructField, StructType

    options = {"multiLine": "true", "escape": '"', "quote": '"'}
    first = spark.read.options(header="false", **options).csv(files[0]).limit(1).collect()
    if not first:  # no header at all: no records (as hark reads an empty file)
        return sc.parallelize([], 1), args.text_column, args.id_column
    raw = [value or "" for value in first[0]]
    header = [name.strip() for name in raw]
    missing = [c for c in [args.text_column] + args.by if c not in header]
    if missing:
        raise JobError("%s: no column '%s'; available columns: %s" % (args.input, missing[0], ", ".join(header)), EX_USAGE)
    layout = CSVLayout(header, args.text_column, args.id_column, args.by)
    # Columns are found as hark finds them (trimmed names, the first of duplicates), by position.
    # The schema keeps the header's own names when Spark can take them (so that its header check
    # stays quiet), else positional names.
    lowered = [name.lower() for name in raw]
    usable = all(raw) and len(set(lowered)) == len(raw) and CORRUPT_COLUMN.lower() not in lowered
    names = raw if usable else ["c%d" % i for i in range(len(raw))]
    schema = StructType([StructField(name, StringType()) for name in names] + [StructField(CORRUPT_COLUMN, StringType())])
    frame = (
        spark.read.schema(schema)
        .options(header="true", mode="PERMISSIVE", columnNameOfCorruptRecord=CORRUPT_COLUMN, **options)
        .csv(files)
    )
    numbered = frame.rdd.map(tuple).zipWithIndex()
    return numbered.map(lambda ri: (ri[1], layout.line(ri[0], ri[1] + 1))), layout.text_key, layout.id_key


def _in_ranges(numbered_lines, partitions, total):
    """Partitions of consecutive records, each in input order."""
    if total == 0:
        return numbered_lines.context.parallelize([], 1), 1
    partitions = min(partitions, total)
    return (
        numbered_lines.repartitionAndSortWithinPartitions(partitions, partitionFunc=lambda k: k * partitions // total).values(),
        partitions,
    )


REPORT_FILES = ["state.json", "report.json", "report.md", "report.html"]


def _hadoop_fs(sc, uri):
    path = sc._jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(sc._jsc.hadoopConfiguration()), path


def _prepare_output(args, sc):
    """Refuses to mix with an earlier run's output (or, with --overwrite, removes it)."""
    def refuse(what):
        raise JobError("%s exists (give --overwrite to replace it)" % what, EX_CANTCREAT)

    if args.output_is_local:
        if os.path.isdir(args.output) and os.listdir(args.output) and not args.overwrite:
            raise JobError("--output %s is not empty (give --overwrite to replace it)" % args.output, EX_CANTCREAT)
        for name in ["records", "states"]:
            shutil.rmtree(os.path.join(args.output, name), ignore_errors=True)
        os.makedirs(args.output, exist_ok=True)
        local_dirs = [args.output]
    else:
        fs, root = _hadoop_fs(sc, args.output)
        for name in ["records", "states"] + REPORT_FILES:
            target = sc._jvm.org.apache.hadoop.fs.Path(root, name)
            if fs.exists(target):
                if not args.overwrite:
                    refuse(target.toString())
                fs.delete(target, True)
        local_dirs = []
    if args.report_dir:
        os.makedirs(args.report_dir, exist_ok=True)
        local_dirs.append(args.report_dir)
    for directory in local_dirs:
        for name in REPORT_FILES:
            path = os.path.join(directory, name)
            if os.path.exists(path):
                if not args.overwrite:
                    refuse(path)
                os.remove(path)


def _publish(sc, args, done):
    """Puts the merged state and the reports from `done` into --output (and --report-dir)."""
    names = sorted(os.listdir(done))
    if args.report_dir and not (args.output_is_local and os.path.realpath(args.report_dir) == os.path.realpath(args.output)):
        for name in names:
            shutil.copy2(os.path.join(done, name), os.path.join(args.report_dir, name))
    if args.output_is_local:
        for name in names:
            shutil.move(os.path.join(done, name), os.path.join(args.output, name))
    else:
        fs, root = _hadoop_fs(sc, args.output)
        Path = sc._jvm.org.apache.hadoop.fs.Path
        for name in names:
            fs.copyFromLocalFile(False, True, Path("file://" + os.path.abspath(os.path.join(done, name))), Path(root, name))


def _run_driver_hark(arguments):
    result = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise JobError("%s exited with status %d: %s" % (" ".join(arguments[:2]), result.returncode,
                                                         result.stderr.decode("utf-8", "replace").strip()))
    return result


EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}


def merge_states(hark, state_lines, args, workdir, partitions, records):
    """Merges the states (an iterator of lines, one in memory at a time) into state.json and the
    reports, in workdir/done, and returns the report's totals.

    hark merge folds its inputs one by one; past MERGE_BATCH files the states are merged in
    batches into intermediate states first (exact: the merge is associative). It fails unless
    there is one state per partition and the merged state counts every record Spark read."""
    pending = []
    count = 0
    batches = 0

    def collapse():
        nonlocal batches
        batches += 1
        target = os.path.join(workdir, "merged-%05d.json" % batches)
        _run_driver_hark([hark, "merge"] + pending + ["--partial", target, "--format", "json", "-o", os.devnull])
        for path in pending:
            os.remove(path)
        pending[:] = [target]

    for line in state_lines:
        count += 1
        path = os.path.join(workdir, "state-%05d.json" % count)
        with open(path, "w", encoding="utf-8") as f:
            f.write(line + "\n")
        pending.append(path)
        if len(pending) >= MERGE_BATCH:
            collapse()
    if count != partitions:
        raise JobError("%d summary states came back for %d partitions" % (count, partitions))

    done = os.path.join(workdir, "done")
    os.makedirs(done)
    state = os.path.join(done, "state.json")
    first = args.report_format[0]
    report = os.path.join(done, "report." + EXTENSIONS[first])
    _run_driver_hark([hark, "merge"] + pending + ["--partial", state, "--format", first, "-o", report])
    if first != "json":
        report = os.path.join(workdir, "totals.json")
        _run_driver_hark([hark, "merge", state, "--format", "json", "-o", report])
    with open(report, encoding="utf-8") as f:
        totals = json.load(f)["totals"]
    if totals["records"] != records:
        raise JobError("the merged states count %d records, Spark read %d" % (totals["records"], records))
    for fmt in args.report_format[1:]:
        _run_driver_hark([hark, "merge", state, "--format", fmt, "-o", os.path.join(done, "report." + EXTENSIONS[fmt])])
    return totals


def run_job(spark, args, log=None):
    """Runs the job on an existing SparkSession; returns a dict of what it did. Raises JobError."""
    log = log or (lambda message: print("hark-spark: " + message, file=sys.stderr, flush=True))
    sc = spark.sparkContext
    if __name__ != "__main__":
        # Imported (by a test, or another driver): the executors need this module to unpickle
        # the functions below. Run as a script, cloudpickle ships them by value.
        _add_once(sc, "pyfile", os.path.abspath(__file__))
    from pyspark import StorageLevel

    driver_hark, spec = ship(sc, args)
    _prepare_output(args, sc)
    numbered, text_key, id_key = read_records(spark, args)
    numbered = numbered.persist(StorageLevel.MEMORY_AND_DISK)
    classified = None
    try:
        total = numbered.count()
        partitions, n = _in_ranges(numbered, args.partitions or sc.defaultParallelism, total)
        log("%d records in %d partition(s)" % (total, n))

        by = args.by
        classify_args = ["classify", "--input-format", "jsonl", "--text-column", text_key, "--id-column", id_key,
                         "--include-text", "--emit-errors", "--quiet", "--jobs", "1"]
        if by:
            classify_args += ["--keep", ",".join(by)]
        summarize_args = ["summarize", "--from-classified", "--partial", "-", "--quiet", "--jobs", "1"]
        for column in by:
            summarize_args += ["--by", column]

        classified = partitions.mapPartitionsWithIndex(
            lambda index, lines: pipe_through_hark(lines, spec, classify_args, "classify", index, _check_classified)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        records_dir = args.output.rstrip("/") + "/records"
        states_dir = args.output.rstrip("/") + "/states"
        classified.saveAsTextFile(records_dir)
        states = classified.mapPartitionsWithIndex(
            lambda index, lines: pipe_through_hark(lines, spec, summarize_args, "summarize", index, _check_state)
        )
        states.saveAsTextFile(states_dir)
    finally:
        if classified is not None:
            classified.unpersist()
        numbered.unpersist()

    # One state at a time on the driver: toLocalIterator fetches a partition per job.
    with tempfile.TemporaryDirectory(prefix="hark-merge-") as workdir:
        totals = merge_states(driver_hark, sc.textFile(states_dir).toLocalIterator(), args, workdir, n, total)
        _publish(sc, args, os.path.join(workdir, "done"))
    log("merged %d state(s) into %s" % (n, args.output.rstrip("/") + "/report." + EXTENSIONS[args.report_format[0]]))
    if totals["errors"]:
        log("%d record(s) could not be read: see the {\"error\":...} lines in %s" % (totals["errors"], records_dir))
    return {"records": total, "partitions": n, "errors": totals["errors"]}


def _task_failure_message(error):
    """The hark message inside a Spark job failure (Py4JJavaError), else its first line."""
    text = str(error)
    found = re.findall(r"HarkProcessError: (.+)", text)
    if found:
        return found[0].strip()
    return text.strip().splitlines()[0] if text.strip() else repr(error)


def create_session(master=None, app_name="hark", conf=None):
    """A SparkSession: the running one if there is one (Databricks, a notebook), else a new one,
    in local[2] unless `master` is given or spark-submit set it."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    if SparkContext._active_spark_context is not None:
        return SparkSession.builder.getOrCreate()
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master("local[2]")
    if (master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers as the driver
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def run(argv=None, spark=None):
    """Parses argv, runs the job (on `spark`, or a session it creates and stops) and returns the
    exit status, printing errors to standard error."""
    try:
        args = parse_args(argv)
    except SystemExit as e:
        return EX_USAGE if e.code not in (0, None) else EX_OK
    own = False
    try:
        if spark is None:
            from pyspark import SparkContext

            # Stop the session at the end only if this job started it (not on Databricks, say).
            own = SparkContext._active_spark_context is None
            spark = create_session(args.master, args.app_name, args.conf)
        result = run_job(spark, args)
        return EX_DATA if result["errors"] else EX_OK
    except JobError as e:
        print("hark-spark: error: %s" % e, file=sys.stderr, flush=True)
        return e.status
    except Exception as e:
        if not type(e).__module__.startswith(("py4j", "pyspark")):
            raise
        print("hark-spark: error: a Spark job failed: %s" % _task_failure_message(e), file=sys.stderr, flush=True)
        return EX_SOFTWARE
    finally:
        if own and spark is not None:
            spark.stop()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
