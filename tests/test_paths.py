"""`paths.write_cache_file`: how every cache folder of codecheck is written."""

from __future__ import annotations

import os

from codecheck.paths import write_cache_file


def test_a_cache_file_is_written_whole_and_the_folder_keeps_the_newest(tmp_path):
    folder = tmp_path / "cache" / "kind"
    for n in range(4):
        assert write_cache_file(folder / f"{n}.json", f"[{n}]", keep=2, pattern="*.json")
        os.utime(folder / f"{n}.json", (1_000_000 + n, 1_000_000 + n))
    (folder / "notes.txt").write_text("not the cache's")
    assert write_cache_file(folder / "4.json", b"[4]", keep=2, pattern="*.json")
    assert sorted(p.name for p in folder.iterdir()) == ["3.json", "4.json", "notes.txt"]
    assert (folder / "4.json").read_bytes() == b"[4]" and (folder / "3.json").read_text() == "[3]"


def test_a_folder_that_cannot_be_written_keeps_nothing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert write_cache_file(blocker / "entry.json", "[]") is False  # its folder would be a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_failed_move_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "entry.json"
    target.mkdir()  # a folder in the way: the move fails
    assert write_cache_file(target, "[]") is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.json"]
