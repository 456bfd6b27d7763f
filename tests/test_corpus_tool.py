"""tools/corpus.py, which brings the registries' corpus files into the working tree: every file
the manifests take from a registry names a pinned source; an archive is used only with its
pinned SHA-256, a member only with the manifest's; without the archive nothing is written and
the script still ends well (the tests skip what is missing)."""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import corpus  # noqa: E402


def test_every_registry_file_of_the_manifests_names_a_pinned_source_and_a_licence():
    sources = corpus.sources()
    assert {source.registry for source in sources.values()} == {"pypi", "npm", "debian"}
    for source in sources.values():
        assert source.version and len(source.sha256) == 64 and source.licence, source
    files = [
        entry
        for section, manifest in corpus.MANIFESTS.items()
        for entry in tomllib.loads(manifest.read_text(encoding="utf-8"))[section]
        if "registry" in entry
    ]
    assert len(files) >= 60
    for entry in files:
        assert entry["registry"] in sources, entry["file"]
        assert entry["member"] and len(entry["sha256"]) == 64 and entry["licence"], entry["file"]
    # One name, one file: two sources may not write the same corpus file.
    names = [(entry.get("made_by") is None, entry["file"]) for entry in files]
    assert len(names) == len(set(names))


def _sdist(path: Path, members: dict[str, bytes]) -> str:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"pakke-1.0/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_pinned_archive_in_the_cache_gives_its_members_each_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    (tmp_path / "cache" / "pakke").mkdir(parents=True)
    archive = tmp_path / "cache" / "pakke" / "pakke-1.0.tar.gz"
    digest = _sdist(archive, {"tests/a.pptx": b"A", "tests/b.pptx": b"B"})
    source = corpus.Source("pakke", "pypi", "pakke", "1.0", archive.name, digest, "MIT", "sdist")
    assert corpus.download(source) == archive  # in the cache, with the pinned hash: no client
    good = corpus.Wanted(tmp_path / "a.pptx", "tests/a.pptx", hashlib.sha256(b"A").hexdigest())
    changed = corpus.Wanted(tmp_path / "b.pptx", "tests/b.pptx", hashlib.sha256(b"X").hexdigest())
    gone = corpus.Wanted(tmp_path / "c.pptx", "tests/c.pptx", hashlib.sha256(b"C").hexdigest())
    problems = corpus.extract(archive, [good, changed, gone])
    assert (tmp_path / "a.pptx").read_bytes() == b"A"
    assert not (tmp_path / "b.pptx").exists()
    assert problems == [
        "tests/b.pptx in pakke-1.0.tar.gz is not the manifest's file (SHA-256)",
        "tests/c.pptx is not in pakke-1.0.tar.gz",
    ]


def test_an_archive_that_is_not_the_pinned_one_is_refused_and_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    (tmp_path / "cache" / "pakke").mkdir(parents=True)
    archive = tmp_path / "cache" / "pakke" / "pakke-1.0.tar.gz"
    _sdist(archive, {"tests/a.pptx": b"A"})
    source = corpus.Source("pakke", "pypi", "pakke", "1.0", archive.name, "0" * 64, "MIT", "sdist")
    with pytest.raises(RuntimeError, match="not the pinned"):
        corpus.download(source)
    assert not archive.exists()


def test_without_the_registry_nothing_is_written_and_the_script_ends_well(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    target = tmp_path / "a.pptx"
    monkeypatch.setattr(
        corpus, "wanted", lambda: {"pakke": [corpus.Wanted(target, "a.pptx", "1" * 64)]}
    )
    source = corpus.Source(
        "pakke", "npm", "pakke-som-ikke-findes", "0.0.0", "x.tgz", "1" * 64, "MIT"
    )
    monkeypatch.setattr(corpus, "sources", lambda: {"pakke": source})
    # npm cannot be reached: the registry says so, or the client is missing.
    monkeypatch.setenv("npm_config_registry", "http://127.0.0.1:9/")
    monkeypatch.setenv("npm_config_fetch_retries", "0")
    assert corpus.main([]) == 0
    said = capsys.readouterr().out
    assert "corpus: 1 files of pakke-som-ikke-findes 0.0.0 left out" in said
    assert "corpus: 0 files written, 1 left out" in said
    assert not target.exists()


def test_an_sdist_that_is_not_the_pinned_one_runs_nothing(tmp_path, monkeypatch):
    """pip prepares an sdist's metadata by running its build code, even to download it; the
    archive's SHA-256 was checked only afterwards, so an index serving another archive ran
    its code as root in CI. An sdist whose build backend writes a file when it is loaded:
    pinned to other bytes, it is refused before it runs."""
    index = tmp_path / "index"
    index.mkdir()
    ran = tmp_path / "ran"
    backend = (
        "import pathlib\n"
        f"pathlib.Path({str(ran)!r}).write_text('ran')\n"
        "def get_requires_for_build_wheel(config_settings=None):\n    return []\n"
    )
    project = (
        '[project]\nname = "pakke"\nversion = "1.0"\n'
        '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n'
    )
    _sdist(
        index / "pakke-1.0.tar.gz",
        {"pyproject.toml": project.encode(), "backend.py": backend.encode()},
    )
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(corpus, "build_pins", dict)  # its backend needs no build packages
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(index))
    source = corpus.Source(
        "pakke", "pypi", "pakke", "1.0", "pakke-1.0.tar.gz", "0" * 64, "MIT", "sdist"
    )
    with pytest.raises(RuntimeError):
        corpus.download(source)
    assert not ran.exists()
    assert not (tmp_path / "cache" / "pakke" / "pakke-1.0.tar.gz").exists()


