"""Hostile and broken input: types, sizes, nesting, timeouts, XML attacks.

Anything that might hang runs in a child process with a generous watchdog,
so a regression fails the test instead of freezing the suite. The bounds
are watchdogs (a linear run takes a fraction of them), not speed targets.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import textclean
from textclean import Config, PageTimeout, Pipeline
from textclean.model import Document
from textclean.readers import cut_long_lines, read, to_text

PROSE = ("The council voted on Tuesday to approve the new budget, which the mayor said "
         "would pay for more buses and longer library hours across the city.")


# ------------------------------------------------------------------ types

@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], {"html": "x"}, object(), ("a",)])
def test_non_text_input_raises_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        textclean.clean(bad)
    with pytest.raises(TypeError):
        textclean.explain(bad)


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_every_bytes_like_type_is_read(kind: Any) -> None:
    page = f"Headline of the day\n\n{PROSE}\n\n{PROSE}\n".encode()
    assert textclean.clean(kind(page)) == textclean.clean(page.decode())


@pytest.mark.parametrize("page", ["", " ", "\n\n\n", "\x00", b"", b"\xff", "<", "<html>",
                                  "<!--", "<![CDATA[", "&", "&#xffffffff;", "&#0;", "<p>&#55296;"])
def test_degenerate_pages_give_an_article(page: str | bytes) -> None:
    article = textclean.clean(page)
    json.dumps(article.to_dict())


# ------------------------------------------------------------------ limits

def test_input_is_cut_to_max_input_chars() -> None:
    assert to_text("abcdef", 4) == "abcd"
    assert to_text(b"abcdef", 4) == "abcd"
    assert to_text("abcdef", 0) == "abcdef"  # 0: no limit
    # A multi-byte character cut by the byte limit does not turn UTF-8 into a guess.
    assert to_text("ééééé".encode(), 2) == "éé"


def test_long_text_lines_are_cut_to_max_line_chars() -> None:
    assert cut_long_lines("abcdef\nxy", 3) == "abc\nxy"
    assert cut_long_lines("abc\nxy", 3) == "abc\nxy"
    assert cut_long_lines("abcdef", 0) == "abcdef"
    doc = read("x" * 50 + "\n\n" + PROSE, Config(max_line_chars=10))
    assert max(len(b.text) for b in doc.blocks) <= 10


def test_html_blocks_are_cut_to_max_line_chars() -> None:
    # Minified HTML is one long source line: the limit applies to what is rendered.
    page = "<html><body>" + "".join(f"<p>{PROSE}</p>" for _ in range(50)) + "</body></html>"
    doc = read(page, Config(max_line_chars=60, input="html"))
    assert len(doc.blocks) >= 50
    assert all(len(b.text) <= 60 for b in doc.blocks)


def _run_child(code: str, timeout: float) -> dict[str, Any]:
    """Run `code` (which must print one JSON line) in a fresh interpreter."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


_CLEAN_CHILD = """
    import json, resource, textclean
    page = {page}
    try:
        article = textclean.clean(page)
        out = {{"ok": True, "paragraphs": len(article.paragraphs), "body": article.body[:200]}}
    except Exception as exc:
        out = {{"ok": False, "error": type(exc).__name__ + ": " + str(exc)[:200]}}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
"""


def clean_in_child(page_expr: str, timeout: float = 60.0) -> dict[str, Any]:
    return _run_child(_CLEAN_CHILD.format(page=page_expr), timeout)


def test_50_mb_single_line_finishes() -> None:
    result = clean_in_child(f"{PROSE!r} * (50_000_000 // {len(PROSE)})")
    assert result["ok"], result
    # Cut to 20 M characters, then to one 200 k line: bounded memory.
    assert result["rss_mb"] < 2000


def test_5000_deep_nesting_finishes_with_its_text() -> None:
    result = clean_in_child(
        f"'<html><body>' + '<div>' * 5000 + '<p>{PROSE}</p>' * 3 + '</div>' * 5000"
        " + '</body></html>'")
    assert result["ok"], result
    assert result["paragraphs"] == 3 and result["body"].startswith(PROSE[:100]), result


def test_5000_deep_inline_nesting_finishes() -> None:
    result = clean_in_child(f"'<p>' + '<b><i>' * 5000 + {PROSE!r} + '</i></b>' * 5000")
    assert result["ok"], result


@pytest.mark.parametrize("page_expr", [
    "' ' * 5_000_000",
    "'\\n' * 2_000_000",
    "'<' * 2_000_000",
    "'<div>' * 400_000",
    "'<!--' * 500_000",
    "'12/12/12 ' * 200_000",
    "'&amp;' * 400_000",
    "'[' * 1_000_000",
    "'<p>' + 'x' * 5_000_000 + '</p>'",
    "('<table>' + '<tr><td>' * 3000) * 3",
    # One paragraph hard-wrapped over 250,000 lines: joining it grew one string
    # line by line (quadratic; minutes at this size).
    "'\\n'.join(['the council voted on monday to close the old pier for repairs, and '] * 250_000)",
    # Chinese wrapped without spaces: the separator check looked back through
    # the whole paragraph for a space.
    "(lambda c: '\\n'.join(c[i:i + 38] for i in range(0, len(c), 38)))('日本経済新聞の記事です。' * 600_000)",
    # A node-per-line page whose lines all continue one another.
    "', a\\n, b\\n' + 'word\\n' * 500_000",
    # One text node wrapped in the page source over 2,000,000 lines: joining
    # it grew one string line by line (quadratic).
    "'word \\n\\t\\tnext ' * 2_000_000",
    # html2text's link close on a line of its own, 2,000,000 times: the same.
    "'# Title\\n\\n[link text\\n' + '](/a)\\n' * 2_000_000",
])
def test_hostile_pages_finish(page_expr: str) -> None:
    result = clean_in_child(page_expr, timeout=120)
    assert result["ok"], result


