# Two commands matter on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SCREENSHOTS ?= artifacts/screenshots

.PHONY: setup demo test lint screenshots bundle clean

setup:
	@bash scripts/setup.sh

demo: setup
	$(VENV)/bin/kiosk run --demo $(ARGS)

# The suite runs on the main venv; then all but its Xvfb screenshot runs again on the newest Python
# the machine has (.venv-newest, made by setup when there is one): both ends of what pyproject allows.
NEWEST_TESTS ?= tests/core tests/domain tests/offline_cache tests/platform_sim tests/kiosk tests/ui

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -q $(PYTEST_ARGS)
	@if [ -x .venv-newest/bin/python ]; then \
	  echo "make test: again on $$(.venv-newest/bin/python --version)"; \
	  .venv-newest/bin/python -m pytest -q -p no:cacheprovider -m "not xvfb" $(NEWEST_TESTS); \
	else echo "make test: no .venv-newest (no newer Python on this machine)"; fi

# The kiosk's one-folder bundle and its update folder (ARGS="--sign-key KEY.pem"; see README).
bundle: setup
	$(PY) build/build.py $(ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Every screen of every walk, both languages, landscape/portrait x normal/large/contrast, one process
# per walk (a long single run can crash: docs/ui.md, known problems); layout problems found in the
# widgets go to $(SCREENSHOTS)/WALK/problems.txt.
WALKS ?= member passport qr staff signin speech account handwriting import
screenshots: setup
	@for walk in $(WALKS); do \
	  xvfb-run -a -s "-screen 0 1920x1920x24" $(PY) -m devtools.screenshots --walks $$walk \
	    --out $(SCREENSHOTS)/$$walk --check || exit 1; \
	done

clean:
	rm -rf $(VENV) artifacts .pytest_cache .mypy_cache .ruff_cache
