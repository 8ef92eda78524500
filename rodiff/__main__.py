"""``python -m rodiff``: the same as the ``rodiff`` command."""

from .cli import entry

if __name__ == "__main__":
    entry()
