"""Every artefact of `make dist`, installed in a clean place and used as its README says.

- the wheel in fresh virtual environments of the oldest and newest Python of the machine (3.9
  and 3.13, from pyenv): the root README's Python quickstart, the package README's doctest
  session, a sample of the shared vectors and the testing kit; the sdist built by pip in
  another environment; both carry `edgecore.testing` and the wheel offers its extra;
- the npm tarballs in a fresh npm project: `require`, named ES module imports, the package
  README's examples, `edgecore/testing` with and without fast-check, and a TypeScript file
  type-checked against the installed declarations;
- the crate unpacked and used by path from a fresh cargo project that runs the README's Rust
  quickstart and prints what it says it prints; its own unit tests and doctests run from the
  package;
- the server tarball unpacked elsewhere, serving `/health` with the shipped example
  configuration;
- one version for everything, the checksums, the release workflow (actionlint).

Slow steps keep build caches under target/ (dist-sdist/, dist-crate/) and use cargo's, pip's and
npm's download caches; every child process runs under a timeout.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from checks import check_npm, check_python, run
from readme_blocks import code_blocks, printed, rust_main

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
VERSION = re.search(r'^version = "(.+)"$', (ROOT / "Cargo.toml").read_text(), re.MULTILINE)[1]
NODE_DIR = ROOT / "bindings-node"
PYENV_ROOT = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))


def artefact(pattern: str) -> Path:
    """The one file of dist/ that matches `pattern`."""
    found = sorted(DIST.glob(pattern))
    assert len(found) == 1, f"dist/{pattern}: expected one file, found {found}"
    return found[0]


def wheel() -> Path:
    return artefact(f"edgecore-{VERSION}-cp39-abi3-*.whl")


def python(version: str) -> Path:
    """The interpreter of Python `version` (e.g. "3.9"): pyenv's installation, else the one on
    the PATH (as CI's setup-python provides)."""
    found = sorted(PYENV_ROOT.glob(f"versions/{version}.*/bin/python{version}"))
    on_path = shutil.which(f"python{version}")
    assert found or on_path, f"Python {version} is needed: neither under {PYENV_ROOT} nor on the PATH"
    return found[-1] if found else Path(on_path)


def venv(base: Path, where: Path) -> Path:
    """A fresh virtual environment made by `base`; returns its interpreter."""
    run([base, "-m", "venv", where], cwd=where.parent, timeout=300)
    return where / "bin" / "python"


def pip_install(py: Path, *what: str | Path, env: dict[str, str] | None = None) -> None:
    run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *what], cwd=py.parent, timeout=900, env=env)


