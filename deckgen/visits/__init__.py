"""Visits that are kept: one visit service for `new`, the web page, the API and the tour.

A visit is one `VisitRecord` (`record`): the schedule's columns and the slides chosen, in
order. `service` reads one from what a person typed or a schedule row held (one date
grammar, each problem at its field), plans and builds its deck; `register` keeps every visit
in a database (SQLite in the project, or PostgreSQL) with every change as a revision;
`tour` runs a schedule through the register; `files` imports the deck files `deckgen new`
once wrote and exports a visit as one; `plan` writes the register as a schedule (.csv,
.xlsx).
"""
