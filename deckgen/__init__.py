"""deckgen: compose tailored PowerPoint decks for OMU dialogue meetings from YAML blocks."""

__version__ = "0.1.0"
