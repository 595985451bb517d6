"""The OpenAI chat-completions wire format over ReportQA (``/v1/chat/completions``, ``/v1/models``).

The last user message is the question, the earlier user/assistant messages are the history. The
answer keeps its ``[n]`` markers; the cited passages travel in a top-level ``references`` field
(also on the final chunk of a stream), which OpenAI clients pass through as an extra field.

Models: ``reportqa`` answers with the server's default answerer (the LLM when one is configured,
else the extractive one), ``reportqa-extractive`` always quotes the reports, ``reportqa-llm``
(listed only when an LLM is configured) always asks the LLM.

Streaming: the extractive answer is sent sentence by sentence, the LLM's reply token by token
(as the model sends it). When the LLM's reply fails the citation check, the final chunk carries
the replacing extractive answer in an extra ``answer`` field (and the reason in ``note``).

``usage`` counts characters, not tokens: the extractive path has no tokenizer, and for Chinese
text one character is about one token of common LLM tokenizers.

Errors use OpenAI's shape ``{"error": {"message", "type", "code"}}`` so SDKs show the message.
"""
from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from ingest.chunk import split_sentences
from ingest.errors import InvalidQueryError
from ingest.settings import Settings

__all__ = ["MODEL_ID", "ChatRequest", "ChatMessage", "ModelNotFoundError", "split_messages",
           "completion", "sse_stream", "models_list", "model_answerer", "error_body", "usage",
           "sentence_pieces"]

MODEL_ID = "reportqa"
_LEADING_CITES = re.compile(r"(?:\[\d+\])+")  # [n] markers at the start of a piece

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


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class ChatRequest(BaseModel):
    # temperature, max_tokens, ... are accepted and ignored: answers are grounded extracts
    model_config = ConfigDict(extra="allow")
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    filters: dict[str, Any] | None = Field(
        None, description="reportqa extension: {region, year, issuer, kind, doc_id}")


# --- models -----------------------------------------------------------------------------------
class ModelNotFoundError(Exception):
    """A model name that /v1/models does not list (HTTP 404, code ``model_not_found``)."""

    def __init__(self, name: str, available: list[str]):
        super().__init__(f"The model {name!r} does not exist on this server; "
                         f"use one of: {', '.join(available)} (see GET /v1/models)")


def _models(settings: Settings) -> dict[str, str | None]:
    """Model name -> answerer (None: the server's default)."""
    models: dict[str, str | None] = {MODEL_ID: None, f"{MODEL_ID}-extractive": "extractive"}
    if settings.llm_base_url and settings.llm_model:
        models[f"{MODEL_ID}-llm"] = "llm"
    return models


def model_answerer(name: str, settings: Settings) -> str | None:
    """The answerer a model name selects, or ModelNotFoundError naming the models that exist."""
    models = _models(settings)
    if name not in models:
        raise ModelNotFoundError(name, list(models))
    return models[name]


def models_list(settings: Settings) -> dict[str, Any]:
    return {"object": "list", "data": [{"id": m, "object": "model", "created": 0,
                                        "owned_by": "reportqa"} for m in _models(settings)]}


# --- requests ---------------------------------------------------------------------------------
def split_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """(question, history): the last user message and the user/assistant turns before it."""
    last = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last is None or not messages[last].text().strip():
        raise InvalidQueryError("messages must contain a user message with the question")
    history = [{"role": m.role, "content": m.text()} for m in messages[:last]
               if m.role in ("user", "assistant") and m.text().strip()]
    return messages[last].text(), history


def usage(messages: list[ChatMessage], answer_text: str) -> dict[str, int]:
    """OpenAI's ``usage``, counted in characters (see the module docstring)."""
    prompt = sum(len(m.text()) for m in messages)
    return {"prompt_tokens": prompt, "completion_tokens": len(answer_text),
            "total_tokens": prompt + len(answer_text)}


# --- responses --------------------------------------------------------------------------------
def _envelope(kind: str, cid: str, created: int, model: str) -> dict[str, Any]:
    return {"id": cid, "object": kind, "created": created, "model": model}


