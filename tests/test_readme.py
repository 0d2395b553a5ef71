"""The README's generated tables match the code (cog), and its two commands are in it."""

import shutil
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_generated_tables_are_up_to_date():
    cog = shutil.which("cog", path=str(Path(sys.executable).parent)) or shutil.which("cog")
    assert cog, "cogapp is not installed: pip install -e '.[test]'"
    done = subprocess.run([cog, "--check", str(README)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"README.md is out of date; run `cog -r README.md`:\n{done.stdout}{done.stderr}"


def test_configuration_table_names_every_setting_variable():
    from assistant.cli import main

    text = README.read_text(encoding="utf-8")
    variables = {p.envvar for c in main.commands.values() for p in c.params if getattr(p, "envvar", None)}
    assert variables and all(f"`{v}`" in text for v in variables)
