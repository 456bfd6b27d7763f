"""Write the sample schedule `besoeg-2025-2026.csv`: six directors visit each of 40 committees.

The people, committees and places are invented. Run from the project folder:

    python decks/tour/make_sample.py

The output is the same on every run (no randomness), so the file in git stays stable.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PLACES = (
    "Rådhuset, mødelokale {n}",
    "Borgercentret, store mødesal",
    "Administrationsbygningen, lokale {n}",
    "Kulturhuset, salen",
    "Materielgården, frokoststuen",
    "Sundhedshuset, mødelokale {n}",
)
EXAMPLES = (
    "Da pædagogerne i vuggestuen selv lagde en ny plan for sommerferien",
    "Da en SOSU-assistent ringede til lægen i stedet for at vente på sygeplejersken",
    "Da holdet på vejen selv flyttede en arbejdsplads for at skåne skolevejen",
    "Da en sagsbehandler ringede borgeren op i stedet for at sende endnu et brev",
    "Da biblioteket åbnede for lektiehjælp om aftenen efter et ønske fra forældrene",
    "Da køkkenet ændrede menuen efter beboernes egne ønsker",
    "Da lærerne i 4. klasse byttede timer for at give en elev en god start",
    "Da borgerservice lavede en hurtig vejledning til det nye selvbetjeningssystem",
)
# Danish school holidays and Christmas: no visits these ISO weeks.
NO_VISIT_WEEKS = {7, 28, 29, 30, 31, 42, 52, 1}
HEADER = ["dato", "direktør", "udvalg", "sted", "tilføj", "fjern", "lokalt eksempel"]


def visit_days(count: int) -> list[dt.date]:
    """`count` working days from March 2025 to March 2026, spread as evenly as they go."""
    day, days = dt.date(2025, 3, 3), []
    while day <= dt.date(2026, 3, 27):
        if day.weekday() < 4 and day.isocalendar().week not in NO_VISIT_WEEKS:
            days.append(day)
        day += dt.timedelta(days=1)
    step = len(days) / count
    return [days[int(i * step)] for i in range(count)]


def rows() -> list[list[str]]:
    profile = yaml.safe_load((HERE / "direktoerer.yaml").read_text(encoding="utf-8"))
    directors = [d["name"] for d in profile["directors"]]
    committees = yaml.safe_load((HERE / "udvalg.yaml").read_text(encoding="utf-8"))["udvalg"]
    days = visit_days(len(directors) * len(committees))
    out = []
    for number, day in enumerate(days):
        committee = committees[number % len(committees)]
        director = directors[(number // len(committees) + number) % len(directors)]
        place = PLACES[number % len(PLACES)].format(n=1 + number % 4)
        extra = "tak-for-i-dag" if number % 7 == 3 else ""
        if number % 11 == 5 and director != "Søren Bæk Nielsen":
            extra = (extra + " hilsen-soeren-baek-nielsen").strip()
        drop = "opmaerksomheder" if number % 9 == 4 else ""
        example = EXAMPLES[number % len(EXAMPLES)] if number % 5 == 2 else ""
        out.append([day.isoformat(), director, committee, place, extra, drop, example])
    return out


def main() -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    # UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves it, so Excel opens it right.
    (HERE / "besoeg-2025-2026.csv").write_text(text.getvalue(), encoding="utf-8-sig")


if __name__ == "__main__":
    main()
