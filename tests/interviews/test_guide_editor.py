"""The guide editor: one named URL per action, each calling a service in
interviews/services/guides.py; every URL tried as every role, with bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from interviews import services
from interviews.models import Block, Guide, LookFor, NonNegotiable, Question, Section
from interviews.services.guides import guide_item_count
from partners.models import PartnerStaff
from tests.access import assert_district_private
from tests.factories import PartnerFactory, SelectionFactory, UserFactory, interview_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(district, lead):
    copy = services.guide_copy(
        guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
    )
    services.guide_item_add(guide=copy, parent=copy, kind="non-negotiable", text="Onboarding")
    return copy


def _items(guide):
    block = Block.objects.filter(section__guide=guide).order_by("section__position", "position")[0]
    return {
        "section": block.section,
        "block": block,
        "question": block.questions.first(),
        "look_for": block.look_fors.first(),
        "non_negotiable": guide.non_negotiables.first(),
    }


def _urls(guide):
    """(url, data, anchor) of every editor action on one item of each kind."""
    items = _items(guide)
    block = items["block"]
    urls = [
        ("guide_non_negotiable_add", [], {"text": "Certified staff"}, "#non-negotiables"),
        ("guide_block_add", [items["section"].pk], {}, f"#gs-{items['section'].pk}"),
        ("guide_question_add", [block.pk], {"text": "New?"}, f"#block-{block.pk}"),
        ("guide_look_for_add", [block.pk], {"text": "New", "weight": "2"}, f"#block-{block.pk}"),
    ]
    anchors = {
        "section": f"#gs-{items['section'].pk}",
        "block": f"#block-{block.pk}",
        "question": f"#block-{block.pk}",
        "look_for": f"#block-{block.pk}",
        "non_negotiable": "#non-negotiables",
    }
    for kind, item in items.items():
        for action, data in (
            ("update", {"text": "Edited", "title": "Edited", "weight": "3"}),
            ("move", {"direction": "down"}),
        ):
            urls.append((f"guide_{kind}_{action}", [item.pk], data, anchors[kind]))
    return [
        (reverse(f"interviews:{name}", args=[guide.pk, *ids]), data, anchor)
        for name, ids, data, anchor in urls
    ]


def _delete_urls(guide):
    return [
        reverse(f"interviews:guide_{kind}_delete", args=[guide.pk, item.pk])
        for kind, item in reversed(_items(guide).items())  # a section's delete takes its blocks
    ]


def _snapshot(guide):
    """Everything the editor can change, to prove a refused request changed nothing."""
    return (
        list(Section.objects.filter(guide=guide).values_list("pk", "title", "weight", "position")),
        list(Block.objects.filter(section__guide=guide).values_list("pk", "guidance", "position")),
        list(
            Question.objects.filter(block__section__guide=guide).values_list(
                "pk", "text", "position"
            )
        ),
        list(
            LookFor.objects.filter(block__section__guide=guide).values_list(
                "pk", "text", "weight", "position"
            )
        ),
        list(NonNegotiable.objects.filter(guide=guide).values_list("pk", "text", "position")),
    )


def test_every_action_works_for_the_lead_and_lands_on_its_item(client, guide, lead):
    client.force_login(lead)
    for url, data, anchor in _urls(guide):
        before = _snapshot(guide)
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("interviews:guide_detail", args=[guide.pk]) + anchor
        assert _snapshot(guide) != before, f"{url} changed nothing"
    items = _items(guide)
    for url in _delete_urls(guide):
        response = client.post(url, follow=True)
        assert b"was removed." in response.content, url
    for item in items.values():
        assert not type(item).objects.filter(pk=item.pk).exists()


def test_every_action_refuses_other_roles(
    client, guide, lead, panelist, viewer, manager, outsider, curator
):
    staff = UserFactory(email="staff@partner.test")
    PartnerStaff.objects.create(user=staff, partner=PartnerFactory())
    before = _snapshot(guide)
    urls = [(url, data) for url, data, _ in _urls(guide)] + [(u, {}) for u in _delete_urls(guide)]
    for url, data in urls:
        assert_district_private(client, url, outsider=outsider, method="post", data=data)
        for user, status in ((panelist, 403), (viewer, 403), (manager, 403), (curator, 404)):
            client.force_login(user)
            assert client.post(url, data).status_code == status, (user.email, url)
        client.force_login(staff)
        assert client.post(url, data).status_code == 404, url
        client.force_login(lead)
        assert client.get(url).status_code == 405
    assert _snapshot(guide) == before


def test_an_item_of_another_guide_is_404_and_stays(client, guide, lead, district):
    other = services.guide_copy(
        guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
    )
    question = Question.objects.filter(block__section__guide=other).first()
    client.force_login(lead)
    for name in ("guide_question_update", "guide_question_move", "guide_question_delete"):
        url = reverse(f"interviews:{name}", args=[guide.pk, question.pk])
        assert client.post(url, {"text": "x", "direction": "up"}).status_code == 404
    # Kinds are named in the URL: a block id on a question URL is another item, not found.
    block = Block.objects.filter(section__guide=guide).first()
    url = reverse("interviews:guide_question_delete", args=[guide.pk, block.pk + 10**6])
    assert client.post(url).status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_bad_input_is_a_message_and_changes_nothing(client, guide, lead):
    client.force_login(lead)
    items = _items(guide)
    before = _snapshot(guide)
    cases = [
        ("guide_question_update", items["question"].pk, {"text": "   "}, "needs text"),
        ("guide_look_for_update", items["look_for"].pk, {"text": ""}, "the look for needs text"),
        ("guide_non_negotiable_update", items["non_negotiable"].pk, {}, "non negotiable needs"),
        ("guide_question_move", items["question"].pk, {"direction": "sideways"}, "Not moved"),
        ("guide_question_move", items["question"].pk, {}, "Not moved"),
        ("guide_question_add", items["block"].pk, {"text": " "}, "Write the text first."),
        ("guide_look_for_add", items["block"].pk, {}, "Write the text first."),
        ("guide_look_for_update", items["look_for"].pk, {"text": "x", "weight": "-1"}, "Not saved"),
        ("guide_section_update", items["section"].pk, {"weight": "NaN"}, "Not saved"),
        ("guide_section_update", items["section"].pk, {"title": "x" * 201}, "Not saved"),
    ]
    for name, pk, data, message in cases:
        response = client.post(
            reverse(f"interviews:{name}", args=[guide.pk, pk]), data, follow=True
        )
        assert response.status_code == 200, name
        assert message in response.content.decode(), (name, data)
    url = reverse("interviews:guide_non_negotiable_add", args=[guide.pk])
    assert b"Write the non-negotiable first." in client.post(url, {}, follow=True).content
    assert _snapshot(guide) == before


def test_a_frozen_guide_refuses_every_action_with_the_lock_message(
    client, guide, lead, district, panelist
):
    interview_for(SelectionFactory(district=district, guide=guide), panel=[panelist])
    guide.refresh_from_db()
    assert guide.is_frozen
    before = _snapshot(guide)
    client.force_login(lead)
    for url, data, _ in _urls(guide):
        response = client.post(url, data, follow=True)
        assert b"it is frozen" in response.content, url
    for url in _delete_urls(guide):
        assert b"it is frozen" in client.post(url, follow=True).content, url
    assert _snapshot(guide) == before


def test_services_keep_the_rules_for_every_caller(guide, district, lead):
    block = _items(guide)["block"]
    look_for = services.guide_item_add(guide=guide, parent=block, kind="look-for", text="New")
    assert look_for.weight == 1
    long = services.guide_item_add(guide=guide, parent=guide, kind="non-negotiable", text="x" * 900)
    assert len(long.text) == 500
    with pytest.raises(ValidationError, match="Write the text first"):
        services.guide_item_add(guide=guide, parent=block, kind="question", text=" ")
    with pytest.raises(ValidationError, match="the look for needs text"):
        services.guide_item_update(guide=guide, item=look_for, text="")
    services.guide_item_update(guide=guide, item=block.section, title="", weight=2)
    block.section.refresh_from_db()
    assert block.section.title and block.section.weight == 2
    with pytest.raises(Http404):
        services.guide_item_get(guide=guide, kind="question", pk=10**9)
    template = Guide.objects.templates().get(key="playbook")
    with pytest.raises(services.Locked):
        services.guide_item_delete(guide=template, item=template.sections.first())
    assert template.sections.exists()
    services.guide_item_delete(guide=guide, item=look_for)
    assert not LookFor.objects.filter(pk=look_for.pk).exists()


@pytest.mark.smoke
def test_adding_counts_the_guide_on_sqlite_too(client, guide, lead):
    """The limit's count is one UNION; SQLite refuses the models' ordering inside it."""
    block = _items(guide)["block"]
    before = guide_item_count(guide)
    client.force_login(lead)
    url = reverse("interviews:guide_question_add", args=[guide.pk, block.pk])
    assert client.post(url, {"text": "Counted?"}).status_code == 302
    assert guide_item_count(guide) == before + 1
