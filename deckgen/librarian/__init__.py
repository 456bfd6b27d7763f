"""Keeping the block library: checking it as it stands (every file and every reference between
them), where each block is used, and the last library that checked whole, which the web server
keeps serving while a change is unfinished.

Communication keeps the library without a developer (`docs/bibliotek.md`); this package is
what tells her, before a secretary meets it, that something she saved would break a command
or a page.
"""
