"""The tabella di confronto as data (rows of cells of styled runs) and its osservazioni."""
