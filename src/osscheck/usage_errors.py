"""Click's usage errors as messages, so that they read in the run's language like every other error.

Click renders its own errors in English (it translates through gettext, which osscheck's catalogues
are not). The common ones are mapped to catalogue codes from the exception's data; any other keeps
click's English text. The language is that of ``--lang`` on the command line, else the
environment's: the options were not parsed, which is what failed.
"""

from __future__ import annotations

import re

import click

from osscheck.messages import Message

_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$", re.DOTALL)
_NOT_ONE_OF = re.compile(r"^(?P<value>.*) is not one of .*\.$", re.DOTALL)
_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>.*)\.$", re.DOTALL)


def message(exc: click.ClickException) -> Message:
    """The catalogue message for a click usage error; click's own text where none fits."""
    if isinstance(exc, click.NoSuchOption):
        found = Message("usage.no-such-option", option=exc.option_name)
        if exc.possibilities:
            return Message("usage.did-you-mean", problem=found, options=", ".join(sorted(exc.possibilities)))
        return found
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Argument):
            return Message("usage.missing-argument", name=exc.param.human_readable_name)
        return Message("usage.missing-option", name=" / ".join(exc.param.opts))
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        name = (
            " / ".join(exc.param.opts)
            if isinstance(exc.param, click.Option)
            else exc.param.human_readable_name
        )
        choice = _NOT_ONE_OF.match(exc.message)
        if isinstance(exc.param.type, click.Choice) and choice:
            choices = ", ".join(str(c) for c in exc.param.type.choices)
            return Message("usage.not-a-choice", option=name, choices=choices, value=choice.group("value"))
        return Message("usage.bad-value", option=name, problem=exc.message)
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return Message("usage.option-needs-value", option=exc.option_name)
    extra = _EXTRA.match(exc.message)
    if extra:
        return Message("usage.extra-arguments", arguments=extra.group("args"))
    command = _NO_SUCH_COMMAND.match(exc.message)
    if command:
        return Message("usage.no-such-command", name=command.group("name"))
    return Message("usage.click", problem=exc.format_message())


def language(argv: list[str]) -> str | None:
    """The value of ``--lang`` among ``argv`` (``--lang de`` or ``--lang=de``), if any."""
    for at, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and at + 1 < len(argv):
            return argv[at + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
