"""Every URL of the interviews app is private to its district (IDOR), GETs and POSTs alike."""

import pytest
from django.urls import reverse

from interviews.models import Guide, NonNegotiable
from interviews.services import guide_copy
from tests.access import assert_district_private
from tests.factories import ShortlistEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(selection, interview, card, lead, look_fors, district):
    entry = ShortlistEntryFactory(selection=selection)
    nn = NonNegotiable.objects.create(selection=selection, text="Use our observation tool")
    guide = guide_copy(
        guide=Guide.objects.templates().get(key="playbook"), district=district, user=lead
    )
    return {
        "s": selection.pk,
        "i": interview.pk,
        "card": card.pk,
        "lf": look_fors[0].pk,
        "entry": entry.pk,
        "nn": nn.pk,
        "guide": guide.pk,
        "question": guide.sections.first().blocks.first().questions.first().pk,
    }


def urls(o):
    """(url, method, data, member-role) for every URL of the app that holds district data."""
    r = reverse
    return [
        (r("interviews:selection_detail", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:selection_edit", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:selection_edit", args=[o["s"]]), "post", {"title": "x"}, "lead"),
        (r("interviews:shortlist_add", args=[o["s"]]), "post", {"partner": ""}, "lead"),
        (
            r("interviews:shortlist_status", args=[o["s"], o["entry"]]),
            "post",
            {"status": "declined"},
            "lead",
        ),
        (r("interviews:non_negotiable_add", args=[o["s"]]), "post", {"text": "x"}, "lead"),
        (r("interviews:interview_create", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:interview_create", args=[o["s"]]), "post", {}, "lead"),
        (r("interviews:selection_decide", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:selection_decide", args=[o["s"]]), "post", {}, "lead"),
        (r("interviews:selection_report", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:selection_history", args=[o["s"]]), "get", None, "lead"),
        (r("interviews:detail", args=[o["i"]]), "get", None, "lead"),
        (r("interviews:edit", args=[o["i"]]), "get", None, "lead"),
        (r("interviews:edit", args=[o["i"]]), "post", {}, "lead"),
        (r("interviews:history", args=[o["i"]]), "get", None, "lead"),
        (r("interviews:packet", args=[o["i"]]), "get", None, "panelist"),
        (r("interviews:report", args=[o["i"]]), "get", None, "lead"),
        (r("interviews:score", args=[o["i"]]), "get", None, "panelist"),
        (r("interviews:score_declare", args=[o["i"]]), "post", {"has_conflict": "no"}, "panelist"),
        (
            r("interviews:score_rate", args=[o["i"], o["lf"]]),
            "post",
            {"score": "3", "version": 0},
            "panelist",
        ),
        (
            r("interviews:score_summary", args=[o["i"]]),
            "post",
            {"recommendation": "yes", "version": 1},
            "panelist",
        ),
        (r("interviews:score_submit", args=[o["i"]]), "post", {}, "panelist"),
        (r("interviews:scorecard_reopen", args=[o["i"], o["card"]]), "post", {}, "lead"),
        (
            r("interviews:conflict_resolve", args=[o["i"], o["card"]]),
            "post",
            {"decision": "allow"},
            "lead",
        ),
        (
            r("interviews:consensus_set", args=[o["i"], o["lf"]]),
            "post",
            {"score": "3", "reason": "agreed", "version": 0},
            "lead",
        ),
        (
            r("interviews:non_negotiable_result", args=[o["i"], o["nn"]]),
            "post",
            {"status": "met"},
            "lead",
        ),
        (r("interviews:guide_detail", args=[o["guide"]]), "get", None, "lead"),
        (r("interviews:guide_copy", args=[o["guide"]]), "post", {}, "lead"),
        (r("interviews:guide_new_version", args=[o["guide"]]), "post", {}, "lead"),
        (r("interviews:guide_settings", args=[o["guide"]]), "post", {"name": "G"}, "lead"),
        (
            r("interviews:guide_question_update", args=[o["guide"], o["question"]]),
            "post",
            {"text": "Changed?"},
            "lead",
        ),
        # Last: it deletes the non-negotiable the URLs above use.
        (r("interviews:non_negotiable_delete", args=[o["s"], o["nn"]]), "post", {}, "lead"),
    ]


def test_every_url_is_private_to_the_district(client, objects, outsider, lead, panelist):
    members = {"lead": lead, "panelist": panelist}
    for url, method, data, role in urls(objects):
        assert_district_private(
            client, url, outsider=outsider, method=method, data=data, member=members[role]
        )


def test_lakeview_gets_404_for_every_riverside_interview_url(client, demo):
    from interviews.models import Interview, LookFor, Scorecard
    from plpg.models import User

    other = User.objects.get(email="other@demo.test")
    client.force_login(other)
    interviews = Interview.objects.filter(selection__district__slug="riverside-unified-demo")
    assert interviews.count() == 3
    for interview in interviews:
        card = Scorecard.objects.filter(interview=interview).first()
        look_for = LookFor.objects.filter(block__section__in=interview.sections.all()).first()
        for url in [
            reverse("interviews:detail", args=[interview.pk]),
            reverse("interviews:score", args=[interview.pk]),
            reverse("interviews:packet", args=[interview.pk]),
            reverse("interviews:report", args=[interview.pk]),
            reverse("interviews:history", args=[interview.pk]),
            reverse("interviews:selection_report", args=[interview.selection_id]),
            reverse("interviews:selection_history", args=[interview.selection_id]),
        ]:
            assert client.get(url).status_code == 404, url
        for url, data in [
            (
                reverse("interviews:score_rate", args=[interview.pk, look_for.pk]),
                {"score": "1", "version": 0},
            ),
            (reverse("interviews:score_summary", args=[interview.pk]), {"version": 1}),
            (reverse("interviews:score_submit", args=[interview.pk]), {}),
            (reverse("interviews:scorecard_reopen", args=[interview.pk, card.pk]), {}),
            (reverse("interviews:score_declare", args=[interview.pk]), {"has_conflict": "no"}),
        ]:
            assert client.post(url, data).status_code == 404, url


def test_roles(client, selection, interview, viewer, manager, panelist):
    detail = reverse("interviews:selection_detail", args=[selection.pk])
    edit = reverse("interviews:selection_edit", args=[selection.pk])
    for user in (viewer, manager, panelist):
        client.force_login(user)
        assert client.get(detail).status_code == 200
        assert client.get(edit).status_code == 403
        assert (
            client.post(reverse("interviews:selection_decide", args=[selection.pk])).status_code
            == 403
        )
    client.force_login(manager)
    assert client.get(reverse("interviews:history", args=[interview.pk])).status_code == 200
    client.force_login(panelist)
    assert client.get(reverse("interviews:history", args=[interview.pk])).status_code == 403
