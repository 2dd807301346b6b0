"""The HTML and Markdown renderings of each seed page read to the same tables as its text
snapshot: same headers, same rows (whitespace aside), under the same section headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.scrape.readers import html
from generator.scrape.readers import markdown
from generator.scrape.readers import text
from generator.scrape.document import Block, Heading, Page, Paragraph, Table

ROOT = Path(__file__).resolve().parents[3]
RENDERINGS = ROOT / "tests" / "fixtures" / "pages" / "renderings"
SEEDS = ["kaisa", "fonedynamics", "voipms", "itniotech"]
READERS = {"html": html.read, "md": markdown.read}
SECTIONED = {"kaisa": [], "fonedynamics": [0, 1, 2, 3], "voipms": [0], "itniotech": [2, 3, 4, 5]}


def flat(cell: str) -> str:
    return " ".join(cell.split())


def summary(page: Page) -> list[tuple[str | None, list[str] | None, list[list[str]]]]:
    """Each table with the heading above it; cells with whitespace collapsed."""
    out = []
    heading: str | None = None
    for block in page.blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            rows = [[flat(cell) for cell in row] for row in block.rows]
            out.append((heading, block.header, rows))
    return out


def titles(blocks: list[Block]) -> list[str]:
    """Titled paragraphs, and the quoted headings some pages use for the same purpose."""
    found = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.title:
            found.append(block.text)
        elif isinstance(block, Heading) and block.text.startswith('"'):
            found.append(block.text)
    return found


def snapshot(seed: str) -> Page:
    return text.read((ROOT / "specs" / "sources" / f"{seed}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_rendering_reads_like_the_snapshot(seed: str, kind: str) -> None:
    page = READERS[kind]((RENDERINGS / f"{seed}.{kind}").read_text(encoding="utf-8"))
    expected = summary(snapshot(seed))
    got = summary(page)
    assert [(header, len(rows)) for _, header, rows in got] == [
        (header, len(rows)) for _, header, rows in expected
    ]
    assert [rows for _, _, rows in got] == [rows for _, _, rows in expected]
    # the error tables sit under the same section headings (kaisa's only table is an example)
    for index in SECTIONED[seed]:
        assert got[index][0] == expected[index][0]
    assert titles(page.blocks) == titles(snapshot(seed).blocks)
    assert page.title  # every rendering names its page
    for block in page.blocks:
        if isinstance(block, Table):
            assert all(isinstance(line, int) for line in block.row_lines)


def test_voipms_renderings_keep_the_br_and_the_truncated_row() -> None:
    page = html.read((RENDERINGS / "voipms.html").read_text(encoding="utf-8"))
    [table] = [block for block in page.blocks if isinstance(block, Table)]
    rows = dict((code, message) for code, message in table.rows)
    assert (
        rows["invalid_billingtype"]
        == "This is not a valid Billing Type\nAllowed values: 1 = PerMinute, 2 = Flat"
    )
    assert table.rows[-1] == ["unavailabl", ""]
    md = markdown.read((RENDERINGS / "voipms.md").read_text(encoding="utf-8"))
    [md_table] = [block for block in md.blocks if isinstance(block, Table)]
    md_rows = dict((code, message) for code, message in md_table.rows)
    assert md_rows["invalid_password_ilegal_characters"].endswith("= ? * [ ] _ : . , { } + -)")
    assert any("1 cells" in note for note in md_table.notes)


def test_chrome_of_each_site_is_dropped() -> None:
    chrome = {
        "kaisa": ["Was this article helpful?", "Comments", "Related articles", "Return to top"],
        "fonedynamics": ["Feedback sent", "Related Articles", "Help Desk Software by Freshdesk"],
        "voipms": ["Navigation", "Contents", "edit", "From VoIP.ms Wiki", "Jump to content"],
        "itniotech": ["Feedback", "Need help?", "Send SMS", "SMS API"],
    }
    for seed, words in chrome.items():
        page = html.read((RENDERINGS / f"{seed}.html").read_text(encoding="utf-8"))
        texts = [getattr(block, "text", "") for block in page.blocks]
        for word in words:
            assert not any(word in text for text in texts), (seed, word)
