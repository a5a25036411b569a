# Two commands that work on a fresh machine:
#   make run    set up and start the app on http://localhost:8501
#   make test   set up and run the whole test suite (browser test included)
PYTHON ?= python3

.PHONY: setup setup-dev browser run test bench screenshot

setup:
	$(PYTHON) -m pip install -q -r requirements.txt

setup-dev:
	$(PYTHON) -m pip install -q -r requirements-dev.txt

# Debian's Chromium for the end-to-end test (Playwright never downloads a browser here),
# with a small CJK font so the Chinese interface and Chinese claims render in it.
browser:
	@if { [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh | grep -q .; } && [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei; \
	fi

run: setup
	$(PYTHON) -m streamlit run app.py

test: setup-dev browser
	$(PYTHON) -m pytest -q

# Refresh the README's picture of the finished page (taken by the browser test).
screenshot: setup-dev browser
	CLAIMS_SCREENSHOT=docs/screenshot.png $(PYTHON) -m pytest -q tests/test_browser.py

bench: setup-dev
	$(PYTHON) bench/bench_engine.py
