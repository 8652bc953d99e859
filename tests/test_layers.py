"""Which app may import which: the organisation (departments) is the bottom layer and imports
nothing from the apps built on it, and no domain app imports the demo company. Read from the
source with ast, so an import inside a function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from ... import` in this source names (relative ones too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.add("." * node.level + (node.module or ""))
            else:
                found.add(node.module or "")
                # `from desk import models` names desk.models.
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def imports_of(app: str) -> dict[str, set[str]]:
    """The modules each of an app's source files imports (migrations included)."""
    return {
        str(path.relative_to(ROOT)): imported_modules(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / app).rglob("*.py"))
    }


def reaching(imports: dict[str, set[str]], packages: set[str]) -> dict[str, list[str]]:
    def inside(module: str) -> bool:
        return any(module == package or module.startswith(f"{package}.") for package in packages)

    return {
        path: sorted(module for module in modules if inside(module))
        for path, modules in imports.items()
        if any(inside(module) for module in modules)
    }


def test_the_reader_sees_every_kind_of_import():
    source = (
        "import desk.models\n"
        "from feedback import reports\n"
        "def later():\n"
        "    from demo.company import build_demo\n"
        "from . import sibling\n"
    )
    assert reaching({"x.py": imported_modules(source)}, {"desk", "feedback", "demo"}) == {
        "x.py": [
            "demo.company",
            "demo.company.build_demo",
            "desk.models",
            "feedback",
            "feedback.reports",
        ]
    }
    assert "." in imported_modules(source)
    assert not reaching({"x.py": imported_modules("import desktop\n")}, {"desk"})


def test_departments_imports_nothing_from_the_apps_built_on_it():
    imports = imports_of("departments")
    assert "departments/models.py" in imports
    assert reaching(imports, {"desk", "feedback", "demo", "surveys"}) == {}


@pytest.mark.parametrize("app", ["departments", "desk", "feedback", "surveys"])
def test_no_domain_app_imports_the_demo_company(app):
    imports = imports_of(app)
    assert imports
    assert reaching(imports, {"demo"}) == {}
