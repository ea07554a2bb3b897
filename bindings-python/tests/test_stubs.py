"""The type stubs match the compiled module (mypy's stubtest), type every named value with
the core's names as `Literal` types, and let a type checker catch a misspelt name."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_stubtest() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "edgecore"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


ROOT = Path(__file__).resolve().parents[2]
STUB = ROOT / "bindings-python" / "python" / "edgecore" / "_edgecore.pyi"


def core_names() -> dict[str, list[list[str]]]:
    """Every `named_enum!` of the core: enum -> [[canonical name, aliases...], ...]."""
    enums: dict[str, list[list[str]]] = {}
    for path in sorted((ROOT / "core" / "src").rglob("*.rs")):
        for body in re.findall(r"named_enum!\s*\{(.*?)\n\}", path.read_text(), re.S):
            enum = re.search(r"enum (\w+) \(", body)
            assert enum is not None
            values = re.findall(r'\w+ = ("[^"]+"(?:\s*\|\s*"[^"]+")*)', body)
            enums[enum.group(1)] = [re.findall(r'"([^"]+)"', v) for v in values]
    return enums


def stub_literal(text: str, alias: str) -> list[str]:
    line = re.search(rf"^{alias} = (.*)$", text, re.M)
    assert line is not None, f"{alias} is missing from the stubs"
    names: list[str] = []
    for part in line.group(1).split(" | "):
        if part.startswith("_"):
            names += stub_literal(text, part)
        else:
            names += re.findall(r'"([^"]+)"', part)
    return names


def test_literal_types_list_every_name_the_core_accepts() -> None:
    text = STUB.read_text()
    for enum, values in core_names().items():
        alias = "_WhenName" if enum == "When" else f"_{enum}"
        assert stub_literal(text, alias) == [v[0] for v in values], enum
        aliases = [a for v in values for a in v[1:]]
        if aliases:
            assert stub_literal(text, f"{alias.removesuffix('Name')}Arg") == [v[0] for v in values] + aliases


def test_a_type_checker_catches_a_misspelt_name(tmp_path: Path) -> None:
    program = tmp_path / "usage.py"
    program.write_text(
        "import edgecore as ec\n"
        'ec.devig([2.2, 3.5, 3.4], method="shin")\n'
        'ec.devig([2.2, 3.5, 3.4], method="wpo")\n'
        'level: str = ec.risk_score_batch([], __import__("datetime").date(2024, 1, 1))[0].level\n'
        'ec.devig([2.2, 3.5, 3.4], method="shinn")\n'
        'ec.market_accepts("totals", "ovre")\n'
        'ec.amortization_schedule(1000, 3, 12, __import__("datetime").date(2024, 1, 1), kind="anuity")\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(program)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in errors] == [5, 6, 7], result.stdout
    assert all("Literal" in line for line in errors), result.stdout
