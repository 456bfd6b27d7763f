"""`deckgen import`: turn an existing presentation into library blocks and a deck file.

`read_source_deck` (`reading.py`) reads the old .pptx safely into records of what each slide
holds; `map_deck` (`mapping.py`) makes each slide a block — title, section, statement, bullets,
image or closing where the slide is that simple, else a `slide` block that reuses the original;
`plan_import` and `write_import` (`writing.py`) put the blocks, pictures, a copy of the
original (when it lies outside the project) and a deck file listing the blocks on disk, all
or nothing, never over a file that is already there.
"""

from __future__ import annotations

from deckgen.importer.writing import ImportPlan, import_deck, plan_import

__all__ = ["ImportPlan", "import_deck", "plan_import"]
