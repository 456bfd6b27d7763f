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
