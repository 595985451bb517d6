"""The OpenAI-compatible API, driven by the official ``openai`` SDK against a real server."""
from __future__ import annotations

import httpx
import openai
import pytest

from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"


@pytest.fixture(scope="module")
def live(qa, sample_index_dir, tmp_path_factory):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path_factory.mktemp("c"),
                        api_key="sdk-key")
    with LiveServer(create_app(qa, settings, ui=False)) as server:
        yield server


@pytest.fixture
def client(live):
    return openai.OpenAI(base_url=f"{live.url}/v1", api_key="sdk-key", max_retries=0)


def test_models_lists_reportqa(client):
    assert [m.id for m in client.models.list().data] == ["reportqa"]


def test_chat_completion(client):
    done = client.chat.completions.create(
        model="reportqa", messages=[{"role": "system", "content": "用中文回答"},
                                    {"role": "user", "content": YANTIAN_Q}])
    assert done.object == "chat.completion"
    content = done.choices[0].message.content
    assert "99%" in content and "[1]" in content
    assert done.choices[0].finish_reason == "stop"
    refs = done.model_extra["references"]
    assert refs[0]["n"] == 1 and "000_" in refs[0]["source"] and "99%" in refs[0]["text"]


def test_chat_completion_stream(client):
    stream = client.chat.completions.create(
        model="reportqa", messages=[{"role": "user", "content": YANTIAN_Q}], stream=True)
    chunks = list(stream)
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "99%" in content and "[1]" in content
    assert chunks[-1].choices[0].finish_reason == "stop"
    refs = chunks[-1].model_extra["references"]
    assert refs and "盐田" in refs[0]["title"]
    assert len(chunks) >= 3  # role chunk, at least one content delta, final chunk


def test_history_makes_follow_up_answerable(client):
    done = client.chat.completions.create(model="reportqa", messages=[
        {"role": "user", "content": YANTIAN_Q},
        {"role": "assistant", "content": "盐田区2020年人民调解成功率为99%[1]。"},
        {"role": "user", "content": [{"type": "text", "text": "那罗湖区呢？"}]}])
    content = done.choices[0].message.content
    assert "罗湖" in content or any("罗湖" in r["region"] for r in done.model_extra["references"])


def test_errors_are_openai_style_status_codes(client, live):
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="gpt-4", messages=[{"role": "user", "content": "x"}])
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="reportqa", messages=[])
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{live.url}/v1", api_key="wrong", max_retries=0).models.list()
    r = httpx.post(f"{live.url}/v1/chat/completions", headers={"X-API-Key": "sdk-key"},
                   json={"model": "reportqa", "messages": [{"role": "assistant", "content": "x"}]})
    assert r.status_code == 422 and "user message" in r.json()["error"]
