"""District guides: copy a template, edit it, freeze it once used, new versions."""

import pytest
from django.urls import reverse

from interviews.models import Guide, LookFor, Question
from tests.factories import SelectionFactory, interview_for

pytestmark = pytest.mark.django_db


def _copy(client, lead):
    client.force_login(lead)
    template = Guide.objects.templates().get(key="playbook")
    response = client.post(reverse("interviews:guide_copy", args=[template.pk]))
    return Guide.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def _item(guide, name, *ids):
    """The editor's URL named guide_<name> for the guide and the item ids."""
    return reverse(f"interviews:guide_{name}", args=[guide.pk, *ids])


def test_lead_copies_edits_adds_removes_and_reorders(client, lead, district):
    guide = _copy(client, lead)
    assert guide.district == district and not guide.is_frozen
    assert Question.objects.filter(block__section__guide=guide).count() == 23
    block = guide.sections.get(kind="general").blocks.first()
    first, second = block.questions.all()[:2]
    client.post(_item(guide, "question_update", first.pk), {"text": "Our own question?"})
    client.post(_item(guide, "question_add", block.pk), {"text": "A new question?"})
    client.post(_item(guide, "look_for_add", block.pk), {"text": "A new look-for", "weight": "2"})
    client.post(_item(guide, "question_move", second.pk), {"direction": "up"})
    assert [q.text for q in block.questions.all()][:2] == [second.text, "Our own question?"]
    client.post(_item(guide, "question_delete", second.pk))
    assert not Question.objects.filter(pk=second.pk).exists()
    look_for = block.look_fors.get(text="A new look-for")
    assert look_for.weight == 2
    client.post(_item(guide, "look_for_update", look_for.pk), {"text": "Edited", "weight": "0.5"})
    look_for.refresh_from_db()
    assert look_for.text == "Edited" and float(look_for.weight) == 0.5
    section = guide.sections.get(kind="launch")
    client.post(_item(guide, "section_update", section.pk), {"title": "Launch", "weight": "3"})
    section.refresh_from_db()
    assert section.weight == 3
    client.post(_item(guide, "non_negotiable_add"), {"text": "Use our observation tool"})
    assert guide.non_negotiables.get().text == "Use our observation tool"
    # The template itself is untouched.
    template = Guide.objects.templates().get(key="playbook")
    assert Question.objects.filter(block__section__guide=template).count() == 23


def test_templates_cannot_be_edited(client, lead):
    client.force_login(lead)
    template = Guide.objects.templates().get(key="playbook")
    question = Question.objects.filter(block__section__guide=template).first()
    response = client.post(_item(template, "question_update", question.pk), {"text": "x"})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.text != "x"


def test_a_used_guide_is_frozen_and_editing_makes_a_new_version(client, lead, district, panelist):
    guide = _copy(client, lead)
    selection = SelectionFactory(district=district, guide=guide, phases=["launch"])
    interview = interview_for(selection, panel=[panelist])
    guide.refresh_from_db()
    assert guide.is_frozen
    asked = list(
        Question.objects.filter(block__section__interviews=interview).values_list("text", flat=True)
    )
    question = Question.objects.filter(block__section__guide=guide).first()
    client.post(_item(guide, "question_update", question.pk), {"text": "Changed?"})
    question.refresh_from_db()
    assert question.text != "Changed?"  # refused: frozen
    response = client.post(reverse("interviews:guide_new_version", args=[guide.pk]))
    new = Guide.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert new.version == 2 and new.previous_version == guide and not new.is_frozen
    guide.refresh_from_db()
    assert not guide.is_current
    selection.refresh_from_db()
    assert selection.guide == new
    new_question = Question.objects.filter(block__section__guide=new).first()
    client.post(_item(new, "question_update", new_question.pk), {"text": "Changed?"})
    new_question.refresh_from_db()
    assert new_question.text == "Changed?"
    # The past interview keeps exactly what it asked.
    still = list(
        Question.objects.filter(block__section__interviews=interview).values_list("text", flat=True)
    )
    assert still == asked


def test_guide_pages_render(client, lead, viewer):
    guide = _copy(client, lead)
    for user in (lead, viewer):
        client.force_login(user)
        assert client.get(reverse("interviews:guide_list")).status_code == 200
        page = client.get(reverse("interviews:guide_detail", args=[guide.pk])).content.decode()
        assert "Has your organization worked with districts/schools like mine" in page
    client.force_login(viewer)
    look_for = LookFor.objects.filter(block__section__guide=guide).first()
    assert client.post(_item(guide, "look_for_delete", look_for.pk)).status_code == 403
