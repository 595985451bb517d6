# The README's two commands. Set-up is shared: create .venv if missing, install torch (CPU
# build, before anything else pulls a CUDA build), then the project with all extras.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.reportqa-installed
INDEX   ?= data/index
REPORTS ?= data/reports
PYTHON  ?= python3

.PHONY: run test setup index clean browser-deps

setup: $(STAMP)

$(STAMP): pyproject.toml
	# system tools for scans and old formats: a CJK font (test scans), LibreOffice (.doc/.wps/.xls),
	# antiword (.doc without LibreOffice)
	if command -v apt-get >/dev/null; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq fonts-wqy-microhei antiword libreoffice-writer-nogui \
	  libreoffice-calc-nogui >/dev/null || echo "warning: apt-get install failed"; fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[all,test]"
	touch $(STAMP)

index: $(STAMP)
	test -e $(INDEX)/current || $(VENV)/bin/reportqa ingest $(REPORTS) --index $(INDEX)

run: index
	$(VENV)/bin/reportqa serve --index $(INDEX)

test: $(STAMP) browser-deps
	$(PY) -m pytest

# the web UI's browser tests: Debian's Chromium and a CJK font (skipped where apt-get is missing)
browser-deps:
	@{ test -x /usr/bin/chromium && fc-list 2>/dev/null | grep -qiE 'cjk|wqy'; } || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk)

clean:
	rm -rf $(INDEX) .pytest_cache
