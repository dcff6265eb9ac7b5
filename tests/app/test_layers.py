"""Feature packages depend one way: a lower package never imports a higher one, and no two
packages import each other (directly or round a longer loop). See docs/architecture.md."""

import ast
from pathlib import Path

import feedback_app

APP = Path(feedback_app.__file__).parent
# Lowest first. Packages of one layer may use each other, one way only.
LAYERS = [
    {"privacy"},
    {"catalogue"},
    {"accounts"},
    {"feedback"},
    {"kiosk", "workshops", "insights", "admin", "api", "pages"},
    {"demo"},
]
LEVEL = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def feature_packages(root):
    """Folders holding Python modules (with an __init__.py or not)."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.py")))


def _imported_packages(root, path, package):
    """The feedback_app packages a module imports, absolute or relative, other than its own."""
    module_parts = ["feedback_app", *path.relative_to(root).with_suffix("").parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = module_parts[: len(module_parts) - node.level] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            names = [target + [alias.name] for alias in node.names]
        else:
            continue
        for name in names:
            if name[0] == "feedback_app" and len(name) > 1 and name[1] in LEVEL:
                found.add(name[1])
    return found - {package}


def import_graph(root=APP):
    """{package: {package it imports: [module paths]}} for every feature package."""
    graph = {}
    for package in feature_packages(root):
        imports = graph.setdefault(package, {})
        for path in sorted((root / package).rglob("*.py")):
            for target in _imported_packages(root, path, package):
                imports.setdefault(target, []).append(str(path.relative_to(root)))
    return graph


def _loop_from(graph, start):
    """A loop of imports through `start`, as a list of packages, or None."""
    stack = [(start, [start])]
    while stack:
        package, path = stack.pop()
        for target in graph.get(package, {}):
            if target == start:
                return [*path, start]
            if target not in path:
                stack.append((target, [*path, target]))
    return None


def test_every_feature_package_has_a_layer():
    unknown = [p for p in feature_packages(APP) if p not in LEVEL]
    assert not unknown, f"add {unknown} to LAYERS here and in docs/architecture.md"


def test_no_package_imports_a_higher_one():
    upward = [
        f"{package} imports {target} ({', '.join(modules)})"
        for package, imports in import_graph().items()
        for target, modules in imports.items()
        if LEVEL[target] > LEVEL[package]
    ]
    assert upward == []


def test_no_two_packages_import_each_other():
    graph = import_graph()
    loops = [loop for loop in (_loop_from(graph, package) for package in graph) if loop]
    assert loops == []


def test_the_check_sees_relative_and_absolute_imports(tmp_path):
    """The two ways the loops untangled here were written are both caught."""
    for package, source in (
        ("feedback", "from ..kiosk.models import Kiosk\n"),
        ("privacy", "from feedback_app.feedback import models\n"),
        ("kiosk", "from ..feedback import visit\n"),
    ):
        (tmp_path / package).mkdir()
        (tmp_path / package / "models.py").write_text(source)
    graph = import_graph(tmp_path)
    assert {p: set(i) for p, i in graph.items()} == {
        "feedback": {"kiosk"},
        "kiosk": {"feedback"},
        "privacy": {"feedback"},
    }
    assert _loop_from(graph, "kiosk") == ["kiosk", "feedback", "kiosk"]
