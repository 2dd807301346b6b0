"""The ASCII fast path of ``viewmodel._words`` (issue 21) reads exactly the words the
per-character reading does: ``name_repeats_message`` and so the generated docs stay as
they were."""

from __future__ import annotations

from hypothesis import given, strategies as st

from generator.render.viewmodel import _words


def _reference(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_gives_the_per_character_words(text):
    assert _words(text) == _reference(text)


@given(st.text())
def test_any_text_gives_the_per_character_words(text):
    assert _words(text) == _reference(text)


def test_examples():
    assert _words("DNCS number cap_has-been HIT!") == ["dncs", "number", "cap", "has", "been", "hit"]
    assert _words("Número inválido ΑΣ") == ["número", "inválido", "ασ"]
