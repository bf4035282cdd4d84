"""Errors the user can fix: the command-line tools print their message without a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class MixBuddyError(Exception):
    """Base class: the message names the file or field and says how to fix it."""


class DataError(MixBuddyError):
    """A song, stem file or data root is missing, unreadable or inconsistent."""


class ConfigError(MixBuddyError):
    """A configuration value is invalid or contradicts another one."""


def user_error(error: BaseException | None) -> MixBuddyError | None:
    """The MixBuddyError behind `error`, also when a library (jsonargparse) wrapped it."""
    while error is not None and not isinstance(error, MixBuddyError):
        error = error.__cause__ or error.__context__
    return error


@contextmanager
def exit_on_user_error(prog: str) -> Iterator[None]:
    """Print a user-fixable error as one line (no traceback) and exit with status 2; re-raise anything else."""
    try:
        yield
    except Exception as error:
        cause = user_error(error)
        if cause is None:
            raise
        print(f"{prog}: error: {cause}", file=sys.stderr)
        sys.exit(2)
