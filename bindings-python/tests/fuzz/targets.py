"""What the fuzzer calls, read from the package's stubs (``edgecore/_edgecore.pyi``): every
module-level function, every class constructor, static method, method and property, with
each parameter's name, annotation and whether it has a default. A function added to the
package (and to its stubs, which ``mypy.stubtest`` keeps in step) is fuzzed with no change
here."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import edgecore

STUB = Path(edgecore.__file__).with_name("_edgecore.pyi")


@dataclass(frozen=True)
class Param:
    name: str
    annotation: str
    optional: bool
    keyword_only: bool = False


@dataclass(frozen=True)
class Target:
    """One callable: `kind` is "function", "new" (a constructor), "static", "method" or
    "property"; `owner` the class name for all but functions."""

    name: str
    kind: str
    owner: str | None
    params: tuple[Param, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.owner}.{self.name}" if self.owner else self.name


def _params(node: ast.FunctionDef, aliases: dict[str, str], skip_first: bool) -> tuple[Param, ...]:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    if skip_first:
        positional = positional[1:]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    out = [
        Param(a.arg, expand(ast.unparse(a.annotation) if a.annotation else "Any", aliases), d is not None)
        for a, d in zip(positional, defaults)
    ]
    out += [
        Param(a.arg, expand(ast.unparse(a.annotation) if a.annotation else "Any", aliases), d is not None, True)
        for a, d in zip(args.kwonlyargs, args.kw_defaults)
    ]
    if args.kwarg is not None:  # records' **fields: fuzzed as one hostile keyword
        out.append(Param("**", "Any", True, True))
    return tuple(out)


def expand(annotation: str, aliases: dict[str, str]) -> str:
    """The annotation with the stub's private aliases (`_Amount`, `_DevigMethodArg`...)
    replaced by what they stand for, recursively."""
    for _ in range(5):
        expanded = re.sub(r"\b_[A-Za-z]+\b", lambda m: f"({aliases[m.group(0)]})" if m.group(0) in aliases else m.group(0), annotation)
        if expanded == annotation:
            break
        annotation = expanded
    return annotation


@lru_cache(maxsize=None)
def stub_targets() -> tuple[Target, ...]:
    tree = ast.parse(STUB.read_text())
    aliases: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.startswith("_") and name != "__all__":
                aliases[name] = ast.unparse(node.value)
    seen: set[str] = set()
    targets: list[Target] = []

    def add(target: Target) -> None:
        if target.label not in seen:  # overloads: the first signature
            seen.add(target.label)
            targets.append(target)

    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            add(Target(node.name, "function", None, _params(node, aliases, False)))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            if any(isinstance(b, ast.Name) and b.id.endswith("Error") for b in node.bases):
                continue
            for item in node.body:
                if not isinstance(item, ast.FunctionDef):
                    continue
                decorators = {ast.unparse(d) for d in item.decorator_list}
                if item.name == "__new__":
                    add(Target(item.name, "new", node.name, _params(item, aliases, True)))
                elif item.name.startswith("_"):
                    continue
                elif "property" in decorators:
                    add(Target(item.name, "property", node.name))
                elif "staticmethod" in decorators:
                    add(Target(item.name, "static", node.name, _params(item, aliases, False)))
                else:
                    classmethod = "classmethod" in decorators
                    add(Target(item.name, "static" if classmethod else "method", node.name, _params(item, aliases, True)))
    return tuple(targets)


def literals(annotation: str) -> list[str]:
    """The string literals an annotation names (the accepted names of an enum argument)."""
    return re.findall(r"'([^']*)'|\"([^\"]*)\"", annotation) and [
        a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", annotation)
    ]
