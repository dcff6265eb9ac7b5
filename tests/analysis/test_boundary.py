"""analysis stays a pure library: no web stack, only its scientific dependencies."""

import ast
import subprocess
import sys
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
ALLOWED = {"numpy", "pandas", "scipy", "sklearn", "analysis"}


def test_importing_analysis_loads_neither_flask_nor_sqlalchemy():
    code = (
        "import analysis, sys; "
        "assert 'flask' not in sys.modules and 'sqlalchemy' not in sys.modules; "
        "assert 'feedback_app' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)


def test_modules_import_only_the_standard_library_and_the_scientific_stack():
    imported = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert imported - ALLOWED - set(sys.stdlib_module_names) == set()


def test_public_functions_have_numpydoc_docstrings():
    functions = [getattr(analysis, name) for name in analysis.__all__]
    for function in filter(callable, functions):
        if isinstance(function, type):
            continue
        doc = function.__doc__ or ""
        assert "Parameters\n    ----------" in doc, function.__name__
        assert "Returns\n    -------" in doc, function.__name__
