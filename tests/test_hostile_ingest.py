"""Hostile and broken input: every failure is one line naming the file (and line), the build goes
on, the exit status says so (0 with --keep-going), and nothing is read outside content/ or
written outside site/."""

from __future__ import annotations

import codecs
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.errors import ContentError, StoreError
from timeline.ingest import article_paths, read_article, read_articles
from timeline.ingest.decode import decode
from timeline.report import BufferReporter
from timeline.store import load_events

GOOD = "Council meets\n\nThe council met on 3 March 2024 to discuss the budget.\n"


def one(tmp_path: Path, name: str, data: bytes | str, max_bytes: int = 5_000_000):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    path = content / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return read_article(path, content, max_bytes)


def refused(tmp_path: Path, name: str, data: bytes | str, match: str, **kw) -> str:
    with pytest.raises(ContentError, match=match) as info:
        one(tmp_path, name, data, **kw)
    message = str(info.value)
    assert "\n" not in message and message.startswith(name.split("/")[-1]) or name in message, (
        message
    )
    return message


# --- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_bom_encodings_are_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    article = one(tmp_path, "a.txt", bom + GOOD.replace("\n", "\r\n").encode(encoding))
    assert article.title == "Council meets"
    assert "\r" not in article.text and "\ufeff" not in article.text
    assert "3 March 2024" in article.text


def test_crlf_and_cr_become_lf_so_offsets_hold() -> None:
    assert decode(b"a\r\nb\rc\n", "x") == "a\nb\nc\n"


def test_stray_nul_in_text_is_replaced() -> None:
    assert decode(b"<scr\x00ipt>" + b"x" * 1000, "x").startswith("<scr\ufffdipt>")


def test_control_characters_are_blanked_one_for_one() -> None:
    text = decode("ok \x01\x1b[31m \ufffe end".encode(), "x")
    assert text == "ok   [31m   end" and len(text) == len("ok \x01\x1b[31m \ufffe end")


