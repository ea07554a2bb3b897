"""The fenced code blocks of a Markdown file, so tests run a README's examples as written."""

from __future__ import annotations

import re
from pathlib import Path

_FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def code_blocks(markdown: Path, language: str) -> list[str]:
    """Every block fenced as ```<language>, in order; an error when there is none (a
    README whose quickstart disappeared must not pass for a README whose quickstart works)."""
    blocks = [body for lang, body in _FENCE.findall(markdown.read_text()) if lang == language]
    if not blocks:
        raise AssertionError(f"{markdown} has no ```{language} block")
    return blocks


def rust_main(block: str) -> str:
    """A rustdoc example as a program: its hidden lines (`# ...`) shown, and its body, which
    ends on `Ok::<(), E>(())` as rustdoc's examples that use `?` do, wrapped in `main`."""
    lines = [re.sub(r"^# ?", "", line) if line.startswith("#") else line for line in block.splitlines()]
    uses = [line for line in lines if line.startswith("use ")]
    body = [line for line in lines if not line.startswith("use ")]
    tail = re.fullmatch(r"Ok::<\(\), (.+)>\(\(\)\)", body[-1].strip()) if body else None
    if tail is None:
        raise AssertionError("the Rust quickstart must end on `# Ok::<(), Error>(())`")
    indented = "\n".join(f"    {line}" if line else "" for line in body).strip("\n")
    return "\n".join(uses) + f"\n\nfn main() -> Result<(), {tail.group(1)}> {{\n{indented}\n}}\n"


def printed(block: str) -> list[str]:
    """What an example says it prints: the comment after each `println!(...);` line."""
    return re.findall(r"println!\(.*\);\s*//\s*(.+)$", block, re.MULTILINE)
