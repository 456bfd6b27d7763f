"""The corpus of real templates (tests/theme/corpus, and LibreOffice's own templates converted
afresh) and what deckgen makes of each, as a municipality would meet it: `deckgen theme init`
on the template as delivered, the sample deck built in the drafted theme, the Open XML SDK's
verdict on that deck, and `deckgen check --strict`.

Run as a script to measure the corpus by hand and render each deck's contact sheet:

    python tests/theme/real_templates.py build/templates [--render] [NAME…]

It writes `results.json` and prints one line per template and the counts.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = HERE / "corpus"
# Templates fetched from public repositories are data nobody here made: they are not committed
# (the manifest is: source, commit, licence, SHA-256). They are used where they lie, in
# tests/theme/corpus/ on a developer's machine or in the shared corpus beside the repository.
FOLDERS = (CORPUS, REPO.parent / "shared" / "corpus" / "templates")
DECK = "decks/omu-dialogmoede.yaml"
SETS = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]


@dataclass(frozen=True)
class Template:
    """One template of the corpus."""

    name: str
    path: Path
    expect: str
    """`pass` or `refused`, as the manifest says."""


@dataclass
class Outcome:
    """What deckgen made of one template."""

    name: str
    expect: str
    refusal: str = ""
    """What `theme init` said, in Danish, when it refused the template."""
    drafted: str = ""
    built: str = ""
    checked: str = ""
    deck: str = ""
    sdk: list[str] = field(default_factory=list)
    steps: dict[str, bool] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Drafted, built without a warning, valid for the SDK, and passing `check --strict`."""
        return (
            all(self.steps.get(step) for step in ("init", "build", "sdk", "check"))
            and "Warning" not in self.built
        )

    @property
    def refused(self) -> bool:
        return self.steps.get("init") is False


def corpus_file(name: str) -> Path:
    """The fetched template `name` where it lies (see FOLDERS); the calling test is skipped
    when it is not at hand."""
    for folder in FOLDERS:
        if (folder / name).is_file():
            return folder / name
    import pytest

    pytest.skip(f"{name} of the fetched template corpus is not at hand (tests/theme/corpus)")


def manifest() -> dict:
    return tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))


def copied_templates() -> list[Template]:
    """The manifest's fetched templates that are at hand (see FOLDERS); the others are left out,
    and LibreOffice's own, converted at test time, still make the corpus."""
    found = []
    for entry in manifest()["template"]:
        for folder in FOLDERS:
            if (folder / entry["file"]).is_file():
                found.append(Template(entry["file"], folder / entry["file"], entry["expect"]))
                break
    return found


def libreoffice_templates(folder: Path) -> list[Template]:
    """Every template LibreOffice installs, converted by LibreOffice to .pptx and to .potx in
    `folder` (empty when LibreOffice or its templates are missing). Files converted there
    before (a run by hand into the same folder) are used again."""
    section = manifest()["libreoffice"]
    sources = sorted(Path(section["folder"]).glob("*.otp"))
    if not sources or shutil.which("soffice") is None:
        return []
    made = []
    profile = (folder / "lo-profile").as_uri()  # its own profile: runs beside other tests
    for suffix in ("pptx", "potx"):
        out = folder / suffix
        targets = [out / f"{source.stem}.{suffix}" for source in sources]
        if not all(target.is_file() for target in targets):
            command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
            command += ["--convert-to", suffix, "--outdir", str(out), *map(str, sources)]
            subprocess.run(command, capture_output=True, check=True, timeout=900)
        failing = set(section.get("failing", ()))
        refused = set(section.get("refused", ()))
        made += [
            Template(
                name := f"libreoffice-{target.name}",
                target,
                "fails" if name in failing else "refused" if name in refused else section["expect"],
            )
            for target in targets
            if target.is_file()
        ]
    return made


