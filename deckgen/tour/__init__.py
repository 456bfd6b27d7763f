"""The visit tour: one deck per visit of a schedule, each from its director's deck and profile.

`run` builds a schedule's decks on all cores and `new`'s one; `schedule` and `profiles` read
the two input files; `visits` makes each visit's deck; `filenames` names the decks.
"""
