"""Role Assistant: answers questions about the ML-engineer and data-scientist roles by
showing the passages of its documents that answer them."""

__version__ = "0.1.0"
