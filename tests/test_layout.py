"""The folder tree is the data flow: these import rules keep it so (see ARCHITECTURE.md).

Every import is counted, lazy and type-only ones too: a rule that a function-level import
could dodge would not say anything about the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
SHARED_LEAVES = {"errors", "report", "cache", "versions", "files", "lazyre"}
# folder -> the folders it may import (besides the shared leaves)
ALLOWED = {
    "spec": set(),
    "scrape": {"spec"},
    "curate": {"spec"},
    "render": {"spec"},
    "diff": {"spec"},
    "commands": {"spec", "scrape", "curate", "render", "diff"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "templates" not in path.relative_to(PACKAGE).parts
    }


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports (``from a import b`` counts ``a.b`` when a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_each_folder_imports_only_what_the_flow_allows():
    wrong = []
    for module, targets in _graph().items():
        folder = _folder(module)
        if folder not in ALLOWED:
            continue
        for target in targets:
            other = _folder(target)
            if other == folder or other in SHARED_LEAVES or target == "generator":
                continue
            if other not in ALLOWED[folder]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_shared_leaves_import_only_each_other():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if _folder(module) in SHARED_LEAVES
        for target in targets
        if _folder(target) not in SHARED_LEAVES and target != "generator"
    ]
    assert not wrong, "\n".join(wrong)


def test_readers_know_formats_not_error_lists():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module.startswith("generator.scrape.readers")
        for target in targets
        if target.startswith("generator.scrape.interpret")
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_cli_imports_commands():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module != "generator.cli" and _folder(module) != "commands"
        for target in targets
        if _folder(target) == "commands"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_circles():
    graph = _graph()
    # a package's __init__ is imported by every module inside it: not an edge of the design
    edges = {
        module: {t for t in targets if not module.startswith(t + ".")}
        for module, targets in graph.items()
    }
    circles = []
    state: dict[str, int] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join(stack[stack.index(target) :] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)


def test_the_package_root_holds_few_small_modules():
    top = sorted(PACKAGE.glob("*.py"))
    assert len(top) <= 8, [path.name for path in top]
    long = [path.name for path in top if len(path.read_text("utf-8").splitlines()) > 200]
    assert not long


def test_the_rules_see_lazy_imports():
    """Guard the guard: a function-level import in a known module is found."""
    graph = _graph()
    assert "generator.render.uptodate" in graph["generator.cli"]
    assert "generator.spec.identifiers" in graph["generator.spec.io"]


def test_no_interpreter_function_is_over_60_lines():
    """The interpreter is small rules in passes (ARCHITECTURE.md), not long cascades."""
    folder = Path(__file__).resolve().parents[1] / "generator" / "scrape" / "interpret"
    modules = sorted(folder.glob("*.py"))
    assert len(modules) >= 10
    long = [
        f"{module.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for module in modules
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (node.end_lineno or node.lineno) - node.lineno + 1 > 60
    ]
    assert not long, long
