"""Typed Gradio API endpoints for ``gradio_client`` users, next to the web UI's own events.

The chat box's event returns chat-display markdown (escaped, for the browser) and takes the
filter dropdowns, whose choices are only known at run time (so gradio_client would type them
``Literal['全部']``). ``/ask`` here takes plain strings and returns the answer as ReportQA gives
it (``[n]`` markers unescaped) with its citations, like ``POST /api/ask``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from ingest.errors import ReportQAError

if TYPE_CHECKING:
    from app.service import ReportService

__all__ = ["add_api"]


def add_api(blocks: gr.Blocks, svc: "ReportService") -> None:
    """Register ``/ask`` on ``blocks`` (called after build_ui)."""

    def ask(question: str, region: str = "", year: str = "") -> dict[str, Any]:
        """Answer a question with citations. region: a province, city or district (e.g. 盐田区),
        empty for all; year: e.g. "2020", empty for all."""
        year = str(year or "").strip()
        if year and not year.isdigit():
            raise gr.Error(f"年份须为数字，如 2020 / year must be a number such as 2020: {year!r}")
        filters = {k: v for k, v in (("region", (region or "").strip()),
                                     ("year", int(year) if year else None)) if v}
        try:
            answer = svc.qa().ask(question, filters=filters or None).to_dict()
        except ReportQAError as err:  # gradio_client shows a gr.Error's message
            raise gr.Error(str(err)) from err
        return {k: answer.get(k) for k in ("question", "answer", "found", "citations", "note")}

    with blocks:
        gr.api(ask, api_name="ask")
