"""A revision folder for a secretary: ``rodiff nuovo CARTELLA``.

It holds what the secretary fills in, with every field explained in Italian:

- ``messaggio.yaml``: the data of the messaggio municipale (see ``rodiff.messaggio``);
- ``osservazioni.yaml``: the osservazioni per article (see ``rodiff.osservazioni``), to be
  filled by ``rodiff osservazioni`` once the two texts are in the folder;
- ``LEGGIMI.md``: what to put where, and the commands to run.

Existing files are never overwritten: the folder may already hold the secretary's work.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..messaggio import DATA_FILE, parse_messaggio_data

NOTES_FILE = "osservazioni.yaml"
README_FILE = "LEGGIMI.md"

MESSAGGIO_YAML = """\
# Dati del messaggio municipale: ciò che solo il Municipio sa.
# Tutto il resto (riepilogo delle modifiche, confronto degli articoli, dispositivo) rodiff lo
# ricava dai due testi del regolamento.
#
# Regole di scrittura: «campo: valore», un campo per riga; i rientri con spazi (mai tabulazioni);
# un testo su più righe dopo «campo: |», con le righe rientrate di due spazi. Nei testi lunghi
# si può usare il Markdown: una riga vuota tra i paragrafi, «- » per gli elenchi,
# **grassetto**, *corsivo*. Le righe che iniziano con # sono commenti e non vengono stampate.

# Nome del Comune (senza «Comune di»).
comune: Esempio

# Numero e anno del messaggio municipale («MESSAGGIO MUNICIPALE No. 29/2023»).
numero: 1
anno: 2024

# Oggetto sotto il titolo (facoltativo: se manca, rodiff ne propone uno).
# oggetto: Chiedente la modifica di alcuni articoli del Regolamento organico dei dipendenti

# Risoluzione municipale che licenzia il messaggio. Data come 2024-03-18, 18.3.2024 o 18 marzo 2024.
risoluzione:
  numero: 100
  data: 2024-03-18

# Commissioni a cui il messaggio è demandato (una per riga; facoltativo).
commissioni:
  - Commissione della gestione
  - Commissione delle petizioni

# Premessa: perché il Municipio propone la revisione.
premessa: |
  Con il presente messaggio il Municipio sottopone al Consiglio comunale la revisione del
  Regolamento organico dei dipendenti (ROD).

# Scopo del progetto (facoltativo).
scopo: |
  Scriva qui lo scopo della revisione.

# Considerazioni generali (facoltativo; usate dal modello «revisione-totale»).
# considerazioni: |
#   ...

# Temi: una sezione del messaggio per tema, con il commento e gli articoli che riguarda
# (numeri del NUOVO testo; per un articolo abrogato scriva «vecchio 28»). Gli articoli
# modificati che nessun tema cita compaiono nella sezione «Altre modifiche».
temi:
  - titolo: Modifiche richieste dalla Sezione degli enti locali
    commento: |
      Spieghi qui le ragioni delle modifiche.
    articoli: []

# Conclusioni (facoltativo).
conclusioni: |
  Il Municipio confida nell'approvazione del presente messaggio.

# Entrata in vigore: una data (2025-01-01) oppure le parole che seguono «entrano in vigore».
entrata_in_vigore: con l'approvazione del Consiglio di Stato

# Firme in calce («PER IL MUNICIPIO»).
firmatari:
  sindaco: Nome Cognome
  segretario: Nome Cognome

# Allegati elencati alla fine (uno per riga).
allegati:
  - Tabella di confronto ROD

# Tipo di revisione (facoltativo): «parziale» o «totale». Se manca, rodiff lo decide: totale
# quando cambia più della metà degli articoli. Per una revisione totale il dispositivo è
# «Il nuovo Regolamento organico dei dipendenti ... è approvato.»
# revisione: parziale

# Come mostrare gli articoli nelle sezioni (facoltativo): «articoli» (articolo intero,
# capoversi non toccati scritti «Invariato.») oppure «frammenti» (solo i capoversi cambiati).
# stile_confronto: articoli

# Modello del messaggio (facoltativo): «revisione-parziale», «revisione-totale» o il percorso
# di un proprio modello Word (.docx). Elenco dei modelli: «rodiff modelli».
# modello: revisione-parziale
"""

OSSERVAZIONI_YAML = """\
# Osservazioni per la tabella di confronto (terza colonna), una per articolo.
# Questo file è vuoto: quando i due testi sono nella cartella, lo faccia riempire a rodiff con
#   rodiff osservazioni regolamento-in-vigore.docx regolamento-proposto.docx -o osservazioni.yaml --sovrascrivi
# che propone un'osservazione per ogni articolo («Adattamento numerazione.», ...).
# Chiave: numero del NUOVO articolo; per un articolo abrogato: «vecchio N». Testo tra virgolette:
# "12": "Adattamento alla situazione in vigore da tempo."
# "vecchio 28": "Abrogato perché superato dalla LOC."
"""

LEGGIMI = """\
# Revisione del Regolamento organico dei dipendenti

Questa cartella raccoglie il lavoro per il messaggio municipale.

1. Metta qui i due testi del regolamento: quello **in vigore** e quello **proposto**
   (Word, PDF o testo), per esempio `regolamento-in-vigore.docx` e `regolamento-proposto.docx`.
2. Completi `messaggio.yaml`: comune, numero del messaggio, risoluzione municipale, premessa,
   temi con il loro commento, firme. Ogni campo è spiegato nel file.
3. Se vuole una colonna «Osservazioni» nel confronto, prepari `osservazioni.yaml` con
   `rodiff osservazioni` (vedi il file) e lo completi.
4. Scriva il messaggio: `rodiff messaggio` (in questa cartella) crea `output/messaggio.docx`.
   Controlli gli avvisi che rodiff mostra sul terminale: non vengono stampati nel messaggio.

Il dispositivo («r i s o l v e r e») è calcolato dai due testi: lo verifichi sempre prima
della firma. I modelli disponibili si vedono con `rodiff modelli`.
"""


def create_revision_folder(path: Path) -> list[Path]:
    """Create ``path`` (if needed) with messaggio.yaml, osservazioni.yaml and LEGGIMI.md.

    Raises ``OutputError`` (Italian) when any of the three files already exists: nothing
    is written then, so a half-done folder is never mixed with fresh skeletons.
    """
    if path.exists() and not path.is_dir():
        raise OutputError(f"«{path}» esiste già ed è un file, non una cartella. Scelga un altro nome.")
    files = {DATA_FILE: MESSAGGIO_YAML, NOTES_FILE: OSSERVAZIONI_YAML, README_FILE: LEGGIMI}
    existing = [name for name in files if (path / name).exists()]
    if existing:
        names = ", ".join(f"«{name}»" for name in existing)
        raise OutputError(
            f"Nella cartella «{path}» c'è già {names}: rodiff non sovrascrive il lavoro esistente. "
            "Scelga un'altra cartella, oppure sposti o rinomini quei file."
        )
    if not path.parent.is_dir():
        raise OutputError(f"La cartella «{path.parent}» non esiste: la crei prima, oppure scelga un altro percorso.")
    path.mkdir(exist_ok=True)
    written = []
    for name, text in files.items():
        target = path / name
        with target.open("x", encoding="utf-8") as handle:  # "x": never over a file made meanwhile
            handle.write(text)
        written.append(target)
    return written


def check_skeleton() -> None:
    """The skeleton must read without errors (used by the tests)."""
    parse_messaggio_data(MESSAGGIO_YAML, DATA_FILE)
