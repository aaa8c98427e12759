# tpkit — the two commands of the README:
#   make run    create the environment, install, and serve the dashboards with Voilà
#   make test   create the environment, install, and run every test (unit, notebooks, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8866
# Preheated kernels: each dashboard has run before a page asks for it (tests/browser.py serves the same way).
VOILA_OPTIONS ?= --preheat_kernel=True --pool_size=1

.PHONY: run test browser lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==$$(sed -n 's/^pip==//p' constraints.txt)"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt dominance-analysis
	touch $(STAMP)

run: $(STAMP)
	@echo ""
	@echo "  tpkit dashboards: http://$(HOST):$(PORT)/  (overview: http://$(HOST):$(PORT)/voila/render/overview.ipynb)"
	@echo "  what-if planner:  http://$(HOST):$(PORT)/voila/render/what_if.ipynb"
	@echo ""
	$(BIN)/voila dashboards/ --no-browser --Voila.ip=$(HOST) --port=$(PORT) --show_tracebacks=False $(VOILA_OPTIONS)

test: $(STAMP) browser
	$(BIN)/python -m pytest

browser:
	@sh scripts/ensure_chromium.sh
	@sh scripts/ensure_java.sh

# Re-pin every dependency to what is installed in the environment now.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --all | grep -v '^setuptools==' > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info