def _run(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from deckgen.cli import main

    result = CliRunner().invoke(main, [*args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def sample_project(root: Path) -> Path:
    """A copy of the sample project (decks, blocks, pictures) in `root`."""
    shutil.copytree(REPO / "decks", root / "decks", ignore=shutil.ignore_patterns("*.csv"))
    shutil.copytree(REPO / "assets", root / "assets", ignore=shutil.ignore_patterns("*.py"))
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def measure(template: Template, root: Path) -> Outcome:
    """Draft a theme for `template` in a fresh sample project at `root`, build the sample deck
    with it and check it (the SDK's verdict is added by `validate`)."""
    outcome = Outcome(template.name, template.expect)
    sample_project(root)
    copy = root / "assets" / template.name
    shutil.copy(template.path, copy)
    theme = root / "assets" / "vores.yaml"
    # In Danish, as communication reads it: a refusal must say what to change, in Danish.
    status, outcome.drafted = _run("--lang", "da", "theme", "init", str(copy), "-o", str(theme))
    outcome.steps["init"] = status == 0
    if status != 0:
        outcome.refusal = outcome.drafted
        return outcome
    deck = root / DECK
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"), encoding="utf-8"
    )
    built = root / "build" / "vores.pptx"
    status, outcome.built = _run("--lang", "en", "build", str(deck), "-o", str(built), *SETS)
    outcome.steps["build"] = status == 0
    if status != 0:
        return outcome
    outcome.deck = str(built)
    status, outcome.checked = _run("--lang", "en", "check", "--strict", str(built))
    outcome.steps["check"] = status == 0
    return outcome


def validate(outcomes: list[Outcome]) -> None:
    """Add the Open XML SDK's errors for each built deck (one validator run for all)."""
    decks = [outcome.deck for outcome in outcomes if outcome.deck]
    if not decks:
        return
    done = subprocess.run(
        ["node", "validate.mjs", *decks],
        cwd=REPO / "tools" / "ooxml",
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    for outcome in outcomes:
        if outcome.deck:
            errors = found.get(outcome.deck, [])
            outcome.sdk = [f"{error.get('id')}: {error.get('description')}" for error in errors]
            outcome.steps["sdk"] = not errors


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    passed = sum(outcome.passed for outcome in outcomes)
    refused = sum(outcome.refused for outcome in outcomes)
    return {
        "templates": len(outcomes),
        "passed": passed,
        "refused": refused,
        "failed": len(outcomes) - passed - refused,
    }


def report(outcomes: list[Outcome]) -> str:
    """One line per template and the counts, for people."""
    lines = []
    for outcome in outcomes:
        if outcome.passed:
            verdict = "passed"
        elif outcome.refused:
            verdict = "refused: " + _first_error(outcome.refusal)
        else:
            failed = [
                step for step in ("init", "build", "sdk", "check") if not outcome.steps.get(step)
            ]
            if "Warning" in outcome.built:
                failed.append("build warnings")
            verdict = "FAILED: " + ", ".join(failed)
        lines.append(f"{outcome.name:40} {verdict}")
    tally = counts(outcomes)
    lines.append(
        "{templates} templates: {passed} passed, {refused} refused, {failed} failed".format(**tally)
    )
    return "\n".join(lines)


def _first_error(text: str) -> str:
    found = re.search(r"^(?:Fejl|Error): (.*)$", text, re.MULTILINE)
    return (found.group(1) if found else text.strip())[:160]


def _render(outcome: Outcome, root: Path, folder: Path) -> None:
    status, output = _run(
        "--lang", "en", "render", str(root / DECK), *SETS, "-o", str(folder / outcome.name)
    )
    if status != 0:
        print(f"{outcome.name}: render failed: {output}", file=sys.stderr)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]).resolve()
    wanted = set(args[1:])
    out.mkdir(parents=True, exist_ok=True)
    templates = copied_templates() + libreoffice_templates(out / "libreoffice")
    outcomes = []
    for template in templates:
        if wanted and template.name not in wanted:
            continue
        root = out / "projects" / template.name
        shutil.rmtree(root, ignore_errors=True)
        outcome = measure(template, root)
        print(f"{template.name}: {outcome.steps}", flush=True)
        if "--render" in argv and outcome.deck:
            _render(outcome, root, out / "renders")
        outcomes.append(outcome)
    validate(outcomes)
    (out / "results.json").write_text(
        json.dumps([asdict(o) for o in outcomes], indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(REPO / "tests"), str(HERE)]
    raise SystemExit(main(sys.argv[1:]))