def completion(answer: dict[str, Any], messages: list[ChatMessage],
               model: str = MODEL_ID) -> dict[str, Any]:
    """A ``chat.completion`` object for one ``Answer.to_dict()``."""
    text = answer.get("answer", "")
    body = _envelope("chat.completion", f"chatcmpl-{uuid.uuid4().hex}", int(time.time()), model)
    body["choices"] = [{"index": 0, "finish_reason": "stop", "logprobs": None,
                        "message": {"role": "assistant", "content": text}}]
    body["usage"] = usage(messages, text)
    body["references"] = answer.get("citations", [])
    body["found"] = answer.get("found")
    return body


def sentence_pieces(text: str) -> list[str]:
    """``text`` cut after each sentence end and line break; the pieces re-join to ``text``
    (white space after a sentence stays with it, so no piece is blank)."""
    pieces: list[str] = []
    for s in (s for line in text.splitlines(keepends=True) for s in split_sentences(line)):
        cites = _LEADING_CITES.match(s)
        if pieces and cites:  # a [n] belongs to the sentence it follows
            pieces[-1] += cites[0]
            s = s[cites.end():]
        if pieces and not s.strip():
            pieces[-1] += s
        elif s:
            pieces.append(s)
    return pieces


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    """OpenAI's error object: ``{"error": {"message", "type", "param", "code"}}``."""
    kind = ("authentication_error" if status == 401 else "permission_error" if status == 403
            else "server_error" if status >= 500 else "invalid_request_error")
    code = code or {401: "invalid_api_key", 404: "not_found", 413: "request_too_large",
                    503: "service_unavailable"}.get(status)
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class _Stream:
    """The chunks of one streamed completion."""

    def __init__(self, model: str, messages: list[ChatMessage], include_usage: bool):
        self.cid, self.created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        self.model, self.messages, self.include_usage = model, messages, include_usage
        self.sent: list[str] = []

    def chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = _envelope("chat.completion.chunk", self.cid, self.created, self.model)
        body["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
        body.update(extra)
        return _sse(body)

    def text(self, delta: str) -> Iterator[str]:
        for piece in sentence_pieces(delta):
            self.sent.append(piece)
            yield self.chunk({"content": piece})

    def final(self, answer: dict[str, Any]) -> Iterator[str]:
        text, streamed = answer.get("answer", ""), "".join(self.sent)
        extra: dict[str, Any] = {"references": answer.get("citations", []),
                                 "found": answer.get("found"), "usage": usage(self.messages, text)}
        if text != streamed:  # the LLM's reply was replaced by the extractive answer
            extra.update(answer=text, note=answer.get("note"))
        yield self.chunk({}, "stop", **extra)
        if self.include_usage:  # OpenAI's stream_options: a last chunk with no choices
            body = _envelope("chat.completion.chunk", self.cid, self.created, self.model)
            yield _sse({**body, "choices": [], "usage": extra["usage"]})


def _sse(body: dict[str, Any]) -> str:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def sse_stream(first: Any, rest: Iterator[Any], messages: list[ChatMessage],
               model: str = MODEL_ID, include_usage: bool = False) -> Iterator[str]:
    """Server-sent events for an ``ask_stream`` iterator: text deltas, then the final Answer.

    ``first`` is the iterator's first item, taken before the response starts so that errors
    (empty index, bad question) still become a proper HTTP status.
    """
    s = _Stream(model, messages, include_usage)
    yield s.chunk({"role": "assistant", "content": ""})
    item = first
    try:
        while isinstance(item, str):
            yield from s.text(item)
            item = next(rest)
        yield from s.final(item.to_dict() if hasattr(item, "to_dict") else dict(item))
    except StopIteration:
        yield from s.final({"answer": "".join(s.sent), "citations": []})
    except Exception as err:  # the status line is already sent: report the error in-band
        log.exception("error while streaming an answer")
        yield _sse(error_body(500, str(err) or type(err).__name__))
    yield "data: [DONE]\n\n"
