"""Pages rendered by the real documentation tools, scraped and compared with their truth.

tests/fixtures/pages/rendered/pages/ holds one page per tool x theme (Sphinx themes, MkDocs,
Doxygen, rustdoc, javadoc), rendered by ``render.sh`` from sources we wrote, each with a
``<page>.truth.yaml`` written from that source. A page passes when spectab finds exactly the
truth's entries: every required code (typed as written: 5 is not "5"), no other code, and for
each its message, name and HTTP status where the truth gives them.

The interpreter is still learning, so ``passing.txt`` records which pages pass: a recorded page
that stops passing fails, and so does a page that passes but is not recorded (record it).
``python tests/scrape/test_rendered_pages.py`` prints what each page got wrong, one line each.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from generator.errors import InputError  # noqa: E402
from generator.scrape.pipeline import scrape_page  # noqa: E402
from generator.spec.identifiers import slug  # noqa: E402
from generator.spec.model import RawSpec  # noqa: E402

RENDERED = ROOT / "tests" / "fixtures" / "pages" / "rendered"
PAGES_DIR = RENDERED / "pages"
PASSING = RENDERED / "passing.txt"
PAGES = sorted(PAGES_DIR.glob("*.html"))
# the rendered fixtures stay small: one page per tool x theme, well under 2 MB in all
MAX_TOTAL_BYTES = 2_000_000
# a scraped message may keep a short lead-in or tail the page wrote beside the message
# (``Error code 2001: ...``), but not a paragraph more: at most this many characters more
MESSAGE_SLACK = 40

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def norm_text(value: object) -> str:
    """Comparable text: entities decoded, code marks dropped, quotes folded, spaces collapsed."""
    text = html.unescape(unicodedata.normalize("NFKC", str(value or "")))
    text = text.replace("`", "").replace("*", "").translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip().lower()


def norm_name(value: object) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", str(value or "").upper()).strip("_")


def code_key(code: object) -> tuple[str, object]:
    """The typed identity of a code: an int never equals a str or a bool."""
    return (type(code).__name__, code)


@dataclass
class Got:
    """One scraped entry, flattened."""

    code: object
    texts: list[str]
    name: str | None
    http_status: int | None


@dataclass
class Verdict:
    """What a page got wrong (empty lists: the page passes)."""

    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    mistyped: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    failure: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missed or self.invented or self.mistyped or self.wrong or self.failure)

    def line(self) -> str:
        parts = [self.failure] if self.failure else []
        for label, items in (
            ("missed", self.missed),
            ("invented", self.invented),
            ("mistyped", self.mistyped),
            ("wrong", self.wrong),
        ):
            if items:
                parts.append(
                    f"{label} {len(items)}: {', '.join(items[:8])}{' ...' if len(items) > 8 else ''}"
                )
        return "; ".join(parts) or "ok"


def truth_doc(page: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(
        page.with_name(page.stem + ".truth.yaml").read_text(encoding="utf-8")
    )
    return doc


def load_truth(page: Path) -> list[dict[str, Any]]:
    """The truth's entries, every namespace's in page order (none on a negative page)."""
    return [entry for ns in truth_doc(page)["namespaces"] for entry in ns["entries"]]


def scraped(raw: RawSpec) -> list[Got]:
    got = []
    for ns in raw.namespaces:
        for e in ns.entries:
            texts = [t for t in (e.message, e.description) if t]
            if len(texts) == 2:
                texts.append(" ".join(texts))
            got.append(Got(e.code, texts, e.name, e.http_status))
    return got


def message_ok(texts: list[str], want: str) -> bool:
    wanted = norm_text(want)
    return any(
        norm_text(t) == wanted
        or (wanted in norm_text(t) and len(norm_text(t)) <= len(wanted) + MESSAGE_SLACK)
        for t in texts
    )


def field_problems(want: dict[str, Any], got: Got) -> list[str]:
    code, problems = want["code"], []
    if not message_ok(got.texts, str(want["message"])):
        problems.append(f"{code!r} message {(got.texts or [''])[0][:50]!r}")
    if "name" in want and norm_name(got.name) != norm_name(want["name"]):
        problems.append(f"{code!r} name {got.name!r} (not {want['name']})")
    if "http_status" in want and got.http_status != want["http_status"]:
        problems.append(f"{code!r} http {got.http_status} (not {want['http_status']})")
    return problems


def compare(truth: list[dict[str, Any]], got: list[Got]) -> Verdict:
    """Match truth and scraped entries by typed code (each scraped entry used once)."""
    verdict, free = Verdict(), list(got)
    for want in sorted(truth, key=lambda w: bool(w.get("optional"))):
        hit = next((g for g in free if code_key(g.code) == code_key(want["code"])), None)
        if hit is None:
            if not want.get("optional"):
                verdict.missed.append(repr(want["code"]))
            continue
        free.remove(hit)
        verdict.wrong.extend(field_problems(want, hit))
    for want_code in list(verdict.missed):
        twin = next(
            (g for g in free if repr(g.code) != want_code and str(g.code) == want_code.strip("'")),
            None,
        )
        if twin is not None:
            free.remove(twin)
            verdict.missed.remove(want_code)
            verdict.mistyped.append(f"{twin.code!r} for {want_code}")
    verdict.invented = [repr(g.code) for g in free]
    return verdict


def judge(page: Path) -> Verdict:
    """Scrape ``page`` in-process and compare it with its truth."""
    truth = load_truth(page)
    try:
        raw = scrape_page(
            str(page),
            warn=lambda _: None,
            recorded_location=page.name,
            provider_id=slug(page.stem),
        )
    except InputError as exc:
        verdict = compare(truth, [])
        if truth_doc(page).get("negative"):
            return verdict  # a page with no error list: saying so is the right reading
        verdict.failure = str(exc).split(": ", 1)[-1][:110]
        return verdict
    return compare(truth, scraped(raw))


def recorded() -> set[str]:
    lines = PASSING.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_every_page_has_its_truth_and_the_fixtures_stay_small() -> None:
    assert len(PAGES) >= 8
    for page in PAGES:
        negative = bool(truth_doc(page).get("negative"))
        assert negative != bool(load_truth(page)), f"{page.name}: entries xor negative: true"
    assert sum(p.stat().st_size for p in PAGES_DIR.iterdir()) < MAX_TOTAL_BYTES


def page_text(page: Path) -> str:
    """The page's visible text, normalised; digit separators (``4_000``) dropped."""
    text = re.sub(
        r"<(script|style)\b.*?</\1\s*>", " ", page.read_text(encoding="utf-8"), flags=re.S | re.I
    )
    text = norm_text(re.sub(r"<[^<>]*>", "", text))
    return re.sub(r"(?<=\d)_(?=\d)", "", text)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_the_truth_is_on_the_page(page: Path) -> None:
    """Guards the hand-written truth against typos: each code, name and message is there."""
    text = page_text(page)
    for want in load_truth(page):
        for key in ("code", "name", "message"):
            if key in want:
                assert (
                    norm_text(want[key]) in text
                ), f"{page.name}: {key} {want[key]!r} is not on the page"


