"""The environment that keeps this process offline and quiet. It must be in place before
transformers, huggingface_hub or gradio is imported (they read it once, at import), so each
module that imports one of them calls `go_offline()` first."""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",  # never download a model
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",  # no analytics, no version check
    "TOKENIZERS_PARALLELISM": "false",
}


def go_offline() -> None:
    os.environ.update(OFFLINE_ENV)
