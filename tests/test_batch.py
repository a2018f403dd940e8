"""The batch engine in-process: records, error records, chunking, the pool."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from textclean import batch
from textclean.config import Config
from textclean.filters.base import Filter
from textclean.model import Document
from textclean.registry import register

PAGE = ("Council approves new bridge over the river\n\n"
        "The city council voted on Monday to approve a new bridge over the river, "
        "ending a debate that had lasted for more than ten years.\n\n"
        "Work is expected to start next spring and to take about three years, "
        "the mayor said after the vote.\n")


@register("test_batch_trouble")
class Trouble(Filter):
    """Test-only step: misbehaves on marker lines (inherited by forked workers)."""

    name = "test_batch_trouble"

    def __call__(self, doc: Document) -> None:
        text = "\n".join(b.text for b in doc.blocks)
        if "CRASH-ALWAYS" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        for block in doc.blocks:
            if block.text.startswith("CRASH-ONCE "):
                # Crash only the first time this page is seen: the marker file
                # named on the line records that it already happened.
                marker = Path(block.text.split(" ", 1)[1])
                if not marker.exists():
                    marker.write_text("crashed")
                    os.kill(os.getpid(), signal.SIGKILL)
        if "SLEEP-LONG" in text:
            time.sleep(30)


def line(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def run_job(job: batch.JsonlJob, raw: bytes, number: int = 1) -> tuple[int, dict[str, Any]]:
    status, out = job.process(job.pipeline(), raw, batch.Where(None, number))
    return status, json.loads(out)


def test_good_record_keeps_fields_and_drops_the_page() -> None:
    status, out = run_job(batch.JsonlJob(), line({"id": "a", "url": "u", "text": PAGE}))
    assert status == batch.OK
    assert out["id"] == "a" and out["url"] == "u"
    assert "text" not in out
    article = out["textclean"]
    assert article["headline"] == "Council approves new bridge over the river"
    assert article["body"].startswith("The city council voted on Monday")


def test_keep_input_drop_and_output_key() -> None:
    job = batch.JsonlJob(keep_input=True, output_key="clean", drop=("url",))
    _, out = run_job(job, line({"id": 1, "url": "u", "text": PAGE}))
    assert out["text"] == PAGE
    assert "url" not in out
    assert out["clean"]["headline"]


def test_text_field_is_preferred_over_html_unless_named() -> None:
    html = "<html><body><h1>Other headline</h1><p>Other text.</p></body></html>"
    _, out = run_job(batch.JsonlJob(), line({"html": html, "text": PAGE}))
    assert out["textclean"]["headline"].startswith("Council approves")
    assert "html" in out and "text" not in out
    _, out = run_job(batch.JsonlJob(input_field="html"), line({"html": html, "text": PAGE}))
    assert "html" not in out and "text" in out


def test_html_is_used_when_there_is_no_text() -> None:
    html = ("<html><body><h1>Council approves new bridge</h1><p>The city council voted "
            "on Monday to approve a new bridge over the river, ending a debate that had "
            "lasted for more than ten years.</p></body></html>")
    _, out = run_job(batch.JsonlJob(), line({"id": 3, "html": html}))
    assert "error" not in out
    assert "html" not in out
    assert "bridge" in out["textclean"]["headline"] + out["textclean"]["body"]


@pytest.mark.parametrize(("raw", "message"), [
    (b"{not json", "invalid JSON"),
    (b"", "blank line"),
    (b"   ", "blank line"),
    (b"[1, 2]", "expected a JSON object, got an array"),
    (b'"text"', "expected a JSON object, got a string"),
    (b'{"id": 7}', "no 'text' or 'html' field"),
    (b'{"id": 7, "text": null}', "field 'text' is null, not a string"),
    (b'{"id": 7, "text": ["a"]}', "field 'text' is an array, not a string"),
])
def test_bad_lines_give_error_records(raw: bytes, message: str) -> None:
    status, out = run_job(batch.JsonlJob(), raw, number=12)
    assert status == batch.ERROR
    assert out["error"]["line"] == 12
    assert message in out["error"]["message"]
    if raw.startswith(b"{") and b"id" in raw:
        assert out["id"] == 7
        assert out["textclean"] is None


def test_named_field_missing() -> None:
    _, out = run_job(batch.JsonlJob(input_field="body"), line({"id": 1, "text": PAGE}))
    assert out["error"]["message"] == "no 'body' field"


def test_error_record_names_the_file() -> None:
    job = batch.JsonlJob()
    _, out = job.process(job.pipeline(), b"oops", batch.Where("in.jsonl", 4))
    assert json.loads(out)["error"] == {"line": 4, "file": "in.jsonl",
                                        "message": json.loads(out)["error"]["message"]}


def test_lone_surrogates_in_other_fields_still_give_valid_json() -> None:
    raw = b'{"id": "\\ud800x", "text": ' + json.dumps(PAGE).encode() + b"}"
    status, out = batch.JsonlJob().process(batch.JsonlJob().pipeline(), raw,
                                           batch.Where(None, 1))
    assert status == batch.OK
    assert json.loads(out)["id"] == "\ud800x"
    out.decode("utf-8")  # the output line itself is valid UTF-8


def test_empty_page_counts_as_empty_not_error() -> None:
    status, out = run_job(batch.JsonlJob(), line({"text": ""}))
    assert status == batch.EMPTY
    assert out["textclean"]["paragraphs"] == []


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    raw = b'{"text": "caf\xe9 ' + PAGE.encode().replace(b"\n", b"\\n") + b'"}'
    status, _ = run_job(batch.JsonlJob(), raw)
    assert status == batch.OK


def test_slow_record_times_out_in_process() -> None:
    job = batch.JsonlJob(config=Config(enable=("test_batch_trouble",), timeout=0.3))
    status, out = run_job(job, line({"id": 1, "text": PAGE + "SLEEP-LONG\n"}))
    assert status == batch.ERROR
    assert out["error"]["message"] == "timed out after 0.3s"
    assert out["id"] == 1


def test_time_limit_without_limit_does_nothing() -> None:
    with batch.time_limit(None):
        time.sleep(0.01)
    with pytest.raises(batch.RecordTimeout), batch.time_limit(0.05):
        time.sleep(5)


def test_chunks_group_lines_and_keep_numbers() -> None:
    lines = [f"{i}\r\n".encode() for i in range(1, 8)]
    got = list(batch.chunks(lines, "f", records=3))
    assert [c.first_line for c in got] == [1, 4, 7]
    assert got[0].lines == [b"1", b"2", b"3"]
    assert got[2].where(0) == batch.Where("f", 7)


def test_chunks_close_on_size() -> None:
    lines = [b"x" * 100 + b"\n"] * 5
    got = list(batch.chunks(lines, None, records=100, max_bytes=250))
    assert [len(c.lines) for c in got] == [3, 2]


def test_open_lines_reads_gzip_and_plain() -> None:
    data = b'{"a": 1}\n{"a": 2}\n'
    assert list(batch.open_lines(io.BufferedReader(io.BytesIO(data)))) == data.splitlines(True)
    zipped = io.BufferedReader(io.BytesIO(gzip.compress(data)))
    assert list(batch.open_lines(zipped)) == data.splitlines(True)


def records(n: int, special: dict[int, str] | None = None) -> list[batch.Chunk]:
    lines = []
    for i in range(n):
        text = PAGE.replace("new bridge", f"bridge number {i}")
        if special and i in special:
            text += special[i] + "\n"
        lines.append(line({"id": i, "text": text}))
    return list(batch.chunks(lines, None, records=4))


def collect(job: batch.JsonlJob, work: list[batch.Chunk], jobs: int) -> list[dict[str, Any]]:
    out: list[batch.Result] = []
    if jobs == 1:
        batch.run_serial(job, work, out.append)
    else:
        batch.run_parallel(job, work, out.append, jobs)
    return [json.loads(r[1]) for r in out]


def test_parallel_keeps_order_and_matches_serial() -> None:
    job = batch.JsonlJob()
    serial = collect(job, records(30), 1)
    parallel = collect(job, records(30), 2)
    assert [r["id"] for r in parallel] == list(range(30))
    assert parallel == serial


@pytest.mark.skipif(not hasattr(os, "fork"), reason="test step reaches workers by fork")
def test_dead_worker_gives_error_record_and_run_goes_on() -> None:
    job = batch.JsonlJob(config=Config(enable=("test_batch_trouble",)))
    out = collect(job, records(25, {3: "CRASH-ALWAYS", 17: "CRASH-ALWAYS"}), 2)
    assert [r["id"] for r in out] == list(range(25))
    failed = {r["id"]: r["error"] for r in out if "error" in r}
    assert set(failed) == {3, 17}
    assert "worker process died (killed by SIGKILL)" in failed[3]["message"]
    assert failed[3]["line"] == 4


@pytest.mark.skipif(not hasattr(os, "fork"), reason="test step reaches workers by fork")
def test_record_whose_worker_died_is_retried_once(tmp_path: Path) -> None:
    marker = tmp_path / "crashed-once"
    job = batch.JsonlJob(config=Config(enable=("test_batch_trouble",)))
    out = collect(job, records(10, {6: f"CRASH-ONCE {marker}"}), 2)
    assert marker.exists()  # it did crash a worker
    assert [r["id"] for r in out] == list(range(10))
    assert not any("error" in r for r in out)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="test step reaches workers by fork")
def test_slow_record_in_worker_times_out_and_others_finish() -> None:
    job = batch.JsonlJob(config=Config(enable=("test_batch_trouble",), timeout=0.5))
    out = collect(job, records(12, {5: "SLEEP-LONG"}), 2)
    assert [r["id"] for r in out] == list(range(12))
    assert [r["id"] for r in out if "error" in r] == [5]


def test_workers_that_died_while_idle_are_replaced_and_the_run_finishes() -> None:
    # A worker can die between chunks (OOM killer, a stray signal). The run
    # used to wait on an empty set of handles for ever; run it in a thread so
    # a regression fails here instead of hanging the suite.
    out: list[batch.Result] = []

    def run() -> None:
        with batch._Pool(batch.JsonlJob(), 2) as pool:
            for worker in pool.workers:
                worker.process.kill()
                worker.process.join()
            pool.run(iter(records(8)), out.append)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(60)
    assert not runner.is_alive(), "the pool hung after its idle workers died"
    assert [json.loads(r[1])["id"] for r in out] == list(range(8))


def test_stats_summary() -> None:
    stats = batch.Stats(seconds=2.0)
    for status in (batch.OK, batch.OK, batch.EMPTY, batch.ERROR):
        stats.add(status)
    assert stats.summary(2) == ("textclean: 4 pages, 1 empty, 1 errors, 2.0 pages/s "
                                "(2 jobs, 2.0s)")


def test_pool_reads_input_lazily_with_bounded_chunks_in_flight() -> None:
    pulled = 0
    worst_lead = 0
    emitted = 0

    def source() -> Any:
        nonlocal pulled
        for chunk in records(200):
            pulled += 1
            yield chunk

    def emit(result: batch.Result) -> None:
        nonlocal emitted, worst_lead
        emitted += 1
        # Chunks pulled from the input but not yet written out (4 records each).
        worst_lead = max(worst_lead, pulled - emitted // 4)

    batch.run_parallel(batch.JsonlJob(), source(), emit, 2)
    assert emitted == 200
    assert worst_lead <= 3 * 2 + 1  # max_pending for 2 jobs, plus the one being written


# --- the spliced output: kept members copied from the input line -------------------

def general_path(job: batch.JsonlJob, raw: bytes) -> dict[str, Any]:
    """What the output must equal: the record parsed, fields dropped, article added."""
    obj = json.loads(raw)
    name = job._field(obj)
    assert name is not None
    out = job._kept_fields(obj, name)
    out[job.output_key] = batch.JsonlJob().pipeline().clean(obj[name]).to_dict()
    return out


SPLICE_CASES = [
    (batch.JsonlJob(), b'{"id": "a", "text": %s, "meta": {"x": [1, 2.5e3, null, true]}}'),
    (batch.JsonlJob(), b'  {"title":"caf\\u00e9 \\ud83d\\ude00 \xc3\xa9","text":%s}  '),
    (batch.JsonlJob(), b'{"text": %s, "big": 123456789012345678901234567890, "n": NaN}'),
    (batch.JsonlJob(output_key="id"), b'{"id": "replaced in place", "text": %s, "z": 1}'),
    (batch.JsonlJob(output_key="text"), b'{"text": %s, "a": 1}'),
    (batch.JsonlJob(keep_input=True, drop=("url",)), b'{"url": "u", "text": %s, "k": "\\""}'),
    (batch.JsonlJob(input_field="body"), b'{"body": %s, "text": 5, "html": "<p>"}'),
    (batch.JsonlJob(), b'{\t"text" : %s ,\n"e": {}, "s": "\\\\\\/"}'),
]


@pytest.mark.parametrize(("job", "template"), SPLICE_CASES)
def test_spliced_output_equals_the_general_path(job: batch.JsonlJob, template: bytes) -> None:
    raw = template % json.dumps(PAGE).encode()
    text = raw.decode()
    members = batch._members(text)
    assert members is not None
    assert [key for key, _, _ in members] == list(json.loads(raw))
    status, out = job.process(job.pipeline(), raw, batch.Where(None, 1))
    assert status == batch.OK
    expected = general_path(job, raw)
    got = json.loads(out)
    assert got == expected or json.dumps(got) == json.dumps(expected)  # NaN != NaN
    assert list(got) == list(expected)


def test_spliced_output_copies_kept_members_verbatim() -> None:
    raw = b'{"id":"caf\\u00e9",  "text": %s, "x" :[1,2]}' % json.dumps(PAGE).encode()
    _, out = batch.JsonlJob().process(batch.JsonlJob().pipeline(), raw, batch.Where(None, 1))
    assert out.startswith(b'{"id":"caf\\u00e9", "x" :[1,2], "textclean": {')


def test_duplicate_keys_take_the_last_value_like_json_loads() -> None:
    raw = b'{"id": "first", "text": "x", "id": "last", "text": %s}' % json.dumps(PAGE).encode()
    status, out = run_job(batch.JsonlJob(), raw)
    assert status == batch.OK
    assert out["id"] == "last" and out["textclean"]["headline"]
    assert list(out) == ["id", "textclean"]


def test_lone_surrogate_escapes_stay_valid_utf8_json() -> None:
    raw = line({"id": "\ud800", "text": PAGE + "\udc00 tail\n"})
    status, out = batch.JsonlJob().process(batch.JsonlJob().pipeline(), raw,
                                           batch.Where(None, 1))
    out.decode("utf-8")  # strict: no raw surrogates in the output
    assert json.loads(out)["id"] == "\ud800"


@pytest.mark.parametrize("text", ["", "  ", "[1]", '"s"', "{", '{"a" 1}', '{"a": 1,}',
                                  '{"a": 1} x', '{"a": 1}{}', '{a: 1}', "\ufeff{}",
                                  '{"a": "\x01"}', '{"a": [1,]}'])
def test_members_refuses_what_is_not_one_json_object(text: str) -> None:
    assert batch._members(text) is None


@pytest.mark.parametrize("text", ["{}", ' { } ', '{"a": {"b": {}}, "c": []}',
                                  '{"":0,"\\u0000":-1.5e-3}'])
def test_members_accepts_what_json_loads_accepts(text: str) -> None:
    members = batch._members(text)
    assert members is not None
    assert {key: value for key, value, _ in members} == json.loads(text)
    for key, value, (start, end) in members:
        assert json.loads("{" + text[start:end] + "}") == {key: value}


def test_non_object_and_bad_lines_still_get_error_records() -> None:
    job = batch.JsonlJob()
    for raw, message in [(b"[1, 2]", "expected a JSON object, got an array"),
                         (b'{"text": 1,}', "invalid JSON"), (b'{"id": 3}', "no 'text'")]:
        status, out = run_job(job, raw, 9)
        assert status == batch.ERROR
        assert message in out["error"]["message"] and out["error"]["line"] == 9
