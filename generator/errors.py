"""Errors the CLI turns into one clear line and an exit code, never a traceback."""

from __future__ import annotations


class SpectabError(Exception):
    """Base for every error spectab reports to a user; ``exit_code`` is what the CLI returns."""

    exit_code = 2


class InputError(SpectabError):
    """Bad input: a spec, overrides file, page or argument that cannot be used as given."""


class SpecError(InputError):
    """A spec failed validation; ``problems`` holds one ``FILE:LINE:COL: path: what`` each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems

    def __reduce__(self) -> tuple[type[SpecError], tuple[list[str]]]:
        """Pickled as its problems (a refresh worker process sends it to the parent)."""
        return (type(self), (self.problems,))
