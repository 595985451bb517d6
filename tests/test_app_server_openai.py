"""The OpenAI-compatible API, driven by the official ``openai`` SDK against a real server."""
from __future__ import annotations

import httpx
import openai
import pytest

from app.openai_compat import sentence_pieces
from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"
# a descriptive question: its extractive answer quotes several sentences
LUOHU_Q = "罗湖区2020年在公共法律服务方面做了哪些工作？"


@pytest.fixture(scope="module")
def live(qa, sample_index_dir, tmp_path_factory):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path_factory.mktemp("c"),
                        api_key="sdk-key")
    with LiveServer(create_app(qa, settings, ui=False)) as server:
        yield server


@pytest.fixture
def client(live):
    return openai.OpenAI(base_url=f"{live.url}/v1", api_key="sdk-key", max_retries=0)


def _ask(client, question: str, model: str = "reportqa", **kw):
    return client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": question}], **kw)


def _deltas(chunks) -> list[str]:
    return [c.choices[0].delta.content for c in chunks
            if c.choices and c.choices[0].delta.content]


@pytest.mark.unit
def test_sentence_pieces_rejoin_to_the_text():
    text = "盐田区2020年人民调解成功率为99%[1]。另据报告：\n一是完善机制；二是加强队伍！\n\n结束"
    pieces = sentence_pieces(text)
    assert "".join(pieces) == text
    assert pieces == ["盐田区2020年人民调解成功率为99%[1]。", "另据报告：\n", "一是完善机制；",
                      "二是加强队伍！\n\n", "结束"]
    assert sentence_pieces("") == [] and sentence_pieces("“引文。”[2]") == ["“引文。”[2]"]
    assert sentence_pieces("甲。”[1][2]乙。\n") == ["甲。”[1][2]", "乙。\n"]


def test_models_lists_the_names_chat_accepts(client):
    names = [m.id for m in client.models.list().data]
    assert names == ["reportqa", "reportqa-extractive"]  # no LLM configured: no reportqa-llm
    for name in names:
        assert "99%" in _ask(client, YANTIAN_Q, model=name).choices[0].message.content


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


def test_usage_counts_characters(client):
    done = client.chat.completions.create(
        model="reportqa", messages=[{"role": "system", "content": "用中文回答"},
                                    {"role": "user", "content": YANTIAN_Q}])
    u = done.usage
    assert u.prompt_tokens == len("用中文回答") + len(YANTIAN_Q)
    assert u.completion_tokens == len(done.choices[0].message.content) > 0
    assert u.total_tokens == u.prompt_tokens + u.completion_tokens


# the 盐田 answer is one sentence (lead-in, then the quoted sentence); the 罗湖 one quotes three
@pytest.mark.parametrize("question, sentences", [(YANTIAN_Q, 1), (LUOHU_Q, 3)])
def test_stream_sends_the_answer_sentence_by_sentence(client, question, sentences):
    full = _ask(client, question).choices[0].message.content
    chunks = list(_ask(client, question, stream=True))
    deltas = _deltas(chunks)
    assert "".join(deltas) == full
    assert deltas == sentence_pieces(full) and len(deltas) >= sentences
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["references"] and last.usage.completion_tokens == len(full)


def test_stream_yantian_ends_with_its_references(client):
    chunks = list(_ask(client, YANTIAN_Q, stream=True))
    content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "99%" in content and "[1]" in content
    refs = chunks[-1].model_extra["references"]
    assert refs and "盐田" in refs[0]["title"] and "99%" in refs[0]["text"]