def test_one_version() -> None:
    """The workspace version is the wheel's, the sdist's, the crate's and every npm package's."""
    manifests = [NODE_DIR / "package.json", *sorted((NODE_DIR / "npm").glob("*/package.json"))]
    assert len(manifests) == 8
    for manifest in manifests:
        assert json.loads(manifest.read_text())["version"] == VERSION, manifest
    members = json.loads(run(["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=ROOT))
    for package in members["packages"]:
        assert package["version"] == VERSION, package["name"]
    wheel()
    artefact(f"edgecore-{VERSION}.tar.gz")
    artefact(f"edgecore-{VERSION}.crate")
    artefact(f"edgecore-{VERSION}.tgz")
    artefact(f"edgecore-linux-x64-gnu-{VERSION}.tgz")
    artefact(f"edgecore-server-{VERSION}-*.tar.gz")
    with tarfile.open(artefact(f"edgecore-{VERSION}.tgz")) as packed:
        main = json.load(packed.extractfile("package/package.json"))
    assert main["optionalDependencies"] == {
        json.loads(m.read_text())["name"]: VERSION for m in manifests[1:]
    }


def test_checksums() -> None:
    """SHA256SUMS lists every artefact with its digest."""
    listed = {}
    for line in (DIST / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    files = {p.name for p in DIST.iterdir() if p.name != "SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((DIST / name).read_bytes()).hexdigest() == digest, name


def test_wheel_is_abi3_manylinux() -> None:
    report = run([sys.executable, "-m", "auditwheel", "show", wheel()], cwd=DIST)
    assert re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"manylinux_\d+_\d+_x86_64"', report), report
    assert "-cp39-abi3-manylinux_" in wheel().name


def test_wheel_and_sdist_carry_the_testing_kit() -> None:
    """edgecore.testing and its stubs are in the wheel and the sdist, and the wheel's metadata
    offers the `testing` extra (hypothesis)."""
    with zipfile.ZipFile(wheel()) as packed:
        names = packed.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = packed.read(metadata).decode()
    assert {"edgecore/testing.py", "edgecore/testing.pyi"} <= set(names), names
    assert "Provides-Extra: testing" in text
    assert re.search(r"^Requires-Dist: hypothesis>=6\.100 ?; extra == .testing.$", text, re.MULTILINE), text
    with tarfile.open(artefact(f"edgecore-{VERSION}.tar.gz")) as packed:
        sdist = packed.getnames()
    for name in ["edgecore/testing.py", "edgecore/testing.pyi"]:
        assert any(n.endswith(f"/python/{name}") for n in sdist), (name, sdist)


@pytest.mark.parametrize("version", ["3.9", "3.13"])
def test_wheel_in_fresh_venv(version: str, tmp_path: Path) -> None:
    py = venv(python(version), tmp_path / "venv")
    pip_install(py, wheel())
    check_python(py, tmp_path)
    assert run([py, "-c", "import edgecore; print(edgecore.__version__)"], cwd=tmp_path).strip() == VERSION


def test_sdist_built_by_pip(tmp_path: Path) -> None:
    """pip builds the sdist with the machine's Rust toolchain. Cargo's build cache is one of
    its own under target/ (pip unpacks the sdist in a new directory each time, so the crates of
    the sdist are always rebuilt; their dependencies are compiled once)."""
    py = venv(python("3.13"), tmp_path / "venv")
    env = {**os.environ, "CARGO_TARGET_DIR": str(ROOT / "target" / "dist-sdist")}
    # --no-cache-dir: pip would otherwise reuse the wheel it built from the sdist last time.
    pip_install(py, "--no-cache-dir", artefact(f"edgecore-{VERSION}.tar.gz"), env=env)
    check_python(py, tmp_path)


def test_npm_packages(tmp_path: Path) -> None:
    check_npm(artefact(f"edgecore-{VERSION}.tgz"), artefact(f"edgecore-linux-x64-gnu-{VERSION}.tgz"), tmp_path)


# The crate tests' sources live outside the repository (cargo would take them for members of
# its workspace) at a fixed place, unpacked afresh with new modification times, so cargo
# rebuilds them from this run's package; their build cache is target/dist-crate (not the
# workspace's own, where the unpacked crate and the workspace's core share artefact names).
CRATE_HOME = Path(tempfile.gettempdir()) / "edgecore-dist-crate"
CRATE_CACHE = ROOT / "target" / "dist-crate"


@pytest.fixture(scope="module")
def crate() -> Path:
    """The packaged crate, unpacked under CRATE_HOME with every file's mtime set to now."""
    unpacked = CRATE_HOME / f"edgecore-{VERSION}"
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(artefact(f"edgecore-{VERSION}.crate")) as packed:
        packed.extractall(CRATE_HOME)
    for path in unpacked.rglob("*"):
        os.utime(path)
    return unpacked


def cargo_env() -> dict[str, str]:
    return {**os.environ, "CARGO_TARGET_DIR": str(CRATE_CACHE)}


def test_crate_from_fresh_project(crate: Path) -> None:
    """The packaged crate as a path dependency of a new project that runs the README's Rust
    quickstart. Offline: the workspace's lock file pins the same versions, which cargo already
    holds."""
    for name in ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "Cargo.toml", "src/lib.rs"]:
        assert (crate / name).is_file(), name
    project = CRATE_HOME / "app"
    shutil.rmtree(project, ignore_errors=True)
    (project / "src").mkdir(parents=True)
    (project / "Cargo.toml").write_text(
        '[package]\nname = "app"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f'[dependencies]\nedgecore = {{ path = "{crate}" }}\nrust_decimal = "1.41"\n'
    )
    block = code_blocks(ROOT / "README.md", "rust")[0]
    (project / "src" / "main.rs").write_text(rust_main(block))
    shutil.copy(ROOT / "Cargo.lock", project / "Cargo.lock")
    output = run(["cargo", "run", "--quiet", "--offline"], cwd=project, timeout=900, env=cargo_env())
    assert output.splitlines() == printed(block)


def test_crate_tests_run_from_the_package(crate: Path) -> None:
    """The published crate carries its unit tests and doctests, and they pass from the package
    (the integration tests, benches and example belong to the unpublished edgecore-suite)."""
    run(["cargo", "test", "--quiet", "--offline"], cwd=crate, timeout=900, env=cargo_env())


def test_crate_packages_without_warnings() -> None:
    listing = subprocess.run(
        ["cargo", "package", "-p", "edgecore", "--list", "--allow-dirty"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert listing.returncode == 0, listing.stderr
    assert "warning" not in listing.stderr, listing.stderr
    assert {"README.md", "LICENSE-MIT", "LICENSE-APACHE"} <= set(listing.stdout.split())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_tarball(tmp_path: Path) -> None:
    with tarfile.open(artefact(f"edgecore-server-{VERSION}-*.tar.gz")) as packed:
        packed.extractall(tmp_path)
    (home,) = tmp_path.iterdir()
    for name in ["edgecore-server", "README.md", "edgecore.example.toml", "prometheus/alerts.yml",
                 "alertmanager/alertmanager.yml",
                 "LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"]:
        assert (home / name).is_file(), name
    server = home / "edgecore-server"
    assert run([server, "--version"], cwd=tmp_path, timeout=30).split() == ["edgecore-server", VERSION]
    shutil.copy(home / "edgecore.example.toml", tmp_path / "edgecore.toml")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGECORE_")}
    env["EDGECORE_LISTEN"] = f"127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen([server, "serve"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                    health = json.load(response)
                    break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.2)
        assert response.status == 200
        assert health["version"] == VERSION, health
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_release_workflow() -> None:
    """The release workflow passes actionlint (shellcheck on its scripts) and builds every
    target of `napi.targets`."""
    workflow = ROOT / ".github" / "workflows" / "release.yml"
    actionlint = Path(sys.executable).parent / "actionlint"
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is needed: actionlint would skip the workflow's scripts"
    run([actionlint, "-no-color", f"-shellcheck={shellcheck}", workflow], cwd=ROOT, timeout=120)
    text = workflow.read_text()
    for target in json.loads((NODE_DIR / "package.json").read_text())["napi"]["targets"]:
        assert target in text, f"release.yml builds no {target}"


def test_rust_version_covers_let_chains() -> None:
    """clippy's `incompatible_msrv` holds the standard library to each crate's `rust-version`;
    language features are not checked by any tool, so the one in use that is newest is checked
    here: let-chains (`if let ... && let ...`), stable from 1.88 in edition 2024."""
    members = json.loads(run(["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=ROOT))
    chain = re.compile(r"&&\s*let\s")
    for package in members["packages"]:
        minimum = tuple(int(part) for part in package["rust_version"].split("."))
        sources = Path(package["manifest_path"]).parent.glob("**/*.rs")
        users = [str(p) for p in sources if "target" not in p.parts and chain.search(p.read_text())]
        assert minimum >= (1, 88) or not users, f"{package['name']} declares {package['rust_version']}: {users}"
