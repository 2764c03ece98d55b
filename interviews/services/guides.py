"""Writes on guides: copies, versions, and the editor's adds and moves."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.utils import timezone

from interviews.models import Block, Guide, LookFor, NonNegotiable, Question, Section, Selection
from interviews.services.base import Locked
from plpg.limits import check_limit


def _guide_clone(*, source: Guide, **fields) -> Guide:
    """A deep copy of source's sections, blocks, questions, look-fors and non-negotiables."""
    guide = Guide.objects.create(
        name=source.name,
        edition=source.edition,
        source=source.source,
        introduction=source.introduction,
        preparation=source.preparation,
        **fields,
    )
    sections = source.sections.prefetch_related("blocks__questions", "blocks__look_fors")
    for section in sections:
        new_section = Section.objects.create(
            guide=guide,
            kind=section.kind,
            title=section.title,
            weight=section.weight,
            position=section.position,
        )
        for block in section.blocks.all():
            new_block = Block.objects.create(
                section=new_section, guidance=block.guidance, position=block.position
            )
            Question.objects.bulk_create(
                Question(block=new_block, text=q.text, position=q.position)
                for q in block.questions.all()
            )
            LookFor.objects.bulk_create(
                LookFor(block=new_block, text=lf.text, weight=lf.weight, position=lf.position)
                for lf in block.look_fors.all()
            )
    NonNegotiable.objects.bulk_create(
        NonNegotiable(guide=guide, text=nn.text, position=nn.position)
        for nn in source.non_negotiables.all()
    )
    return guide


@transaction.atomic
def guide_copy(*, guide: Guide, district, user, name: str = "") -> Guide:
    """A district's own editable copy of a guide (a template or another of its guides)."""
    copy = _guide_clone(source=guide, district=district, copied_from=guide, created_by=user)
    if name:
        copy.name = name[:200]
        copy.save(update_fields=["name"])
    return copy


@transaction.atomic
def guide_new_version(*, guide: Guide, user) -> Guide:
    """An editable next version of a frozen district guide; past interviews keep theirs."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    newer = guide.next_versions.filter(is_current=True).first()
    if newer is not None:
        return newer
    new = _guide_clone(
        source=guide,
        district=guide.district,
        version=guide.version + 1,
        previous_version=guide,
        copied_from=guide.copied_from,
        created_by=user,
    )
    Guide.objects.filter(pk=guide.pk).update(is_current=False)
    Selection.objects.filter(guide=guide, decided_at__isnull=True).update(guide=new)
    return new


def guide_check_editable(*, guide: Guide):
    """Refuse edits to templates and frozen guides."""
    if guide.is_template:
        raise Locked("Global templates cannot be edited. Copy the guide to your district first.")
    if guide.is_frozen:
        raise Locked(
            "An interview has used this guide, so it is frozen. "
            "Make a new version to edit it; past interviews keep what they asked."
        )


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


# Bounded work per request: a guide's packet and results PDFs grow with its items (the
# published guides have about 50).
GUIDE_ITEMS_LIMIT = 200


def guide_item_count(guide: Guide) -> int:
    """Blocks, questions, look-fors and non-negotiables of the guide (one query)."""
    in_guide = {"block__section__guide": guide}
    # order_by(): SQLite refuses the models' default ordering inside a UNION.
    return (
        Block.objects.filter(section__guide=guide)
        .order_by()
        .values("pk")
        .union(
            Question.objects.filter(**in_guide).order_by().values("pk"),
            LookFor.objects.filter(**in_guide).order_by().values("pk"),
            NonNegotiable.objects.filter(guide=guide).order_by().values("pk"),
            all=True,
        )
        .count()
    )


# The items a district guide is made of, by the name the editor's URLs and messages use, with
# the path from each to its guide.
GUIDE_ITEM_KINDS = {
    "section": (Section, "guide"),
    "block": (Block, "section__guide"),
    "question": (Question, "block__section__guide"),
    "look-for": (LookFor, "block__section__guide"),
    "non-negotiable": (NonNegotiable, "guide"),
}


def guide_item_get(*, guide: Guide, kind: str, pk: int):
    """The guide's item of this kind, or a 404 (an item of another guide is not found)."""
    model, path_to_guide = GUIDE_ITEM_KINDS[kind]
    return get_object_or_404(model, pk=pk, **{path_to_guide: guide})


