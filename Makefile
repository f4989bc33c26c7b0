# Two commands do all the set-up on a fresh machine:
#   make run   -> virtualenv + install + crawl seeds/feeds.toml once into ./newsmon.db
#   make test  -> virtualenv + install + the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check bench install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsmon --db newsmon.db crawl --seeds

# Two workers: most tests wait on subprocesses, servers and sleeps, not on the CPU. Each test
# file runs whole on one worker, so a module-scoped set-up (a crawl, a server, the built wheel)
# is made once and the file's order holds (xdist's loadgroup marks do nothing on pytest 9).
test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) *.egg-info