def test_a_link_at_a_corpus_file_s_place_is_replaced_and_a_huge_member_is_not_read(
    tmp_path, monkeypatch
):
    """The corpus folders are git-ignored: a link left where a file goes was written through
    (as root, in CI), and every member of an archive was read whole, wanted or not."""
    archive = tmp_path / "pakke-1.0.tar.gz"
    _sdist(archive, {"a.pptx": b"A", "stor.bin": b"0" * 5000, "b.pptx": b"B" * 5000})
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    target = tmp_path / "corpus" / "a.pptx"
    target.parent.mkdir()
    target.symlink_to(elsewhere)
    monkeypatch.setattr(corpus, "MAX_MEMBER_BYTES", 1000)
    big = corpus.Wanted(tmp_path / "corpus" / "b.pptx", "b.pptx", "0" * 64)
    a = corpus.Wanted(target, "a.pptx", hashlib.sha256(b"A").hexdigest())
    problems = corpus.extract(archive, [a, big])
    assert elsewhere.read_bytes() == b"keep"
    assert not target.is_symlink() and target.read_bytes() == b"A"
    assert problems == ["b.pptx in pakke-1.0.tar.gz is over 1,000 bytes"]
    assert not big.target.exists()


def _wheel(folder: Path, name: str, version: str, module: str) -> str:
    """A wheel of `name` `version` in `folder` whose package's `__init__` is `module`; its
    SHA-256."""
    path = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": module,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{n},,\n" for n in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(path, "w") as wheel:
        for member, text in files.items():
            wheel.writestr(member, text)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_sdist_s_metadata_is_built_with_the_pinned_setuptools_not_the_newest(
    tmp_path, monkeypatch
):
    """pip's build isolation installed whatever setuptools (and wheel) the index offered to
    prepare an sdist's metadata: the corpus download was not reproducible. The index here
    offers setuptools 99.0 and the pinned 80.9.0; the sdist's backend says which it ran with."""
    index = tmp_path / "index"
    index.mkdir()
    pinned = _wheel(index, "setuptools", "80.9.0", "__version__ = '80.9.0'\n")
    _wheel(index, "setuptools", "99.0", "__version__ = '99.0'\n")
    wheel = _wheel(index, "wheel", "0.45.1", "")
    ran = tmp_path / "ran"
    backend = (
        "import pathlib, setuptools\n"
        f"pathlib.Path({str(ran)!r}).write_text(setuptools.__version__)\n"
        "def get_requires_for_build_wheel(config_settings=None):\n    return []\n"
        "def prepare_metadata_for_build_wheel(folder, config_settings=None):\n"
        "    info = pathlib.Path(folder) / 'pakke-1.0.dist-info'\n"
        "    info.mkdir()\n"
        "    (info / 'METADATA').write_text('Metadata-Version: 2.1\\nName: pakke\\nVersion: 1.0\\n')\n"
        "    return info.name\n"
    )
    project = (
        '[project]\nname = "pakke"\nversion = "1.0"\n'
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "backend"\n'
        'backend-path = ["."]\n'
    )
    digest = _sdist(
        index / "pakke-1.0.tar.gz",
        {"pyproject.toml": project.encode(), "backend.py": backend.encode()},
    )
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    pins = {"setuptools": ("80.9.0", pinned), "wheel": ("0.45.1", wheel)}
    monkeypatch.setattr(corpus, "build_pins", lambda: pins)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(index))
    source = corpus.Source(
        "pakke", "pypi", "pakke", "1.0", "pakke-1.0.tar.gz", digest, "MIT", "sdist"
    )
    assert corpus.download(source).is_file()
    assert ran.read_text() == "80.9.0"


def test_the_registry_pins_what_pip_builds_the_sdists_metadata_with():
    pins = corpus.build_pins()
    assert set(pins) == {"setuptools", "wheel"}
    assert all(len(digest) == 64 for _version, digest in pins.values())
