"""The shape the codebase keeps: packages imported by name, never by path, and
test support that no product module imports."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from signaal.paths import ROOT

PRODUCT_PACKAGES = ("actions", "bot", "intake", "rasa_components", "rasa_runtime", "signaal", "stack")
SKIP = {".venv", "build", "models", "var", ".git", "node_modules"}


def python_files(*tops: str):
    for top in tops or (".",):
        for path in sorted((ROOT / top).rglob("*.py")):
            if not SKIP & set(path.relative_to(ROOT).parts):
                yield path


def test_no_module_edits_the_import_path():
    edits = re.compile(r"\bsys\.path\b|\bsite\.addsitedir\b|PYTHONPATH")
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in python_files()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if edits.search(line) and p.name != Path(__file__).name]
    assert not offenders, "import by package name (pyproject.toml), never by path: " + ", ".join(offenders)


def test_product_code_never_imports_test_support():
    offenders = []
    for path in python_files(*PRODUCT_PACKAGES):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n == "tests" or n.startswith("tests.")]
    assert not offenders


def test_every_product_package_is_installed_by_pyproject():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for package in PRODUCT_PACKAGES:
        assert f'"{package}*"' in text, package
        assert (ROOT / package / "__init__.py").exists(), package


def test_django_apps_are_namespaced_under_intake():
    settings = ast.parse((ROOT / "intake" / "config" / "settings.py").read_text(encoding="utf-8"))
    apps = next(node.value for node in ast.walk(settings) if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", "") == "INSTALLED_APPS")
    # Third-party apps (django-axes) are named as their packages; ours all live under intake.
    ours = [elt.value for elt in apps.elts if not elt.value.startswith(("django.", "whitenoise", "axes"))]
    assert ours and all(name.startswith("intake.") for name in ours), ours
