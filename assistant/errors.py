"""Domain exceptions. Each says what happened and what to do; only the CLI (or the UI)
turns them into a message and an exit code."""


class AssistantError(Exception):
    """Base class for every error a user can act on."""

    exit_code = 1


class BadInput(AssistantError):
    """The request itself is unusable (for example an empty question)."""

    exit_code = 2


class CorpusError(AssistantError):
    """The corpus folder cannot be built from (missing, empty, broken roles or facts)."""


class IndexInvalid(AssistantError):
    """The index on disk is missing, corrupt or does not match the configuration."""


class BuildLocked(AssistantError):
    """Another build holds the lock."""


class ModelError(AssistantError):
    """The embedding model cannot be loaded."""


class QualityGateFailed(AssistantError):
    """A new index fell below the quality floor on the golden questions; it was not published."""
