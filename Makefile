# tpkit — the two commands of the README:
#   make run    create the environment, install, and serve the dashboards with Voilà
#   make test   create the environment, install, and run every test (unit, notebooks, browser)
#
# make run options (e.g. `make run AUDIENCE=25` for a workshop where 25 people open the planner at once):
#   AUDIENCE  planner pages expected at once: that many planner kernels are started and run in advance
#             (preheated), so each page finds one ready (default 1; about 150 MiB of memory each)
#   POOL      preheated kernels for each other dashboard (default 1)
#   REFILL    seconds after a page took a preheated kernel until a new one starts in its place: 3 per
#             expected page when AUDIENCE is above 1 (30 s for 10), so that the pages opened at once are
#             served before new kernels compete with them for the cores (measured on 2 cores; a page beyond
#             the audience waits for a new kernel: up to REFILL + ~3 s); else 1 (Voilà's default)
#   THREADS   numeric and reading threads per kernel (TPKIT_THREADS; default 1, which serves many sessions best)
#   HOST, PORT  where Voilà listens (default 127.0.0.1:8866)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# `make run` has an environment of its own, without the test-only packages (PySpark, Playwright, …): a
# dashboard kernel imports nothing it does not need.
RUN_VENV  := .venv-run
RUN_STAMP := $(RUN_VENV)/.installed
HOST     ?= 127.0.0.1
PORT     ?= 8866
AUDIENCE ?= 1
POOL     ?= 1
REFILL   ?= $(if $(filter-out 0 1,$(AUDIENCE)),$(shell expr 3 \* $(AUDIENCE)),1)
THREADS  ?= 1
# Preheated kernels sized as above (tests/browser.py serves the same way: run_options). A kernel's output can
# arrive later than Voilà's default 4 s after its reply when many kernels start at once on few cores, and the
# page then lacked the dashboard: Voilà waits up to 60 s for it.
VOILA_OPTIONS ?= --preheat_kernel=True \
	--VoilaKernelManager.kernel_pools_config='{"default": {"pool_size": $(POOL)}, "what_if.ipynb": {"pool_size": $(AUDIENCE)}}' \
	--VoilaKernelManager.fill_delay=$(REFILL) --VoilaExecutor.iopub_timeout=60

.PHONY: run test browser lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==$$(sed -n 's/^pip==//p' constraints.txt)"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt dominance-analysis
	touch $(STAMP)

$(RUN_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(RUN_VENV)
	$(RUN_VENV)/bin/python -m pip install --quiet --upgrade "pip==$$(sed -n 's/^pip==//p' constraints.txt)"
	$(RUN_VENV)/bin/python -m pip install --quiet -c constraints.txt -e .
	touch $(RUN_STAMP)

run: $(RUN_STAMP)
	-@$(RUN_VENV)/bin/python -m compileall -q tpkit  # kernels then import tpkit without compiling it
	@# tpkit's cache (tpkit.cache) filled once, before the preheated kernels start together and all look for it
	@$(RUN_VENV)/bin/python -c "import tpkit, tpkit.vega; tpkit.vega.enable_offline(); [tpkit.load_sample(s) for s in tpkit.SAMPLES]"
	@echo ""
	@echo "  tpkit dashboards: http://$(HOST):$(PORT)/  (overview: http://$(HOST):$(PORT)/voila/render/overview.ipynb)"
	@echo "  what-if planner:  http://$(HOST):$(PORT)/voila/render/what_if.ipynb"
	@echo "  preheated kernels: $(AUDIENCE) for the planner, $(POOL) for each other dashboard"
	@echo ""
	TPKIT_THREADS=$(THREADS) JUPYTER_PATH=$(CURDIR)/share/jupyter $(RUN_VENV)/bin/voila dashboards/ --no-browser \
		--Voila.ip=$(HOST) --port=$(PORT) --show_tracebacks=False --template=tpkit $(VOILA_OPTIONS)

test: $(STAMP) browser
	-@$(BIN)/python -m compileall -q tpkit  # the kernels of notebook and browser tests import it compiled
	$(BIN)/python -m pytest

browser:
	@sh scripts/ensure_chromium.sh
	@sh scripts/ensure_java.sh

# Re-pin every dependency to what is installed in the environment now.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --all | grep -v '^setuptools==' > constraints.txt

clean:
	rm -rf $(VENV) $(RUN_VENV) build *.egg-info
