"""The web page for the secretaries, and its JSON API: `deckgen serve`.

`app` makes the Flask app (pages in `templates/`, Danish), `site` keeps what it reads from the
project between requests, `rows` turns a schedule row's fields into a deck or problems per
field, `tourpage` is the schedule upload, `serve` runs it all under waitress.
"""
