"""See decks as people will: renders with LibreOffice, the block catalogue, and comparison
with approved renders.

`render` turns decks into a PDF, slide pictures and a contact sheet (`deckgen render`);
`catalogue` shows every block of a library as its slide (`deckgen catalogue`); `visual`
compares renders with the approved ones.
"""