def guide_item_kind(item) -> str:
    """The item's kind as GUIDE_ITEM_KINDS names it ("look-for")."""
    return next(kind for kind, (model, _) in GUIDE_ITEM_KINDS.items() if isinstance(item, model))


def _required_text(text: str, message: str) -> str:
    if not text.strip():
        raise ValidationError(message)
    return text.strip()


def guide_item_add(*, guide: Guide, parent, kind: str, text: str = "", weight=None):
    """Add a section's block, or a block's question or look-for (weight 1 unless given), or a
    non-negotiable (parent is the guide)."""
    guide_check_editable(guide=guide)
    if kind == "non-negotiable":
        text = _required_text(text, "Write the non-negotiable first.")[:500]
    elif kind in ("question", "look-for"):
        text = _required_text(text, "Write the text first.")
    check_limit(
        current=guide_item_count(guide),
        adding=1,
        limit=GUIDE_ITEMS_LIMIT,
        what="blocks, questions, look-fors and non-negotiables",
        holder="a guide",
    )
    if kind == "block":
        return Block.objects.create(
            section=parent, guidance=text, position=_next_position(parent.blocks)
        )
    if kind == "question":
        return Question.objects.create(
            block=parent, text=text, position=_next_position(parent.questions)
        )
    if kind == "look-for":
        return LookFor.objects.create(
            block=parent,
            text=text,
            weight=1 if weight is None else weight,
            position=_next_position(parent.look_fors),
        )
    if kind == "non-negotiable":
        return NonNegotiable.objects.create(
            guide=guide, text=text, position=_next_position(guide.non_negotiables)
        )
    raise ValueError(kind)


def guide_item_update(*, guide: Guide, item, text: str = "", title: str = "", weight=None):
    """Save an item's own fields: a section's title and weight, a block's guidance, the text
    of a question, look-for (and its weight) or non-negotiable, which may not be emptied."""
    guide_check_editable(guide=guide)
    if isinstance(item, Section):
        item.title = title or item.title
        if weight is not None:
            item.weight = weight
    elif isinstance(item, Block):
        item.guidance = text
    else:
        kind = guide_item_kind(item).replace("-", " ")
        item.text = _required_text(
            text, f"Not saved: the {kind} needs text. To remove it, use its ✕ button."
        )
        if isinstance(item, NonNegotiable):
            item.text = item.text[:500]
        if isinstance(item, LookFor) and weight is not None:
            item.weight = weight
    item.save()
    return item


def guide_item_delete(*, guide: Guide, item) -> None:
    """Remove an item with what it holds (a section's blocks, a block's questions)."""
    guide_check_editable(guide=guide)
    item.delete()


def guide_item_move(*, guide: Guide, item, direction: int):
    """Swap an item with its neighbour (direction -1 up, +1 down) among its siblings."""
    guide_check_editable(guide=guide)
    siblings = list(type(item).objects.filter(**_sibling_filter(item)))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with transaction.atomic():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                type(item).objects.filter(pk=sibling.pk).update(position=position)


def _sibling_filter(item) -> dict:
    if isinstance(item, Question | LookFor):
        return {"block_id": item.block_id}
    if isinstance(item, Block):
        return {"section_id": item.section_id}
    if isinstance(item, Section):
        return {"guide_id": item.guide_id}
    return {"guide_id": item.guide_id}


def guide_freeze(*, guide: Guide):
    """Mark a guide used: from now on editing it makes a new version."""
    if guide.frozen_at is None:
        Guide.objects.filter(pk=guide.pk, frozen_at__isnull=True).update(frozen_at=timezone.now())
        guide.frozen_at = timezone.now()
