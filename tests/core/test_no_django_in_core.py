"""The domain core stays framework-free."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "partnerpath" / "core"


def test_the_core_imports_neither_django_nor_rest_framework() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "rest_framework"}
            ]
    assert offenders == []
