"""rodiff's templates, the one copy: packaged into the wheel as ``rodiff.templates``.

- ``confronto.html.j2``: the tabella di confronto as a web page (``rodiff confronto --formato html``);
- ``messaggio/``: the messaggio municipale (Word ``.docx`` with Jinja2 tags, HTML, Markdown).

Read them through ``importlib.resources.files("rodiff.templates")``, never by a path guessed
from the checkout. ``tools/crea_modelli.py`` regenerates the Word templates here.
"""