def test_the_record_names_only_rendered_pages() -> None:
    assert recorded() <= {page.name for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_rendered_page_reads_as_recorded(page: Path) -> None:
    verdict = judge(page)
    if page.name in recorded():
        assert verdict.ok, f"{page.name} passed before and no longer does: {verdict.line()}"
    else:
        assert not verdict.ok, f"{page.name} passes now: add it to {PASSING.name}"


# ------------------------------------------------------------------ the comparison itself


def _truth() -> list[dict[str, Any]]:
    return [
        {"code": 7, "name": "BUSY", "http_status": 503, "message": "The server is busy."},
        {"code": "E2", "message": "Bad key."},
        {"code": 0, "message": "Done.", "optional": True},
    ]


def test_compare_accepts_the_exact_reading() -> None:
    got = [
        Got(7, ["The server is `busy`."], "busy", 503),
        Got("E2", ["Error E2: Bad key."], None, None),
    ]
    assert compare(_truth(), got).ok


def test_compare_names_what_is_missed_invented_mistyped_and_wrong() -> None:
    got = [
        Got("7", ["The server is busy."], "BUSY", 503),
        Got(9, ["x"], None, None),
        Got(
            "E2",
            ["Bad key. And a whole paragraph more that the message does not say at all."],
            None,
            400,
        ),
    ]
    verdict = compare(_truth(), got)
    assert (verdict.missed, verdict.invented, verdict.mistyped) == ([], ["9"], ["'7' for 7"])
    assert verdict.wrong == ["'E2' message 'Bad key. And a whole paragraph more that the messa'"]
    assert not compare(_truth(), [Got(7, ["The server is busy."], "BUSY", 500)]).ok


def test_a_negative_page_passes_when_no_list_is_found(tmp_path: Path) -> None:
    page = tmp_path / "about.html"
    page.write_text("<html><body><h1>About us</h1><p>We make maps.</p></body></html>")
    page.with_name("about.truth.yaml").write_text("negative: true\nnamespaces: []\n")
    assert judge(page).ok
    page.with_name("about.truth.yaml").write_text(
        "namespaces:\n- {title: T, entries: [{code: 1, message: One.}]}\n"
    )
    assert not judge(page).ok


if __name__ == "__main__":
    for one in PAGES:
        mark = "recorded" if one.name in recorded() else "        "
        print(f"{one.name:<36} {mark} {judge(one).line()}")
