"""Role Assistant: answers questions about the jobs its documents describe (first the ML
engineer and the data scientist, then any role they add) by showing the passages that answer
them."""

__version__ = "0.1.0"
