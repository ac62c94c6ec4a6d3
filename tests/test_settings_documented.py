"""Docs that tests keep honest: every environment variable the app reads is in .env.example and
docs/configuration.md (and nothing documented is unread), and the production settings pass
`manage.py check --deploy` with no warnings."""

from __future__ import annotations

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "partnerpath"
SETTINGS = SRC / "config" / "settings.py"
READERS = (SETTINGS, SRC / "cli_serve.py")
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list", "env_path"}


def _name_of(call: ast.Call) -> str | None:
    """The variable name when ``call`` reads the environment: env_x("NAME"), os.environ.get("NAME")
    or os.getenv("NAME")."""
    func = call.func
    reads = (isinstance(func, ast.Name) and func.id in ENV_HELPERS) or (
        isinstance(func, ast.Attribute)
        and (
            func.attr == "getenv"
            or (func.attr == "get" and ast.unparse(func.value) == "os.environ")
        )
    )
    if (
        reads
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return call.args[0].value
    return None


def variables_read(path: Path) -> set[str]:
    """Environment variables a module reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {_name_of(node) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return {n for n in names if n and n != "DJANGO_SETTINGS_MODULE"}


def documented_in_env_example() -> set[str]:
    """Variables in .env.example, set (NAME=) or shown commented out (# NAME=)."""
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def documented_in_configuration_md() -> set[str]:
    """Variables with a row in docs/configuration.md's tables."""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", text, flags=re.MULTILINE))


def all_read() -> set[str]:
    return set().union(*(variables_read(p) for p in READERS))


def test_the_scanner_finds_what_settings_read() -> None:
    found = variables_read(SETTINGS)
    assert {"SECRET_KEY", "DATABASE_URL", "DEBUG", "BEHIND_TLS_PROXY", "ALLOWED_HOSTS"} <= found
    assert {"HOST", "PORT", "WEB_CONCURRENCY"} <= variables_read(SRC / "cli_serve.py")


def test_every_variable_read_is_in_env_example() -> None:
    missing = sorted(all_read() - documented_in_env_example())
    assert not missing, f"add these to .env.example: {missing}"


def test_every_variable_read_is_in_configuration_md() -> None:
    missing = sorted(all_read() - documented_in_configuration_md())
    assert not missing, f"add these to docs/configuration.md: {missing}"


def test_nothing_documented_is_unread() -> None:
    stale = sorted((documented_in_env_example() | documented_in_configuration_md()) - all_read())
    assert not stale, f"documented but never read (remove or fix the name): {stale}"


def _production_env(**overrides: str) -> dict[str, str]:
    """The process environment without any PartnerPath setting (the test settings set some) or
    test-only switch, plus production values: DEBUG off, a long random key, HTTPS defaults."""
    dropped = all_read() | {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="partnerpath.example.org"
    )
    env.update(overrides)
    return env


def _check_deploy(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "partnerpath",
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    ]
    return subprocess.run(
        command,
        env=_production_env(**overrides),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "override",
    [{"SECURE_HSTS_SECONDS": "0"}, {"SESSION_COOKIE_SECURE": "false"}, {"SECRET_KEY": "too-short"}],
    ids=["no-hsts", "insecure-session-cookie", "short-secret-key"],
)
def test_check_deploy_catches_weakened_production_settings(
    tmp_path: Path, override: dict[str, str]
) -> None:
    result = _check_deploy(tmp_path, **override)
    assert result.returncode != 0
    assert "security.W" in result.stdout + result.stderr