def test_many_short_lines_finish() -> None:
    # Was O(n^2) in the body finder's neighbour search (fixed in d1dcce8).
    result = clean_in_child("'\\n'.join(f'Short line number {i} here' for i in range(6000))",
                            timeout=20)
    assert result["ok"], result


def test_long_number_line_finishes() -> None:
    # Was exponential in the widgets filter's control-line pattern (fixed in d1dcce8).
    result = clean_in_child(f"{PROSE!r} + '\\n\\n' + '1' * 40 + '!\\n\\n' + {PROSE!r}",
                            timeout=20)
    assert result["ok"], result


def test_very_deep_nesting_in_the_fallback_parser_finishes_with_its_text() -> None:
    # Past libxml2's depth limit the page goes through BeautifulSoup, and lxml
    # checks each new element's ancestors: 50,000 levels took 16 s.
    result = clean_in_child(
        f"\"<div class='a'>\" * 50_000 + {PROSE!r} + '</div>' * 50_000", timeout=10)
    assert result["ok"], result
    assert result["body"] == PROSE[:200]


def test_one_paragraph_repeated_thousands_of_times_finishes() -> None:
    # The pull-quote search looked at every copy of a line for every copy
    # (4,000 copies: 12 s).
    result = clean_in_child(f"'<html><body>' + ('<p>' + {PROSE!r} + '</p>') * 4_500",
                            timeout=10)
    assert result["ok"], result


def test_page_of_repeated_stories_finishes() -> None:
    result = clean_in_child(
        f"'<html><body>' + ('<div><h2>Part</h2><p>' + {PROSE!r} * 3 + '</p></div>') * 4000",
        timeout=20)
    assert result["ok"], result


# ----------------------------------------------------------------- timeout

class _Slow:
    """A step that burns time without touching the page."""

    name = "slow"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.calls = 0

    def __call__(self, doc: Document) -> None:
        import time

        self.calls += 1
        time.sleep(self.seconds)


def test_timeout_stops_between_steps() -> None:
    slow = _Slow(0.05)
    pipeline = Pipeline(steps=[slow, slow, slow], config=Config(timeout=0.01))
    with pytest.raises(PageTimeout, match="slow"):
        pipeline.clean(PROSE)
    assert slow.calls == 1


def test_no_timeout_runs_every_step() -> None:
    slow = _Slow(0.0)
    Pipeline(steps=[slow, slow], config=Config(timeout=None)).clean(PROSE)
    assert slow.calls == 2


def test_clean_accepts_timeout_and_raises_page_timeout() -> None:
    assert issubclass(PageTimeout, TimeoutError)
    with pytest.raises(PageTimeout):
        textclean.clean(PROSE, timeout=1e-9)
    assert textclean.clean(PROSE, timeout=60.0) == textclean.clean(PROSE)


# ------------------------------------------------------------- XML attacks

def _outputs(page: str | bytes) -> str:
    article, decisions = textclean.explain(page, input="html")
    return json.dumps([article.to_dict(), [d.to_dict() for d in decisions]])


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRETVALUE-4242\n")
    return path


def test_external_entities_are_not_resolved(secret_file: Path) -> None:
    page = (f'<?xml version="1.0"?>\n<!DOCTYPE html [\n'
            f'  <!ENTITY xxe SYSTEM "file://{secret_file}">\n]>\n'
            f"<html><body><h1>Headline</h1><p>&xxe;</p><p>{PROSE}</p></body></html>")
    for form in (page, page.encode()):
        assert "TOPSECRETVALUE" not in _outputs(form)


def test_external_dtd_is_not_loaded(secret_file: Path) -> None:
    dtd = secret_file.parent / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret_file}">')
    page = (f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "file://{dtd}">'
            f"<html><body><p>&leak;</p><p>{PROSE}</p></body></html>")
    assert "TOPSECRETVALUE" not in _outputs(page)


def test_billion_laughs_does_not_expand() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
            f"<html><body><p>&lol9;</p><p>{PROSE}</p></body></html>")
    assert _outputs(page).count("lol") < 100


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("textclean tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = ('<?xml version="1.0"?><!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd">'
            '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
            '<base href="http://127.0.0.1:9/"><script src="http://127.0.0.1:9/x.js"></script>'
            '<!ENTITY net SYSTEM "http://127.0.0.1:9/x"></head>'
            f'<body><img src="http://127.0.0.1:9/x.png"><p>&net;</p><p>{PROSE}</p>'
            '<iframe src="http://127.0.0.1:9/"></iframe></body></html>')
    _outputs(page)
    _outputs(page.encode())
    textclean.clean(page)


# -------------------------------------------------------------------- fuzz

FUZZ_DIR = Path(__file__).resolve().parent.parent / "fuzz"


@pytest.mark.fuzz
@pytest.mark.parametrize("harness", ["fuzz_text.py", "fuzz_html.py"])
def test_fuzz_harness(harness: str, tmp_path: Path) -> None:
    """A bounded fuzzing run (atheris if installed, else hypothesis) finds no crash."""
    import os

    seconds = float(os.environ.get("TEXTCLEAN_FUZZ_SECONDS", "8"))
    proc = subprocess.run(
        [sys.executable, str(FUZZ_DIR / harness), "--seconds", str(seconds),
         f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=seconds * 3 + 120, cwd=tmp_path)
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("crash-"))
    assert proc.returncode == 0 and not crashes, (crashes, proc.stderr[-3000:])
