"""The walkthrough of docs/python.md runs as written (its ```python blocks, in order, in a
fresh folder with the sample cases), and its plot is written."""
import os
import re

from conftest import SOURCE


def test_walkthrough_runs(tmp_path, monkeypatch):
    text = (SOURCE / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    (tmp_path / "examples").symlink_to(SOURCE / "examples")
    (tmp_path / "tests").symlink_to(SOURCE / "tests")
    (tmp_path / "docs" / "images").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    scope = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"docs/python.md block {i + 1}", "exec"), scope)
    assert os.path.getsize(tmp_path / "docs" / "images" / "python-roadmap.png") > 10_000
