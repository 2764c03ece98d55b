from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "fixtures" / "seeds"
SHARED = ROOT.parent / "shared" / "seeds"


def test_every_seed_is_carried_in_the_repository():
    names = {p.name for p in OURS.glob("*.txt")}
    assert names == {
        "interview-guide.txt",
        "managing-multiple-partners.txt",
        "partner-playbook.txt",
        "scope-sequence-engagement-im.txt",
        "scope-sequence-leaders-math.txt",
    }


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared/seeds beside this checkout")
@pytest.mark.parametrize("name", sorted(p.name for p in OURS.glob("*.txt")))
def test_copies_match_the_shared_seeds(name):
    assert (OURS / name).read_bytes() == (SHARED / name).read_bytes()
