import pytest

from partners.taxonomy import taxonomy_load


@pytest.fixture
def taxonomy(db):
    """The taxonomy (a data migration loads it, but transactional tests flush it)."""
    taxonomy_load()
