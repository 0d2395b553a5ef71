"""The README's command and configuration tables, generated from the command line itself so
they cannot drift: README.md holds `cog` blocks that call these, and a test runs
`cog --check README.md`. Regenerate with `cog -r README.md`."""

from __future__ import annotations

import click

from assistant.cli import main


def _commands() -> dict[str, click.Command]:
    return dict(sorted(main.commands.items()))


def _usage(name: str, command: click.Command) -> str:
    """`assistant build [--dry-run] [--golden FILE]`: the command's own options and arguments
    (the settings every command shares are in the configuration table)."""
    parts = [f"assistant {name}"]
    ctx = click.Context(command, info_name=name)
    for param in command.params:
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(ctx))
        elif isinstance(param, click.Option) and not param.envvar and param.name != "help":
            flag = param.opts[0]
            piece = flag if param.is_flag else f"{flag} {param.make_metavar(ctx)}"
            parts.append(piece if param.required else f"[{piece}]")
    return " ".join(parts)


def commands_table() -> str:
    lines = ["| command | what it does |", "|---|---|"]
    for name, command in _commands().items():
        lines.append(f"| `{_usage(name, command)}` | {command.get_short_help_str(limit=300)} |")
    return "\n".join(lines) + "\n"


def configuration_table() -> str:
    """Every setting that has an environment variable: flag, variable, default, meaning, and
    the commands that take it."""
    rows: dict[str, dict] = {}
    for name, command in _commands().items():
        for param in command.params:
            if not isinstance(param, click.Option) or not param.envvar:
                continue
            row = rows.setdefault(str(param.envvar), {"option": param, "commands": []})
            row["commands"].append(name)
    lines = ["| flag | variable | default | commands | meaning |", "|---|---|---|---|---|"]
    for variable, row in rows.items():
        option: click.Option = row["option"]
        default = option.default
        shown = "none" if default in (None, "", ()) else f"`{default}`"
        commands = "all" if len(row["commands"]) == len(_commands()) else ", ".join(row["commands"])
        lines.append(f"| `{option.opts[0]}` | `{variable}` | {shown} | {commands} | {option.help or ''} |")
    return "\n".join(lines) + "\n"
