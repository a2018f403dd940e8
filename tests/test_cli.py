"""The real `textclean` command, run as a subprocess in pipes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import textclean
from textclean.cli import Colours, render, render_explain
from textclean.model import Article, Dateline, Decision, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "bbc-2009-us-russia-iran.txt"
SEED_EXPECTED = json.loads((ROOT / "fixtures" / "bbc-2009-us-russia-iran.expected.json")
                           .read_text(encoding="utf-8"))

PAGE = ("Council approves new bridge over the river\n\n"
        "The city council voted on Monday to approve a new bridge over the river, "
        "ending a debate that had lasted for more than ten years.\n\n"
        "Work is expected to start next spring and to take about three years, "
        "the mayor said after the vote.\n")

# A test-only step, importable by the workers through PYTHONPATH and --plugin:
# it kills its own process or hangs on marker lines.
TROUBLE_PLUGIN = '''
import os, signal, time
from textclean.filters.base import Filter
from textclean.registry import register

@register("test_cli_trouble")
class Trouble(Filter):
    """Test-only: crashes or hangs on marker lines."""
    name = "test_cli_trouble"

    def __call__(self, doc):
        text = "\\n".join(b.text for b in doc.blocks)
        if "KILL-WORKER" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "EXIT-WORKER" in text:
            os._exit(3)
        if "SLEEP-LONG" in text:
            time.sleep(60)
        if "HANG-DEAF" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
'''


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return {**base, **extra}


def run(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None,
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "textclean", *map(str, args)],
                          input=stdin, capture_output=True, cwd=cwd, timeout=120,
                          env=env(**(extra_env or {})))


def jsonl(records: list[Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def page(i: int, extra: str = "") -> dict[str, Any]:
    return {"id": i, "text": PAGE.replace("new bridge", f"bridge number {i}") + extra}


def output_lines(stdout: bytes) -> list[dict[str, Any]]:
    return [json.loads(x) for x in stdout.splitlines()]


@pytest.fixture()
def plugin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "tc_cli_trouble.py").write_text(TROUBLE_PLUGIN, encoding="utf-8")
    return folder


# --- the seed page, exactly ----------------------------------------------------------

def test_seed_headline_and_body_through_the_command() -> None:
    result = run("--format", "json", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["headline"] == SEED_EXPECTED["headline"]
    assert [p["text"] for p in article["paragraphs"]] == SEED_EXPECTED["body_paragraphs"]
    headings = [p["text"] for p in article["paragraphs"] if p["kind"] == "heading"]
    assert headings == SEED_EXPECTED["headings"]


def test_seed_dateline_through_the_command() -> None:
    result = run(SEED, "--field", "dateline")
    assert result.stdout.decode() == SEED_EXPECTED["dateline"]["text"] + "\n"


def test_seed_text_output_is_headline_dateline_body() -> None:
    result = run(SEED)
    expected = [SEED_EXPECTED["headline"], SEED_EXPECTED["dateline"]["text"],
                *SEED_EXPECTED["body_paragraphs"]]
    assert result.stdout.decode("utf-8") == "\n\n".join(expected) + "\n"


# --- the filter ---------------------------------------------------------------------------

def test_stdin_to_stdout_text_layout() -> None:
    result = run(stdin=PAGE.encode())
    assert result.returncode == 0
    assert result.stdout.decode() == PAGE
    assert result.stderr == b""


def test_bytes_in_another_encoding_are_decoded() -> None:
    # UTF-16 with a byte order mark: only textclean's own decoding reads it right.
    result = run(stdin=PAGE.replace("Monday", "Monday in Zürich").encode("utf-16"))
    assert "Monday in Zürich" in result.stdout.decode("utf-8")


def test_files_in_order_with_stdin_and_headers(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(PAGE.replace("new bridge", "first bridge"), encoding="utf-8")
    stdin_page = PAGE.replace("new bridge", "second bridge").encode()
    result = run(first, "-", "--field", "headline", stdin=stdin_page)
    assert result.returncode == 0
    assert result.stdout.decode() == (
        f"==> {first} <==\nCouncil approves first bridge over the river\n"
        "\n==> <stdin> <==\nCouncil approves second bridge over the river\n")


def test_gzip_file_input(tmp_path: Path) -> None:
    zipped = tmp_path / "page.txt.gz"
    zipped.write_bytes(gzip.compress(PAGE.encode()))
    result = run(zipped, "--field", "headline")
    assert result.stdout == b"Council approves new bridge over the river\n"


def test_gzip_input_is_unpacked_only_up_to_the_input_limit(tmp_path: Path) -> None:
    # 100 MB of one repeated byte packs into 100 kB; unpacking is stopped at
    # the 80 MB textclean would read of a page. It is one line, no article.
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"A" * 100_000_000))
    result = run(bomb)
    assert result.returncode == 0 and result.stdout == b""
    assert b"no article found" in result.stderr


def test_binary_input_is_reported_as_binary(tmp_path: Path) -> None:
    result = run(stdin=bytes(range(256)) * 200)
    assert result.returncode == 0 and result.stdout == b""
    assert b"looks like binary data" in result.stderr


def test_unreadable_file_exits_1_naming_it_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(missing, good, "-f", "json")
    assert result.returncode == 1
    assert str(missing) in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1
    assert json.loads(result.stdout)["headline"].startswith("Council approves")


def test_directory_as_input_is_unreadable(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.returncode == 1
    assert str(tmp_path) in result.stderr.decode()


def test_json_format_is_article_to_dict() -> None:
    result = run("-f", "json", stdin=PAGE.encode())
    assert json.loads(result.stdout) == textclean.clean(PAGE.encode()).to_dict()


def test_json_field_and_markdown_format() -> None:
    assert json.loads(run("-f", "json", "--field", "headline", stdin=PAGE.encode()).stdout) \
        == "Council approves new bridge over the river"
    markdown = run("-f", "markdown", stdin=PAGE.encode()).stdout.decode()
    assert markdown.startswith("# Council approves new bridge over the river\n\nThe city")


def test_empty_page_prints_nothing_and_warns() -> None:
    result = run(stdin=b"")
    assert result.returncode == 0
    assert result.stdout == b""
    assert b"no article found" in result.stderr
    assert run("-q", stdin=b"").stderr == b""


def test_output_file_and_gzip_output(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert run("-o", target, stdin=PAGE.encode()).returncode == 0
    assert target.read_text(encoding="utf-8") == PAGE
    zipped = tmp_path / "out.txt.gz"
    assert run("-o", zipped, stdin=PAGE.encode()).returncode == 0
    assert gzip.decompress(zipped.read_bytes()).decode() == PAGE


def test_output_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text(PAGE, encoding="utf-8")
    result = run(source, "-o", source)
    assert result.returncode == 2
    assert b"refusing" in result.stderr
    assert source.read_text(encoding="utf-8") == PAGE
    # The same file through another path, and through stdin redirection.
    assert run(source, "-o", tmp_path / "." / "page.txt").returncode == 2
    with source.open("rb") as stdin:
        redirected = subprocess.run([sys.executable, "-m", "textclean", "-o", str(source)],
                                    stdin=stdin, capture_output=True, timeout=60)
    assert redirected.returncode == 2
    assert source.read_text(encoding="utf-8") == PAGE


def test_explain_lists_every_line_without_colour_in_a_pipe() -> None:
    page_text = PAGE + "\nShare this article\n\nCopyright 2024 Example News. All rights reserved.\n"
    result = run("--explain", stdin=page_text.encode())
    lines = result.stdout.decode().splitlines()
    assert b"\033[" not in result.stdout
    assert len(lines) == len([x for x in page_text.splitlines() if x.strip()])
    assert lines[0].startswith("* headline") and lines[0].endswith(
        "| Council approves new bridge over the river")
    assert lines[1].startswith("+ body") and "The city council voted" in lines[1]
    assert any(x.startswith("- ") and x.endswith("| Share this article") for x in lines)


def test_explain_json() -> None:
    result = run("--explain", "-f", "json", stdin=PAGE.encode())
    obj = json.loads(result.stdout)
    assert obj["article"]["headline"].startswith("Council approves")
    assert [d["text"] for d in obj["decisions"]] == [x for x in PAGE.splitlines() if x]


def test_render_unit() -> None:
    article = Article(headline="Head", dateline=Dateline(text="5 May 2020"),
                      paragraphs=(Paragraph("One."), Paragraph("Sub", "heading"),
                                  Paragraph("Two.")))
    assert render(article, "text", None) == "Head\n\n5 May 2020\n\nOne.\n\nSub\n\nTwo.\n"
    assert render(article, "markdown", None) == (
        "# Head\n\n*5 May 2020*\n\nOne.\n\n## Sub\n\nTwo.\n")
    assert render(article, "text", "body") == "One.\n\nSub\n\nTwo.\n"
    assert render(article, "text", "dateline") == "5 May 2020\n"
    assert json.loads(render(article, "json", "dateline"))["text"] == "5 May 2020"
    assert render(Article(), "text", None) == ""


def test_explain_colour_only_on_terminal_and_not_with_no_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    decisions = [Decision(1, "Menu", False, "", "navigation", "menu", "", ""),
                 Decision(2, "Text.", True, "body", None, None, "", "")]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert "\033[" in render_explain(decisions, Colours(True))
    assert "\033[" not in render_explain(decisions, Colours(False))
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render_explain(decisions, Colours(True))
    assert "\033[" not in plain
    assert plain.splitlines()[0].startswith("- navigation: menu")
    assert plain.splitlines()[1].startswith("+ body")


# --- pipeline control ------------------------------------------------------------------

def test_list_filters_marks_defaults() -> None:
    result = run("--list-filters")
    lines = result.stdout.decode().splitlines()
    names = [x[2:].split()[0] for x in lines]
    # The registry as a fresh process sees it (this one may hold test-only steps).
    fresh = subprocess.run([sys.executable, "-c", "import textclean; "
                            "print(' '.join(textclean.available()))"],
                           capture_output=True, timeout=60, env=env())
    assert set(names) == set(fresh.stdout.decode().split())
    assert names[: len(textclean.DEFAULT_STEPS)] == list(textclean.DEFAULT_STEPS)
    assert all(x.startswith("* ") for x in lines[: len(textclean.DEFAULT_STEPS)])


def test_disable_changes_the_result() -> None:
    page_text = PAGE + "\nShare this article\n"
    with_widgets = run("--explain", stdin=page_text.encode()).stdout.decode()
    without = run("--explain", "--disable", "widgets,legal", stdin=page_text.encode())
    assert "- widgets" in with_widgets
    assert "- widgets" not in without.stdout.decode()


@pytest.mark.parametrize("args", [
    ["--disable", "no-such-step"], ["--enable", "bogus"], ["--jobs", "0"],
    ["--timeout", "soon"], ["--jsonl", "--format", "text"], ["--bogus-flag"],
    ["--keep-input"], ["--input-field", "html"],
])
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    result = run(*args, stdin=PAGE.encode())
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1
    assert result.stderr.startswith(b"textclean: error: ")


def test_config_file(tmp_path: Path) -> None:
    config = tmp_path / "textclean.toml"
    config.write_text('disable = ["widgets"]\ntimeout = 5\n', encoding="utf-8")
    page_text = PAGE + "\nShare this article\n"
    result = run("--explain", "--config", config, stdin=page_text.encode())
    assert result.returncode == 0
    assert "- widgets" not in result.stdout.decode()


@pytest.mark.parametrize("text", [
    'colour = "red"\n', 'disable = ["nope"]\n', '[options.nope]\nx = 1\n',
    "timeout = 'x'\n", "this is not toml\n",
])
def test_bad_config_exits_2(tmp_path: Path, text: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    result = run("--config", config, stdin=PAGE.encode())
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().strip() == f"textclean {textclean.__version__}"
    help_text = run("--help").stdout.decode()
    assert "examples:" in help_text and "--jsonl crawl.jsonl.gz" in help_text


# --- batch mode -------------------------------------------------------------------------

def test_jsonl_bad_lines_keep_line_count_and_order() -> None:
    data = (jsonl([page(0)]) + b"not json\n\n[1]\n" + jsonl([{"id": 4}, page(5)])
            + b'{"id": 6, "text": 3}\n' + jsonl([page(7)]))
    result = run("--jsonl", "-j", "1", stdin=data)
    assert result.returncode == 0
    out = output_lines(result.stdout)
    assert len(out) == 8
    assert [o["error"]["line"] for o in out if "error" in o] == [2, 3, 4, 5, 7]
    assert [o.get("id") for o in out] == [0, None, None, None, 4, 5, 6, 7]
    assert out[7]["textclean"]["headline"] == "Council approves bridge number 7 over the river"
    assert "text" not in out[0]
    summary = result.stderr.decode()
    assert summary.startswith("textclean: 8 pages, 0 empty, 5 errors,")


def test_jsonl_last_line_without_newline_and_crlf() -> None:
    data = jsonl([page(0)]).replace(b"\n", b"\r\n") + json.dumps(page(1)).encode()
    out = output_lines(run("--jsonl", "-j", "1", stdin=data).stdout)
    assert [o["id"] for o in out] == [0, 1]
    assert not any("error" in o for o in out)


def test_jsonl_gzip_in_and_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress(jsonl([page(i) for i in range(5)]) + b"oops\n"))
    target = tmp_path / "out.jsonl.gz"
    result = run("--jsonl", source, "-o", target, "-q")
    assert result.returncode == 0 and result.stderr == b""
    out = output_lines(gzip.decompress(target.read_bytes()))
    assert [o.get("id") for o in out] == [0, 1, 2, 3, 4, None]
    assert out[5]["error"] == {"line": 6, "file": str(source),
                               "message": out[5]["error"]["message"]}


def test_jsonl_several_files_number_lines_per_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_bytes(jsonl([page(0)]) + b"bad\n")
    second.write_bytes(b"bad\n" + jsonl([page(3)]))
    out = output_lines(run("--jsonl", first, second).stdout)
    errors = [o["error"] for o in out if "error" in o]
    assert [(e["file"], e["line"]) for e in errors] == [(str(first), 2), (str(second), 1)]
    assert [o.get("id") for o in out] == [0, None, None, 3]


def test_jsonl_field_options() -> None:
    data = jsonl([{"id": 1, "body": PAGE, "html": "<p>x</p>"}])
    result = run("--jsonl", "--input-field", "body", "--output-key", "clean",
                 "--keep-input", "--drop", "html", stdin=data)
    (obj,) = output_lines(result.stdout)
    assert obj["body"] == PAGE and "html" not in obj
    assert obj["clean"]["headline"].startswith("Council approves")


def test_jsonl_two_jobs_keep_order_over_200_records() -> None:
    records = [page(i) for i in range(200)]
    records[57] = {"id": 57}  # one bad record in the middle
    result = run("--jsonl", "--jobs", "2", stdin=jsonl(records))
    assert result.returncode == 0
    out = output_lines(result.stdout)
    assert [o["id"] for o in out] == list(range(200))
    assert [o["id"] for o in out if "error" in o] == [57]
    for o in out:
        if o["id"] != 57:
            assert o["textclean"]["headline"] == (
                f"Council approves bridge number {o['id']} over the river")


def test_jsonl_parallel_equals_serial() -> None:
    data = jsonl([page(i) for i in range(40)])
    assert run("--jsonl", "-j", "2", stdin=data).stdout == \
        run("--jsonl", "-j", "1", stdin=data).stdout


def test_killed_worker_gives_error_records_and_run_completes(plugin_dir: Path) -> None:
    records = [page(i, "KILL-WORKER\n" if i in (13, 77) else
                    "EXIT-WORKER\n" if i == 140 else "") for i in range(150)]
    result = run("--jsonl", "-j", "2", "--plugin", "tc_cli_trouble",
                 "--enable", "test_cli_trouble", stdin=jsonl(records),
                 extra_env={"PYTHONPATH": str(plugin_dir)})
    assert result.returncode == 0, result.stderr
    out = output_lines(result.stdout)
    assert [o["id"] for o in out] == list(range(150))
    failed = {o["id"]: o["error"]["message"] for o in out if "error" in o}
    assert failed == {13: "worker process died (killed by SIGKILL)",
                      77: "worker process died (killed by SIGKILL)",
                      140: "worker process died (exit code 3)"}
    assert "150 pages, 0 empty, 3 errors" in result.stderr.decode()


def test_slow_and_deaf_pages_time_out(plugin_dir: Path) -> None:
    records = [page(i, "SLEEP-LONG\n" if i == 4 else "HANG-DEAF\n" if i == 9 else "")
               for i in range(20)]
    result = run("--jsonl", "-j", "2", "--timeout", "0.5", "--plugin", "tc_cli_trouble",
                 "--enable", "test_cli_trouble", stdin=jsonl(records),
                 extra_env={"PYTHONPATH": str(plugin_dir)})
    out = output_lines(result.stdout)
    assert [o["id"] for o in out] == list(range(20))
    failed = {o["id"]: o["error"]["message"] for o in out if "error" in o}
    assert failed == {4: "timed out after 0.5s", 9: "timed out after 0.5s (worker killed)"}


def test_config_file_plugins_reach_the_workers(plugin_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('plugins = ["tc_cli_trouble"]\nenable = ["test_cli_trouble"]\n',
                      encoding="utf-8")
    records = [page(0), page(1, "KILL-WORKER\n"), page(2)]
    result = run("--jsonl", "-j", "2", "--config", config, stdin=jsonl(records),
                 extra_env={"PYTHONPATH": str(plugin_dir)})
    assert [("error" in o) for o in output_lines(result.stdout)] == [False, True, False]


# --- pipes and signals -------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_head_closing_the_pipe_exits_quietly(jobs: str) -> None:
    data = jsonl([page(i) for i in range(400)])
    shell = (f"{sys.executable} -m textclean --jsonl -j {jobs} | head -n 3 >/dev/null; "
             "echo ${PIPESTATUS[0]} >&2")
    result = subprocess.run(["bash", "-c", shell], input=data, capture_output=True,
                            timeout=120, env=env())
    assert result.stderr.decode().strip() == "141"  # no traceback, only the status


def test_head_closing_the_pipe_in_text_mode(tmp_path: Path) -> None:
    files = []
    for i in range(300):
        path = tmp_path / f"p{i}.txt"
        path.write_text(PAGE, encoding="utf-8")
        files.append(str(path))
    shell = f"{sys.executable} -m textclean \"$@\" | head -n 1 >/dev/null; " \
            "echo ${PIPESTATUS[0]} >&2"
    result = subprocess.run(["bash", "-c", shell, "textclean", *files], capture_output=True,
                            timeout=120, env=env())
    assert result.stderr.decode().strip() in {"0", "141"}
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_traceback(plugin_dir: Path, jobs: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "textclean", "--jsonl", "-j", jobs, "--timeout", "0",
         "--plugin", "tc_cli_trouble", "--enable", "test_cli_trouble"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env=env(PYTHONPATH=str(plugin_dir)))
    assert process.stdin is not None
    process.stdin.write(jsonl([page(0, "SLEEP-LONG\n")]))
    process.stdin.flush()
    time.sleep(1.5)  # let it start the page; how long does not matter for the result
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err


def test_jsonl_unreadable_input_is_reported_and_the_rest_still_runs(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl([page(0), page(1)]))
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(gzip.compress(jsonl([page(5)] * 50))[:40])
    result = run("--jsonl", "-j", "2", good, tmp_path / "missing.jsonl", corrupt, good)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "missing.jsonl" in stderr and "corrupt.jsonl.gz" in stderr
    assert [o["id"] for o in output_lines(result.stdout)] == [0, 1, 0, 1]


def test_progress_bar_draws_and_clears(monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    from io import StringIO

    from textclean.cli import Progress

    captured = StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"x" * 1000)
    progress = Progress(enabled=True)
    progress.next_draw = 0.0  # as if the delay had passed
    with source.open("rb") as fh:
        progress.track(fh)
        fh.read(500)
        progress.update(12)
    progress.close()
    drawn = captured.getvalue()
    assert "50%" in drawn and "12 pages" in drawn
    assert drawn.endswith("\r\033[K")
    silent = Progress(enabled=False)
    silent.next_draw = 0.0
    silent.update(5)
    assert captured.getvalue() == drawn


def test_list_filters_shows_plugin_steps_as_optional(plugin_dir: Path) -> None:
    result = run("--plugin", "tc_cli_trouble", "--list-filters",
                 extra_env={"PYTHONPATH": str(plugin_dir)})
    line = [x for x in result.stdout.decode().splitlines() if "test_cli_trouble" in x]
    assert len(line) == 1
    assert line[0].startswith("  test_cli_trouble ")  # no '*': not a default step
    assert line[0].endswith("  Test-only: crashes or hangs on marker lines.")


def test_missing_plugin_is_a_usage_error() -> None:
    result = run("--plugin", "no_such_module_here", stdin=PAGE.encode())
    assert result.returncode == 2
    assert b"no_such_module_here" in result.stderr
