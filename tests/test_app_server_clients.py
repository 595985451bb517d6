"""What a developer meets besides the OpenAI API: gradio_client's typed /ask endpoint (raw
answer text, free-text filters) and /docs working offline (only local assets)."""
from __future__ import annotations

import re

import httpx
import pytest

from app.server import create_app
from app_live import LiveServer
from ingest.settings import Settings

pytestmark = pytest.mark.integration

YANTIAN_Q = "盐田区2020年人民调解成功率是多少？"


@pytest.fixture(scope="module")
def live(qa, sample_index_dir, tmp_path_factory):
    settings = Settings(index_dir=sample_index_dir, corpus_dir=tmp_path_factory.mktemp("c"))
    with LiveServer(create_app(qa, settings)) as server:
        yield server


@pytest.fixture(scope="module")
def gradio(live):
    from gradio_client import Client

    client = Client(live.url + "/", verbose=False, download_files=False)
    yield client
    client.close()


def test_gradio_ask_returns_raw_answer_and_citations(gradio):
    out = gradio.predict(YANTIAN_Q, "", "", api_name="/ask")
    assert "99%" in out["answer"] and "[1]" in out["answer"] and "\\[" not in out["answer"]
    assert out["found"] and "盐田" in out["citations"][0]["title"]


def test_gradio_ask_filters_are_free_text(gradio):
    params = gradio.view_api(print_info=False, return_format="dict")["named_endpoints"]["/ask"]
    types = {p["parameter_name"]: p["python_type"]["type"] for p in params["parameters"]}
    assert types == {"question": "str", "region": "str", "year": "str"}
    out = gradio.predict("人民调解成功率是多少？", "盐田区", "2020", api_name="/ask")
    assert "99%" in out["answer"] and all("盐田" in c["region"] for c in out["citations"])
    out = gradio.predict("法律援助案件有多少？", "罗湖区", "", api_name="/ask")
    assert out["citations"] and all("罗湖" in c["region"] for c in out["citations"])


def test_gradio_ask_bad_year_is_a_clear_error(gradio):
    with pytest.raises(Exception, match="year must be a number"):
        gradio.predict(YANTIAN_Q, "", "去年", api_name="/ask")


def test_docs_page_uses_only_local_assets(live):
    html = httpx.get(f"{live.url}/docs").text
    assert "SwaggerUIBundle" in html
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']|url:\s*['"]([^'"]+)['"]""", html)
    urls = [a or b for a, b in urls]
    assert len(urls) >= 4 and not re.search(r"https?://", html)
    for url in urls:
        assert url.startswith("/"), url
        r = httpx.get(f"{live.url}{url}")
        assert r.status_code == 200 and len(r.content) > 100, url
    assert httpx.get(f"{live.url}/openapi.json").json()["paths"]["/api/ask"]
