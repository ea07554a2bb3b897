"""Uses an installed package as its README says. The same checks run here on the artefacts of
`make dist` (test_packages.py) and on every platform of the release workflow:

    python packaging/checks.py python              # edgecore installed for this interpreter
    python packaging/checks.py npm MAIN.tgz PLATFORM.tgz

The Python check runs the root README's Python quickstart, the package README's doctest
session and a sample of the shared vectors (with the Python suite's own rules). The npm check
installs the two tarballs into a fresh npm project and uses them through `require`, named ES
module imports, the package README's examples and a TypeScript file type-checked against the
installed declarations. Every child process runs under a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from readme_blocks import code_blocks  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bindings-node"


def run(args: Sequence[object], cwd: Path, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    """Runs a command and returns its standard output; fails with both outputs shown."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    if done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


# Every fifth shared vector case through the installed package, with the rules of the Python
# suite (bindings-python/tests/vectors.py, imported from the repository).
VECTOR_SAMPLE = """
import sys
sys.path.insert(0, sys.argv[1])
import edgecore
from vectors import load_cases, mismatches, run
assert "site-packages" in edgecore.__file__, edgecore.__file__
cases = load_cases()[::5]
errors = []
for name, case in cases:
    actual = run(case["function"], case["input"])
    errors += mismatches(case["expected"], actual, case.get("tolerance", 1e-9), name)
assert not errors, "\\n".join(errors)
print(len(cases))
"""


# The testing kit: with hypothesis installed it generates valid records; without, importing it
# says which extra to install (so the module is in the package either way).
PYTHON_KIT = """
import importlib.util
import edgecore as ec
if importlib.util.find_spec("hypothesis") is None:
    try:
        import edgecore.testing
    except ImportError as error:
        assert 'pip install "edgecore[testing]"' in str(error), error
    else:
        raise AssertionError("edgecore.testing imported without hypothesis")
else:
    from hypothesis import given, settings
    from edgecore.testing import loans

    @settings(max_examples=20, deadline=None)
    @given(loans())
    def every_loan_validates(loan):
        assert len(ec.amortization_schedule(loan).rows) == loan.months

    every_loan_validates()
print("kit")
"""


def check_python(py: Path, workdir: Path) -> None:
    """The installed package of interpreter `py`, used from `workdir` (outside the repository)."""
    quickstart = workdir / "quickstart.py"
    quickstart.write_text("\n".join(code_blocks(ROOT / "README.md", "python")))
    run([py, quickstart], cwd=workdir)
    session = workdir / "README.md"
    shutil.copy(ROOT / "bindings-python" / "README.md", session)
    run([py, "-m", "doctest", session], cwd=workdir)
    sample = workdir / "vector_sample.py"
    sample.write_text(VECTOR_SAMPLE)
    assert int(run([py, sample, ROOT / "bindings-python" / "tests"], cwd=workdir)) > 20
    kit = workdir / "kit.py"
    kit.write_text(PYTHON_KIT)
    assert run([py, kit], cwd=workdir).strip() == "kit"


NPM_TYPES = """
import { devig, kellyStake, errorCodes, type ErrorCode } from 'edgecore'
import edgecore = require('edgecore')

const probabilities: number[] = devig([2.2, 3.5, 3.4], 'shin').probabilities
const stake: string = kellyStake('1000', 2.0, 0.55)
const codes: ErrorCode[] = errorCodes()
const same: typeof devig = edgecore.devig
export { probabilities, stake, codes, same }
"""


def package_json(tarball: Path) -> dict:
    with tarfile.open(tarball) as packed:
        names = packed.getnames()
        manifest = json.load(packed.extractfile("package/package.json"))
    manifest["__files__"] = names
    return manifest


def check_npm(main: Path, native: Path, workdir: Path) -> None:
    """The main package (no binary) and one platform package, installed from their tarballs."""
    binary = package_json(native)["main"]
    packed = package_json(main)["__files__"]
    assert not [n for n in packed if n.endswith(".node")], f"the main package carries a binary: {packed}"
    project = workdir / "app"
    project.mkdir()
    (project / "package.json").write_text('{"name": "app", "private": true}\n')
    npm = shutil.which("npm") or "npm"
    run([npm, "install", "--no-audit", "--no-fund", main.resolve(), native.resolve()], cwd=project, timeout=300)
    installed = project / "node_modules"
    assert (installed / package_json(native)["name"] / binary).is_file()
    assert not list((installed / "edgecore").glob("*.node"))

    (project / "require.cjs").write_text(
        "const ec = require('edgecore')\n"
        "if (ec.devig([2, 2], 'multiplicative').probabilities[0] !== 0.5) throw new Error('devig')\n"
    )
    run(["node", "require.cjs"], cwd=project, timeout=60)
    (project / "import.mjs").write_text(
        "import { devig, kellyStake } from 'edgecore'\n"
        "import ec from 'edgecore'\n"
        "if (devig !== ec.devig || kellyStake('1000', 2.0, 0.55) !== '25.00') throw new Error('esm')\n"
    )
    run(["node", "import.mjs"], cwd=project, timeout=60)
    # The testing kit: without fast-check, a require says how to install it; with fast-check
    # (the copy installed for the package's tests, found through NODE_PATH), the ES module
    # entry generates valid loans and the README's example (```javascript) runs.
    for name in ["testing.js", "testing.mjs", "testing.d.ts"]:
        assert f"package/{name}" in packed, f"{name} is missing from the main package: {packed}"
    (project / "kit.cjs").write_text(
        "try { require('edgecore/testing'); throw new Error('loaded without fast-check') }\n"
        "catch (error) { if (!/npm install --save-dev fast-check/.test(error.message)) throw error }\n"
    )
    run(["node", "kit.cjs"], cwd=project, timeout=60)
    with_fast_check = {**os.environ, "NODE_PATH": str(NODE_DIR / "node_modules")}
    (project / "kit.mjs").write_text(
        "import { createRequire } from 'node:module'\n"
        "import { loans } from 'edgecore/testing'\n"
        "import ec from 'edgecore'\n"
        "const fc = createRequire(import.meta.url)('fast-check')  // NODE_PATH: require only\n"
        "fc.assert(fc.property(loans(), (loan) => ec.amortizationSchedule(loan).rows.length === loan.months), { numRuns: 20 })\n"
    )
    run(["node", "kit.mjs"], cwd=project, timeout=60, env=with_fast_check)
    (project / "kit-readme.cjs").write_text("\n".join(code_blocks(NODE_DIR / "README.md", "javascript")))
    run(["node", "kit-readme.cjs"], cwd=project, timeout=60, env=with_fast_check)
    (project / "quickstart.cjs").write_text("\n".join(code_blocks(NODE_DIR / "README.md", "js")))
    run(["node", "quickstart.cjs"], cwd=project, timeout=60)

    (project / "check.ts").write_text(NPM_TYPES)
    (project / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
                            "strict": True, "noEmit": True, "types": []},
        "files": ["check.ts"],
    }))
    tsc = NODE_DIR / "node_modules" / "typescript" / "bin" / "tsc"
    run(["node", tsc, "-p", "tsconfig.json"], cwd=project, timeout=300)


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        if argv[:1] == ["python"] and len(argv) == 1:
            check_python(Path(sys.executable), Path(workdir))
        elif argv[:1] == ["npm"] and len(argv) == 3:
            check_npm(Path(argv[1]), Path(argv[2]), Path(workdir))
        else:
            sys.exit(__doc__)
    print(f"{argv[0]} package: 1 passed, 0 failed")


if __name__ == "__main__":
    main(sys.argv[1:])
