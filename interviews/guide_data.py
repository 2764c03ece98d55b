"""The global guide templates, read from fixtures/interviews/*.toml (the seeds, as data).

Loaded by a data migration (so the templates exist in production) and by ``load_guides``.
"""

import tomllib
from pathlib import Path

from django.conf import settings

GUIDE_DIR = Path(settings.BASE_DIR) / "fixtures" / "interviews"


def guide_files_read() -> list[dict]:
    """Every guide template in fixtures/interviews, as plain dicts, the default first."""
    guides = [tomllib.loads(path.read_text()) for path in sorted(GUIDE_DIR.glob("guide-*.toml"))]
    return sorted(guides, key=lambda guide: not guide.get("is_default"))


def guide_templates_load(*, apps=None) -> int:
    """Create the global templates that are missing (by key); returns how many were created.

    Takes the migration's ``apps`` so a data migration can call it with historical models.
    Existing templates are left alone: interviews may have asked their questions already.
    """
    if apps is None:
        from django.apps import apps
    Guide = apps.get_model("interviews", "Guide")
    Section = apps.get_model("interviews", "Section")
    Block = apps.get_model("interviews", "Block")
    Question = apps.get_model("interviews", "Question")
    LookFor = apps.get_model("interviews", "LookFor")
    created = 0
    for data in guide_files_read():
        if Guide.objects.filter(district__isnull=True, key=data["key"]).exists():
            continue
        guide = Guide.objects.create(
            key=data["key"],
            name=data["name"],
            edition=data.get("edition", ""),
            source=data.get("source", ""),
            introduction=data.get("introduction", ""),
            preparation=data.get("preparation", ""),
            is_default=data.get("is_default", False),
        )
        for s_pos, section_data in enumerate(data["sections"]):
            section = Section.objects.create(
                guide=guide, kind=section_data["kind"], title=section_data["title"], position=s_pos
            )
            for b_pos, block_data in enumerate(section_data["blocks"]):
                block = Block.objects.create(
                    section=section, guidance=block_data.get("guidance", ""), position=b_pos
                )
                Question.objects.bulk_create(
                    Question(block=block, text=text, position=i)
                    for i, text in enumerate(block_data["questions"])
                )
                LookFor.objects.bulk_create(
                    LookFor(block=block, text=text, position=i)
                    for i, text in enumerate(block_data["look_fors"])
                )
        created += 1
    return created
