"""The shape of the package: the core never imports the web layer, and no module imports
another that (directly or not) imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's own modules that `path` imports, at any depth of the file (imports
    inside functions count: they run too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from assistant.web import admin" imports the module assistant.web.admin
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        found |= {name for name in names if name in known and name != "assistant"}
    return found - {module_name(path)}


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    # A package's empty __init__ is not a dependency worth drawing.
    return {
        name: {m for m in imports(path, known) if not PACKAGE.joinpath(*m.split(".")[1:]).is_dir()}
        for name, path in mods.items()
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycles():
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


CORE_OUTSIDE = {"assistant.cli", "assistant.__main__"}  # the entry point wires core and web


def core_modules() -> list[str]:
    return sorted(m for m in modules() if not m.startswith("assistant.web") and m not in CORE_OUTSIDE)


def test_core_never_imports_the_web_layer():
    edges = graph()
    wrong = {m: sorted(d for d in edges[m] if d.startswith("assistant.web")) for m in core_modules()}
    assert {m: d for m, d in wrong.items() if d} == {}


def test_core_imports_with_gradio_and_fastapi_blocked():
    # A module set to None in sys.modules raises ImportError when imported.
    blocked = ["gradio", "gradio_client", "fastapi", "starlette", "uvicorn"]
    core = [m for m in core_modules() if m != "assistant.testing"]
    code = (
        f"import sys, importlib\nfor name in {blocked!r}: sys.modules[name] = None\n"
        f"for module in {core!r}: importlib.import_module(module)\nprint('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