def test_stream_options_include_usage_adds_a_usage_chunk(client):
    chunks = list(_ask(client, YANTIAN_Q, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens > len(YANTIAN_Q)
    assert chunks[-2].choices[0].finish_reason == "stop"


def test_history_makes_follow_up_answerable(client):
    done = client.chat.completions.create(model="reportqa", messages=[
        {"role": "user", "content": YANTIAN_Q},
        {"role": "assistant", "content": "盐田区2020年人民调解成功率为99%[1]。"},
        {"role": "user", "content": [{"type": "text", "text": "那罗湖区呢？"}]}])
    content = done.choices[0].message.content
    assert "罗湖" in content or any("罗湖" in r["region"] for r in done.model_extra["references"])


def test_unknown_model_error_names_the_models(client):
    with pytest.raises(openai.NotFoundError) as err:
        _ask(client, YANTIAN_Q, model="gpt-4")
    assert "gpt-4" in err.value.message and "reportqa-extractive" in err.value.message
    assert err.value.code == "model_not_found" and err.value.type == "invalid_request_error"


def test_sdk_errors_carry_the_server_message(client, live):
    with pytest.raises(openai.UnprocessableEntityError) as err:
        client.chat.completions.create(model="reportqa", messages=[])
    assert "messages" in err.value.message
    with pytest.raises(openai.UnprocessableEntityError) as err:
        client.chat.completions.create(model="reportqa",
                                       messages=[{"role": "assistant", "content": "x"}])
    assert "user message" in err.value.message
    with pytest.raises(openai.AuthenticationError) as err:
        openai.OpenAI(base_url=f"{live.url}/v1", api_key="wrong", max_retries=0).models.list()
    assert "API key" in err.value.message and err.value.code == "invalid_api_key"
    with pytest.raises(openai.NotFoundError) as err:
        client.get("/nope", cast_to=object)
    assert "/v1/nope" in err.value.message


def test_v1_errors_are_openai_shaped_but_api_errors_keep_the_rest_shape(live):
    key = {"X-API-Key": "sdk-key"}
    r = httpx.post(f"{live.url}/v1/chat/completions", headers=key,
                   json={"model": "reportqa", "messages": [{"role": "assistant", "content": "x"}]})
    assert r.status_code == 422
    assert set(r.json()["error"]) >= {"message", "type", "code"}
    r = httpx.post(f"{live.url}/api/ask", headers=key, json={"question": ""})
    assert r.status_code == 422 and isinstance(r.json()["error"], str)


# --- the LLM path: a scripted OpenAI-compatible LLM behind reportqa ------------------------------
@pytest.fixture(scope="module")
def llm_client(qa, sample_index_dir, tmp_path_factory):
    import threading

    from app import ReportQA
    from test_app_llm import FakeOpenAI

    fake = FakeOpenAI()
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path_factory.mktemp("c"),
                        llm_base_url=fake.base_url, llm_model="fake-model", llm_api_key="k")
    llm_qa = ReportQA.load(sample_index_dir, settings, encoder=qa.state.searcher.encoder)
    with LiveServer(create_app(llm_qa, settings, ui=False)) as server:
        yield openai.OpenAI(base_url=f"{server.url}/v1", api_key="x", max_retries=0), fake
    fake.shutdown()
    fake.server_close()


def test_llm_model_is_listed_and_streams_token_by_token(llm_client):
    from test_app_llm import good_reply

    client, fake = llm_client
    assert [m.id for m in client.models.list().data] == [
        "reportqa", "reportqa-extractive", "reportqa-llm"]
    fake.reply = good_reply
    chunks = list(_ask(client, YANTIAN_Q, model="reportqa-llm", stream=True))
    deltas = _deltas(chunks)
    assert len(deltas) >= 3  # the fake LLM sends 6-character pieces; they are passed on as such
    assert "".join(deltas) == good_reply(fake.requests[-1]["messages"])
    assert "99%" in "".join(deltas) and "answer" not in chunks[-1].model_extra
    assert chunks[-1].model_extra["references"]


def test_llm_reply_failing_the_check_is_replaced_in_the_last_chunk(llm_client):
    client, fake = llm_client
    fake.reply = lambda m: "调解成功率为95%[1]。"
    chunks = list(_ask(client, YANTIAN_Q, model="reportqa-llm", stream=True))
    last = chunks[-1].model_extra
    assert "95%" in "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "99%" in last["answer"] and "95%" not in last["answer"] and last["note"]


def test_extractive_model_does_not_call_the_llm(llm_client):
    client, fake = llm_client
    before = len(fake.requests)
    content = _ask(client, YANTIAN_Q, model="reportqa-extractive").choices[0].message.content
    assert "99%" in content and len(fake.requests) == before
