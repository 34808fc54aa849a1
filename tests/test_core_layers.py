"""The knowledge-base core stays plain Python, grouped by concern, with imports only downward.

`content` (load and validate) is the bottom layer, then `translate`, `render` and `publish`: a
module may import its own package and the layers below it, never MkDocs. A move to another
site generator then rewrites only the glue in `hooks/kb*.py`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "hooks" / "knowledge_base"
LAYERS = ["content", "translate", "render", "publish"]
MODULES = sorted(p for p in CORE.rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name relative to knowledge_base, or absolute name) of each import in a module."""
    package = path.parent.relative_to(CORE).parts
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.append((node.lineno, node.module or ""))
                continue
            base = list(package[: len(package) - node.level + 1])
            target = base + (node.module.split(".") if node.module else [])
            if not node.module:
                target += [node.names[0].name]
            found.append((node.lineno, "knowledge_base." + ".".join(target)))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_mkdocs_and_only_layers_below(path: Path) -> None:
    own = path.parent.relative_to(CORE).parts
    own_layer = LAYERS.index(own[0]) if own else len(LAYERS)
    for line, name in imported_modules(path):
        assert not name.startswith("mkdocs"), f"{path.name}:{line} imports {name}"
        if name.startswith("knowledge_base."):
            layer = name.split(".")[1]
            assert layer in LAYERS, f"{path.name}:{line} imports {name} outside the four layers"
            assert LAYERS.index(layer) <= own_layer, f"{path.name}:{line} imports {name} from a layer above"


def test_every_core_module_sits_in_a_layer() -> None:
    loose = [p.name for p in CORE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
