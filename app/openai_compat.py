"""The OpenAI chat-completions wire format over ReportQA (``/v1/chat/completions``, ``/v1/models``).

The last user message is the question, the earlier user/assistant messages are the history. The
answer keeps its ``[n]`` markers; the cited passages travel in a top-level ``references`` field
(also on the final chunk of a stream), which OpenAI clients pass through as an extra field.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from ingest.errors import InvalidQueryError

__all__ = ["MODEL_ID", "ChatRequest", "ChatMessage", "split_messages", "completion",
           "sse_stream", "models_list"]

MODEL_ID = "reportqa"

log = logging.getLogger(__name__)


class TextPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = "text"
    text: str = ""


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[TextPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    # temperature, max_tokens, ... are accepted and ignored: answers are grounded extracts
    model_config = ConfigDict(extra="allow")
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    filters: dict[str, Any] | None = Field(
        None, description="reportqa extension: {region, year, issuer, kind, doc_id}")


def split_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """(question, history): the last user message and the user/assistant turns before it."""
    last = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last is None or not messages[last].text().strip():
        raise InvalidQueryError("messages must contain a user message with the question")
    history = [{"role": m.role, "content": m.text()} for m in messages[:last]
               if m.role in ("user", "assistant") and m.text().strip()]
    return messages[last].text(), history


def _envelope(kind: str, cid: str, created: int) -> dict[str, Any]:
    return {"id": cid, "object": kind, "created": created, "model": MODEL_ID}


def completion(answer: dict[str, Any]) -> dict[str, Any]:
    """A ``chat.completion`` object for one ``Answer.to_dict()``."""
    body = _envelope("chat.completion", f"chatcmpl-{uuid.uuid4().hex}", int(time.time()))
    body["choices"] = [{"index": 0, "finish_reason": "stop", "logprobs": None,
                        "message": {"role": "assistant", "content": answer.get("answer", "")}}]
    body["references"] = answer.get("citations", [])
    body["found"] = answer.get("found")
    return body


def _chunk(cid: str, created: int, delta: dict[str, Any], finish: str | None = None,
           **extra: Any) -> str:
    body = _envelope("chat.completion.chunk", cid, created)
    body["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
    body.update(extra)
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def sse_stream(first: Any, rest: Iterator[Any]) -> Iterator[str]:
    """Server-sent events for an ``ask_stream`` iterator: text deltas, then the final Answer.

    ``first`` is the iterator's first item, taken before the response starts so that errors
    (empty index, bad question) still become a proper HTTP status.
    """
    cid, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    yield _chunk(cid, created, {"role": "assistant", "content": ""})
    item = first
    try:
        while True:
            if isinstance(item, str):
                if item:
                    yield _chunk(cid, created, {"content": item})
            else:
                answer = item.to_dict() if hasattr(item, "to_dict") else dict(item)
                yield _chunk(cid, created, {}, "stop", references=answer.get("citations", []),
                             found=answer.get("found"))
                break
            item = next(rest)
    except StopIteration:
        yield _chunk(cid, created, {}, "stop", references=[])
    except Exception as err:  # the status line is already sent: report the error in-band
        log.exception("error while streaming an answer")
        yield f"data: {json.dumps({'error': str(err) or type(err).__name__}, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


def models_list() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                        "owned_by": "reportqa"}]}
