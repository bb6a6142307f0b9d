"""Finding uses of forbidden APIs (autograd in a backprop-by-hand homework) in a
submission's source, before any of it runs.

An API is named by a dotted path (`torch.autograd`) or a bare attribute or keyword
name (`backward`, `requires_grad`). Reading the syntax tree catches every ordinary
use; the worker also refuses the calls at run time, for uses the source hides.
"""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["find_uses"]

_MAX_SOURCE_BYTES = 2 << 20


def find_uses(folder: Path, apis: tuple[str, ...]) -> list[str]:
    """Where the Python files of `folder` use one of `apis`, as short sentences."""
    uses: list[str] = []
    for path in sorted(folder.rglob("*.py")):
        if path.is_symlink() or path.stat().st_size > _MAX_SOURCE_BYTES:
            continue
        try:
            tree = ast.parse(path.read_bytes(), filename=path.name)
        except (SyntaxError, ValueError):
            continue  # a file that does not parse cannot run either
        relative = path.relative_to(folder)
        for node in ast.walk(tree):
            for api in apis:
                if _uses(node, api):
                    line = getattr(node, "lineno", 0)
                    uses.append(f"`{api}` at {relative} line {line}")
    return sorted(set(uses), key=_line_order)


def _uses(node: ast.AST, api: str) -> bool:
    if isinstance(node, ast.Attribute):
        dotted = _dotted(node)
        named = node.attr in (api, api + "_")  # requires_grad_() too
        return named or dotted == api or dotted.startswith(api + ".")
    if isinstance(node, ast.keyword):
        return node.arg == api
    if isinstance(node, ast.Import):
        return any(_within(alias.name, api) for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return _within(module, api) or any(
            _within(f"{module}.{alias.name}", api) or alias.name == api
            for alias in node.names
        )
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value == api  # getattr(tensor, "backward")
    return False


def _dotted(node: ast.AST) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _within(name: str, api: str) -> bool:
    return name == api or name.startswith(api + ".")


def _line_order(use: str) -> tuple[str, int]:
    where, _, line = use.rpartition(" line ")
    return where.split(" at ", 1)[-1], int(line) if line.isdigit() else 0
