"""Errors the user can fix: the CLI prints their message without a traceback."""


class MixBuddyError(Exception):
    """Base class: the message names the file or field and says how to fix it."""


class DataError(MixBuddyError):
    """A song, stem file or data root is missing, unreadable or inconsistent."""


class ConfigError(MixBuddyError):
    """A configuration value is invalid or contradicts another one."""
