# Two commands, as the README says:
#   make esempio   installs rodiff in .venv and runs it on the bundled example (corpus/)
#   make test      installs the test tools and runs every check (what CI runs)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: esempio test installa installa-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

installa: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

installa-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

esempio: installa
	$(BIN)/rodiff analizza corpus/vacallo/rod-1991.txt
	$(BIN)/rodiff allinea corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt
	$(BIN)/rodiff confronto corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt \
		--osservazioni corpus/vacallo/osservazioni.yaml -o output/confronto-vacallo.docx --sovrascrivi
	$(BIN)/rodiff confronto corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt \
		--osservazioni corpus/vacallo/osservazioni.yaml --formato html -o output/confronto-vacallo.html --sovrascrivi
	$(BIN)/rodiff confronto corpus/mendrisio/rod-2006-estratto.txt corpus/mendrisio/rod-2018-estratto.txt \
		--stile articoli -o output/confronto-mendrisio.docx --sovrascrivi
	$(BIN)/rodiff analizza corpus/alto-malcantone/rod-2019.txt --formato akn -o output/alto-malcantone-rod-2019.akn.xml --sovrascrivi
	$(BIN)/rodiff messaggio corpus/vacallo/rod-1991.txt corpus/vacallo/rod-nuovo.txt --dati corpus/vacallo/messaggio.yaml \
		--osservazioni corpus/vacallo/osservazioni.yaml -o output/messaggio-vacallo.docx --sovrascrivi

test: installa-test
	$(BIN)/ruff check rodiff tests bench tools
	$(BIN)/ruff format --check rodiff tests bench tools
	$(BIN)/mypy
	@$(BIN)/python -m pytest; code=$$?; \
	if [ $$code -eq 5 ]; then echo "ERRORE: pytest non ha eseguito nessun test (codice 5)." >&2; fi; \
	exit $$code