@pytest.mark.parametrize(
    "name,data,match",
    [
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"binary file \(NUL byte at byte"),
        ("nul.md", b"# Title\n\nText\x00\x00\x00\x00" + b"x" * 100, "binary file"),
        ("u16.txt", "no bom here".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        ("latin1.txt", "Caf\u00e9 au lait\n".encode("latin-1"), r"not UTF-8 \(invalid byte 0xe9"),
        ("empty.md", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("bomonly.txt", codecs.BOM_UTF16_LE, "empty file"),
        ("badu16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "damaged UTF-16"),
    ],
)
def test_not_text_is_refused_in_one_line(
    tmp_path: Path, name: str, data: bytes, match: str
) -> None:
    refused(tmp_path, name, data, match)


def test_huge_file_is_refused_by_max_bytes(tmp_path: Path) -> None:
    message = refused(
        tmp_path,
        "big.txt",
        "word " * 300,
        r"too large \(1,500 bytes; the limit is 1,000",
        max_bytes=1000,
    )
    assert "max_bytes" in message


def test_very_long_line_is_fine(tmp_path: Path) -> None:
    start = time.monotonic()
    article = one(tmp_path, "long.txt", "Headline\n" + "word " * 400_000 + "\n")
    assert article.title == "Headline" and time.monotonic() - start < 10


# --- nesting and front matter ---------------------------------------------------------------------


def test_deeply_nested_markdown_list_is_refused_fast_with_its_line(tmp_path: Path) -> None:
    start = time.monotonic()
    body = "---\ntitle: Deep\n---\n" + "".join("  " * i + "- x\n" for i in range(200))
    message = refused(tmp_path, "deep.md", body, "Markdown nested too deeply")
    assert "deep.md:133:" in message
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "body",
    [
        "[" * 20000 + "a" + "]" * 20000,
        ">" * 5000 + " quote",
        "a\n: b\n" * 2000,
        "<div>" * 5000 + "text inside" + "</div>" * 5000,
        "*_" * 20000,
    ],
)
def test_pathological_markdown_is_linear(tmp_path: Path, body: str) -> None:
    start = time.monotonic()
    try:
        one(tmp_path, "p.md", body)
    except ContentError as exc:
        assert "\n" not in str(exc)
    assert time.monotonic() - start < 10


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    page = (
        "<html><body>"
        + "<div>" * 50000
        + "<p>Deep text that goes on for a while.</p>"
        + "</div>" * 50000
        + "</body></html>"
    )
    try:
        one(tmp_path, "deep.html", page)
    except ContentError as exc:
        assert str(exc).startswith("deep.html:")


ALIAS_BOMB = "".join(
    f"x{i}: &x{i} [*x{i - 1}, *x{i - 1}]\n" if i else "x0: &x0 [lol, lol]\n" for i in range(40)
)


@pytest.mark.parametrize(
    "front,match,line",
    [
        ("title: [unclosed\n", "broken front matter", None),
        ("title: ok\n: : :\n", "broken front matter", 3),
        ("title: one\n", "never closed", 1),  # no closing fence: handled below
        (ALIAS_BOMB + "title: *x39\n", "too many YAML aliases", None),
        ("title: " + "[" * 5000 + "\n", "nested too deeply", None),
        (
            "title: !!python/object/apply:os.system [echo pwned]\n",
            "could not determine a constructor",
            2,
        ),
        ("- a\n- b\n", "must be a mapping", 2),
        ("date: 2024-02-31\n", "broken front matter: day is out of range", None),
        ("date: yesterday-ish\n", "is not a date", None),
        ("title: [a, b]\n", "`title` must be text", 2),
        ("lang: ../../../etc\n", "is not a language code", None),
    ],
)
def test_malformed_front_matter_is_named(
    tmp_path: Path, front: str, match: str, line: int | None
) -> None:
    closing = "" if match == "never closed" else "---\n"
    start = time.monotonic()
    message = refused(
        tmp_path, "fm.md", "---\n" + front + closing + "Body text of the article.\n", match
    )
    assert time.monotonic() - start < 5
    if line:
        assert message.startswith(f"fm.md:{line}: "), message


def test_front_matter_url_must_be_http(tmp_path: Path) -> None:
    for url in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/x",
        "java\tscript:alert(1)",
        "file:///etc/passwd",
    ):
        article = one(tmp_path, "u.md", f"---\nurl: '{url}'\n---\nBody text of the article.\n")
        assert article.url is None, url
    assert (
        one(tmp_path, "u.md", "---\nurl: https://example.org/a?b=1\n---\nBody.\n").url
        == "https://example.org/a?b=1"
    )


def test_markdown_output_is_sanitized(tmp_path: Path) -> None:
    article = one(
        tmp_path,
        "x.md",
        "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[a](javascript:alert(1)) <a href='javascript:alert(2)'>b</a> <iframe src=//x></iframe>\n",
    )
    html = article.body_html or ""
    for bad in ("<script", "onerror", 'href="javascript:', "<iframe", "<img"):
        assert bad not in html.lower(), html


# --- paths ----------------------------------------------------------------------------------------


def test_symlink_outside_content_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret\nThe password is hunter2.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.md").write_text("Other folder\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.txt").write_text(GOOD)
    (content / "leak.txt").symlink_to(secret)
    (content / "linked").symlink_to(outside, target_is_directory=True)
    (content / "inside.txt").symlink_to(content / "good.txt")
    names = [p.relative_to(content).as_posix() for p in article_paths(content)]
    assert "linked/other.md" not in names  # symlinked folders are not walked
    reporter = BufferReporter()
    articles = list(read_articles(content, reporter))
    assert sorted(a.path for a in articles) == ["good.txt", "inside.txt"]
    assert all("hunter2" not in a.text for a in articles)
    assert reporter.errors == [
        "leak.txt: is a symlink pointing outside the content folder; not read"
    ]


def test_file_name_with_newline_stays_one_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "evil\nname.txt").write_bytes(b"")
    reporter = BufferReporter()
    assert list(read_articles(content, reporter)) == []
    assert (
        len(reporter.errors) == 1
        and "\n" not in reporter.errors[0]
        and "evil\\nname.txt" in reporter.errors[0]
    )


# --- the build goes on; exit status; damaged events.yaml ------------------------------------------


