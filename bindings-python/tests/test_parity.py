"""Every core function the Node package exports exists in the Python package under the same
(snake_case) name, apart from the forms that only make sense in JavaScript."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import edgecore as ec

NODE_SRC = Path(__file__).resolve().parents[2] / "bindings-node" / "src"

# Node-only forms, not expected in Python.
NODE_ONLY = {
    # the array forms of the periodic TVM functions: in Python `pmt` and the others
    # broadcast over numpy arrays themselves (numpy-financial's API)
    "pmt_batch",
    "fv_batch",
    "pv_batch",
    "ipmt_batch",
    "ppmt_batch",
    "nper_batch",
    "rate_batch",
    # the list of error codes of JavaScript errors; Python has one exception class per kind
    # (`EdgecoreError.__subclasses__()`)
    "error_codes",
    # the as-of date of the subscriber fixture: a module constant in Python
    # (`FIXTURE_AS_OF`), a function in Node (an addon constant cannot be a Date)
    "fixture_as_of",
}
# Node functions that build a record: JavaScript records are plain objects, so what Python
# offers as a constructor of the record's class is a function there.
AS_CONSTRUCTOR = {"loan_from_fields": "Loan.from_fields"}
# Plus every `*_async` function: Promises for the Node event loop (Python calls release the
# GIL instead), see `node_only`.

# An item-level `#[napi]` or `#[napi(...)]` attribute at the start of a line (an indented one
# marks a method of a class, checked by `test_every_node_method_exists_in_python`) (arguments may hold quoted strings with
# brackets, e.g. `ts_return_type = "Promise<Bet[]>"`), then any doc comments or other
# attributes, then the exported `pub fn` and its Rust name.
EXPORTED_FN = re.compile(
    r"""^\#\[napi(?:\((?P<args>(?:"[^"]*"|[^()"])*)\))?\]\s*
        (?:(?:///[^\n]*|\#\[[^\n]*\])\s*)*
        pub\s+(?:async\s+)?fn\s+(?P<name>\w+)""",
    re.MULTILINE | re.VERBOSE,
)
JS_NAME = re.compile(r"""js_name\s*=\s*"(?P<js>[^"]+)\"""")


def snake_case(js_name: str) -> str:
    """`fooBarBaz` -> `foo_bar_baz` (the Python form of a JavaScript name)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", js_name).lower()


def exported_names(source: str) -> list[str]:
    """The snake_case names of the functions a Rust source file exports to JavaScript: the
    `js_name` when the attribute gives one, else the Rust name. Functions left out of the
    TypeScript declarations (`skip_typescript`) are the package entry's internals, not part
    of its API."""
    names = []
    for match in EXPORTED_FN.finditer(source):
        args = match.group("args") or ""
        if "skip_typescript" in args:
            continue
        js = JS_NAME.search(args)
        names.append(snake_case(js.group("js")) if js else match.group("name"))
    return names


def node_functions() -> set[str]:
    return {name for path in NODE_SRC.rglob("*.rs") for name in exported_names(path.read_text())}


def node_only(name: str) -> bool:
    return name in NODE_ONLY or name.endswith("_async")


def test_the_parser_reads_plain_and_renamed_exports() -> None:
    source = '''
/// Doc.
#[napi]
pub fn plain_one(x: f64) -> f64 { x }

#[napi(ts_return_type = "Promise<Bet[]>")]
pub fn with_arguments(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
) -> Result<()> { Ok(()) }

#[napi(js_name = "renamedFunction")]
/// Doc after the attribute.
pub fn rust_name() {}

#[napi] pub fn same_line() {}

#[napi(skip_typescript, js_name = "internalForm")]
pub fn internal_form() {}

#[napi(object)]
pub struct NotAFunction { pub x: f64 }

#[napi]
pub const NOT_A_FUNCTION: u32 = 1;

fn not_exported() {}
'''
    assert exported_names(source) == ["plain_one", "with_arguments", "renamed_function", "same_line"]


def test_the_node_sources_are_found() -> None:
    found = node_functions()
    assert len(found) > 100
    assert {"devig", "settle", "amortization_schedule", "risk_score_batch_async"} <= found
    # every allowlisted name is still exported by Node (no stale entry)
    assert NODE_ONLY <= found


def python_form(name: str) -> object:
    """The Python function mirroring Node's `name` (None when there is none)."""
    owner: object = ec
    for part in AS_CONSTRUCTOR.get(name, name).split("."):
        owner = getattr(owner, part, None)
    return owner


def test_every_node_function_exists_in_python() -> None:
    assert set(AS_CONSTRUCTOR) <= node_functions()
    missing = sorted(name for name in node_functions() if not node_only(name) and python_form(name) is None)
    assert not missing, f"exported by Node but missing in Python: {missing}"
    for name in node_functions():
        if not node_only(name):
            assert callable(python_form(name)), name


# `#[napi] impl Class {` blocks and their indented `#[napi]` methods.
IMPL_BLOCK = re.compile(r"^\#\[napi\]\s*impl\s+(?P<class>\w+)\s*\{(?P<body>.*?)^\}", re.MULTILINE | re.DOTALL)
METHOD = re.compile(
    r"""^[ \t]+\#\[napi(?:\((?P<args>(?:"[^"]*"|[^()"])*)\))?\]\s*
        (?:(?:///[^\n]*|\#\[[^\n]*\])\s*)*
        pub\s+(?:async\s+)?fn\s+(?P<name>\w+)""",
    re.MULTILINE | re.VERBOSE,
)
# JavaScript forms with another Python spelling: the constructor is the class call, a
# history's `length` is `len(history)` and a board's `copy()` is `copy.copy(board)`.
METHOD_FORMS = {"new": "__init__", "length": "__len__", "copy": "__copy__"}


def node_methods() -> set[tuple[str, str]]:
    """(class, snake_case method) for every method of a class the Node package exports."""
    found = set()
    for path in NODE_SRC.rglob("*.rs"):
        for block in IMPL_BLOCK.finditer(path.read_text()):
            for match in METHOD.finditer(block.group("body")):
                args = match.group("args") or ""
                if "skip_typescript" in args:
                    continue
                js = JS_NAME.search(args)
                name = snake_case(js.group("js")) if js else match.group("name")
                found.add((block.group("class"), name))
    return found


def test_the_long_batches_report_progress_in_both_languages() -> None:
    """A Node `fooAsync(..., onProgress)` is the Python `foo(..., progress=)`, and back: the
    same long batches report their progress in both languages."""
    # Node's `pmtBatchAsync` is Python's `pmt` (which takes arrays itself), and so on.
    asyncs = {
        name.removesuffix("_async").removesuffix("_batch")
        if name.removesuffix("_async") in NODE_ONLY
        else name.removesuffix("_async")
        for name in node_functions()
        if name.endswith("_async")
    }
    with_progress = {
        name
        for name in ec.__all__
        if callable(item := getattr(ec, name))
        and not isinstance(item, type)
        and "progress" in inspect.signature(item).parameters
    }
    assert {"settle_batch", "clv_batch", "devig_batch", "risk_score_batch", "pmt"} <= asyncs
    assert asyncs == with_progress


def test_every_node_method_exists_in_python() -> None:
    methods = node_methods()
    assert {("Board", "advance"), ("History", "extend")} <= methods
    missing = sorted(
        f"{cls}.{name}" for cls, name in methods if not hasattr(getattr(ec, cls), METHOD_FORMS.get(name, name))
    )
    assert not missing, f"methods of Node classes missing in Python: {missing}"
