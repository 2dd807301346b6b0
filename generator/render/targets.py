"""The target registry: which template makes which file under ``out/``.

Adding a target is one entry here plus its template; nothing else knows target names.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.viewmodel import pascal


@dataclass(frozen=True)
class Target:
    name: str
    directory: str  # under out/
    suffix: str  # of the per-provider file: out/<directory>/<provider id><suffix>
    template: str  # per provider
    index: tuple[str, str] | None = None  # (template, file name) rendered once for all providers
    python: bool = False  # formatted with black
    # file under directory when not <id><suffix>: "{id}" is the provider id, "{pascal}" its
    # PascalCase; a "/" puts each provider in a folder of its own (a Go package, a Java one)
    pattern: str | None = None

    def provider_file(self, provider_id: str) -> str:
        if self.pattern is None:
            return f"{self.directory}/{provider_id}{self.suffix}"
        name = self.pattern.format(id=provider_id, pascal=pascal(provider_id))
        return f"{self.directory}/{name}"

    @property
    def depth(self) -> int:
        """Folders between ``directory`` and a provider's file (0: directly in it)."""
        return self.pattern.count("/") if self.pattern else 0

    def index_file(self) -> str | None:
        return f"{self.directory}/{self.index[1]}" if self.index else None


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("python", "python", ".py", "python/module.py.j2", python=True),
        Target("typescript", "typescript", ".ts", "typescript/module.ts.j2"),
        Target("openapi", "openapi", ".yaml", "openapi/module.yaml.j2"),
        Target(
            "markdown",
            "docs",
            ".md",
            "markdown/provider.md.j2",
            index=("markdown/index.md.j2", "README.md"),
        ),
        Target("go", "go", ".go", "go/errors.go.j2", pattern="{id}/errors.go"),
        Target("rust", "rust", ".rs", "rust/module.rs.j2"),
        Target("java", "java", ".java", "java/Errors.java.j2", pattern="{id}/{pascal}Errors.java"),
    )
}


def select(names: list[str] | None) -> list[Target]:
    """Targets in registry order (so output never depends on argument order)."""
    wanted = set(names or TARGETS)
    return [target for name, target in TARGETS.items() if name in wanted]
