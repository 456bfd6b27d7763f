"""The visit tour: one deck per visit of a schedule, each from its director's deck and profile.

`schedule` (with `cells` and `dates`) and `profiles` read the input files; `visits` plans each
visit's deck (the director's slides, tailored by `tailor`) for the tour, `deckgen new` and the
web page alike; `run` builds a schedule's decks on all cores, `made` the one deck of
`deckgen new` (whose answers `answers` reads); `filenames` names the decks and `outdated` finds
built decks behind the library. The committee register is `deckgen.committees`.
"""
