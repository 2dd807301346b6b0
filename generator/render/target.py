"""One target: where its files go, which templates make them, how they are named and formatted.

A ``Target`` is what a ``target.toml`` manifest says (target_manifest.py reads and checks it);
the pipeline asks it for the path of each file it renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.render.casing import CASINGS

PROVIDER = "provider"  # one file per provider
NAMESPACE = "namespace"  # one file per namespace of a provider
DEFAULT_NAMES = (("type", "pascal"), ("member", "upper_snake"))  # what the view model spells
# a file-name placeholder: {id}, {namespace}, each with an optional casing ({id|pascal})
PLACEHOLDER = re.compile(r"\{(id|namespace)(?:\|([a-z_]{1,20}))?\}")


@dataclass(frozen=True)
class Target:
    name: str
    directory: str  # under out/
    file: str  # pattern of each generated file under ``directory``: "{id}.py", "{id|flat}/x.go"
    template: str  # as the template loader names it: "<target name>/<file in its folder>"
    index: tuple[str, str] | None = None  # (template, file name) rendered once for all providers
    formatter: str | None = None  # a built-in formatter ("black")
    command: tuple[str, ...] = ()  # a user target's formatter command (argv; see external.py)
    timeout: float = 0.0  # seconds the command may take per file
    per: str = PROVIDER
    filters: tuple[str, ...] = ()  # the named filters its templates use (each checked to exist)
    names: tuple[tuple[str, str], ...] = DEFAULT_NAMES  # kind of name -> casing
    root: str | None = None  # a user target's folder; None for a built-in one
    manifest: str = field(default="", compare=False)  # where it was read (for messages)

    @property
    def python(self) -> bool:
        """Formatted with black (in-process, cached: formatting.py)."""
        return self.formatter == "black"

    @property
    def suffix(self) -> str:
        """The fixed end of a generated file's name (after its last placeholder): ".py"."""
        last = self.file.rsplit("/", 1)[-1]
        return PLACEHOLDER.split(last)[-1] if PLACEHOLDER.search(last) else last

    @property
    def depth(self) -> int:
        """Folders between ``directory`` and a generated file ("{id}/errors.go": 1)."""
        return self.file.count("/")

    def provider_file(self, provider_id: str, namespace_id: str = "") -> str:
        """``out/``-relative path of a provider's (or one of its namespaces') file."""
        values = {"id": provider_id, "namespace": namespace_id}

        def fill(match: re.Match[str]) -> str:
            return CASINGS[match[2] or "keep"](values[match[1]])

        return f"{self.directory}/{PLACEHOLDER.sub(fill, self.file)}"

    def index_file(self) -> str | None:
        return f"{self.directory}/{self.index[1]}" if self.index else None

    def context(self) -> dict[str, object]:
        """What templates see as ``t``: the target's name and its casing of each kind of name."""
        return {"name": self.name, "names": dict(self.names)}
