"""Results that help a panel decide (#10 item 4): no default consensus, the panel's scores and
evidence notes beside it, the discuss count, evidence in the PDF, the matrix and chart."""

import pytest
from django.urls import reverse

from interviews import charts, selectors, services
from interviews.models import Interview, Rating
from tests.factories import ShortlistEntryFactory
from tests.interviews.test_policy import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(interview, card, card2, panelist, panelist2, look_fors):
    """Both panelists submitted; look-for 0 is 1 vs 4 (to discuss)."""
    for n, look_for in enumerate(look_fors):
        Rating.objects.create(
            scorecard=card, look_for=look_for, score=1 if n == 0 else 3, note=f"Pat saw {n}"
        )
        Rating.objects.create(
            scorecard=card2, look_for=look_for, score=4 if n == 0 else 3, note=f"Quinn saw {n}"
        )
    services.scorecard_submit(scorecard=card, user=panelist)
    services.scorecard_submit(scorecard=card2, user=panelist2)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.COMPLETED
    return interview


def test_consensus_has_no_default_and_shows_each_panelists_score_and_note(
    client, done, lead, look_fors
):
    client.force_login(lead)
    page = client.get(reverse("interviews:detail", args=[done.pk])).content.decode()
    cell = page[page.index(f'id="consensus-{look_fors[0].pk}"') :][:3000]
    assert '<option value="" selected>Choose the consensus rating</option>' in cell
    assert "Pat saw 0" in cell and "Quinn saw 0" in cell
    assert "1 · Not evident" in cell and "4 · Strong evidence" in cell
    assert "1 look-for to discuss" in page


def test_the_discuss_count_drops_as_consensus_is_set(client, done, lead, look_fors):
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[done.pk, look_fors[0].pk])
    response = client.post(
        url, {"score": "3", "reason": "We agreed", "version": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="discuss-count"' in body and "to discuss" not in body
    assert "Pat saw 0" in body  # the swapped cell keeps the panel's evidence


def test_an_empty_consensus_is_refused(client, done, lead, look_fors):
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[done.pk, look_fors[0].pk])
    assert client.post(url, {"score": "", "reason": "r", "version": 0}).status_code in (302, 400)
    assert not done.consensus.exists()


def test_the_results_pdf_carries_the_evidence_notes(client, done, lead):
    client.force_login(lead)
    response = client.get(reverse("interviews:report", args=[done.pk]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "Pat saw 0" in text and "Quinn saw 1" in text


def test_chart_axis_starts_at_one():
    chart = charts.grouped_bar_chart(groups=["A"], series=[("P", [2.5]), ("Q", [1.0])])
    assert [g["tick"] for g in chart["grid"]] == [1, 2, 3, 4]
    plot_w = chart["grid"][-1]["x"] - chart["grid"][0]["x"]
    assert chart["bars"][0]["w"] == pytest.approx(plot_w / 2, abs=0.2)
    assert chart["bars"][1]["w"] == 2  # a 1 is drawn, just barely


def test_matrix_counts_scorecards_and_flags_a_single_one(
    client, selection, interview, card, card2, panelist, lead, look_fors
):
    Rating.objects.create(scorecard=card, look_for=look_fors[0], score=3)
    services.scorecard_submit(scorecard=card, user=panelist)
    card2.conflict = card2.Conflict.RECUSED
    card2.save()
    ShortlistEntryFactory(selection=selection)
    comparison = selectors.selection_comparison(selection)
    row = next(r for r in comparison["rows"] if r["interview"] == interview)
    assert (row["submitted"], row["recused"], row["single"]) == (1, 1, True)
    client.force_login(lead)
    page = client.get(reverse("interviews:selection_detail", args=[selection.pk])).content
    assert "one scorecard only" in page.decode() and "1 recused" in page.decode()


def test_a_refused_consensus_fragment_is_a_4xx_not_a_500(client, done, lead, look_fors):
    client.force_login(lead)
    url = reverse("interviews:consensus_set", args=[done.pk, look_fors[0].pk])
    response = client.post(url, {"score": "9", "version": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Not saved" in response.content.decode()