@pytest.fixture
def hostile_project(tmp_path: Path, sample_content: Path) -> dict[str, Path]:
    (sample_content / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (sample_content / "empty.md").write_bytes(b"")
    (sample_content / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    (sample_content / "latin1.txt").write_bytes("Caf\u00e9\n".encode("latin-1"))
    (sample_content / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    (sample_content / "../up.md").write_text("---\ntitle: escape\n---\nText.\n")
    (sample_content / "dots..md").write_text("---\ntitle: ../../../../tmp/owned\n---\nText.\n")
    return {
        "content": sample_content,
        "data": tmp_path / "data" / "events.yaml",
        "site": tmp_path / "site",
    }


def run(project: dict[str, Path], *extra: str, command: str = "build"):
    args = [
        command,
        "-q",
        "--content",
        str(project["content"]),
        "--data",
        str(project["data"]),
        "--site",
        str(project["site"]),
        *extra,
    ]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_build_goes_on_and_explains_each_failure(hostile_project: dict[str, Path]) -> None:
    result = run(hostile_project)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert sorted(e.split(":")[1].strip() for e in errors) == [
        "binary.txt",
        "broken.md",
        "empty.md",
        "latin1.txt",
    ], errors
    assert (
        re.search(r"broken\.md:\d+: broken front matter", result.output)
        and "latin1.txt:1:" in result.output
    )
    site = hostile_project["site"]
    assert (site / "index.html").is_file()
    pages = list((site / "articles").iterdir())
    assert len(pages) == 7  # five samples, utf16.txt, dots..md
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve())
    assert not Path("/tmp/owned.html").exists()
    assert run(hostile_project, "--keep-going").exit_code == 0


def test_damaged_events_yaml_is_never_overwritten(hostile_project: dict[str, Path]) -> None:
    assert run(hostile_project, "--keep-going").exit_code == 0
    data = hostile_project["data"]
    lines = data.read_text(encoding="utf-8").split("\n")
    # A person corrects a title, then saves the file half-edited (a broken line further down).
    first_title = next(i for i, line in enumerate(lines) if line.startswith("  title: "))
    lines[first_title] = "  title: CORRECTED BY HAND"
    lines.insert(first_title + 3, "  text: 'unterminated")
    damaged = "\n".join(lines)
    data.write_text(damaged, encoding="utf-8")
    site_before = (hostile_project["site"] / "index.html").read_bytes()
    for command in ("build", "extract", "render"):
        result = run(hostile_project, "--keep-going", command=command)
        assert result.exit_code != 0, command
        assert str(data) in result.output and "damaged YAML" in result.output, result.output
        assert f"{data}:" in result.output  # file:line
        assert data.read_text(encoding="utf-8") == damaged  # the corrections are intact
        assert (hostile_project["site"] / "index.html").read_bytes() == site_before
    leftovers = [p.name for p in data.parent.glob(f".{data.name}.*")]
    assert leftovers == []


def test_store_refuses_alias_bomb_and_objects(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(ALIAS_BOMB + "events:\n- id: a\n  title: *x39\n")
    start = time.monotonic()
    with pytest.raises(StoreError, match="alias"):
        load_events(path)
    assert time.monotonic() - start < 5
    path.write_text("events:\n- id: a\n  title: !!python/object/apply:os.system [echo pwned]\n")
    with pytest.raises(StoreError, match=f"{path}:3: damaged YAML"):
        load_events(path)
    path.write_text("events: " + "[" * 100_000)
    with pytest.raises(StoreError):
        load_events(path)


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    content = tmp_path / "content"
    content.mkdir()
    (content / "locked.txt").write_text(GOOD)
    (content / "locked.txt").chmod(0)
    reporter = BufferReporter()
    assert list(read_articles(content, reporter)) == []
    assert reporter.errors[0].startswith("locked.txt: cannot be read")


def test_an_unprintable_character_in_guarded_front_matter_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    """Found by the fuzzer: PyYAML's reader refuses U+009E while the loader is being made (a '['
    sends the block to the guarded loader), before any parse: still a ContentError naming the
    file."""
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Hdi\u009e\nlang: e[n\n---\n# Head\n\nOn 29 February 2024.\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="a.md.*front matter"):
        read_article(path, tmp_path)
