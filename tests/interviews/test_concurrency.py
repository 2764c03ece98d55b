"""Two panelists saving at the same moment, on two real database connections (threads)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from interviews.models import Rating

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _run_in_threads(*jobs):
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_two_panelists_saving_at_once_keep_every_rating(
    card, card2, panelist, panelist2, interview, look_fors
):
    clients = {panelist.pk: _client(panelist), panelist2.pk: _client(panelist2)}

    def save_all(user, score):
        def job():
            statuses = []
            for look_for in look_fors:
                url = reverse("interviews:score_rate", args=[interview.pk, look_for.pk])
                response = clients[user.pk].post(
                    url,
                    {"score": score, "note": f"{user.pk}", "version": 0},
                    HTTP_HX_REQUEST="true",
                )
                statuses.append(response.status_code)
            return statuses

        return job

    first, second = _run_in_threads(save_all(panelist, "2"), save_all(panelist2, "4"))
    assert set(first) == {200} and set(second) == {200}
    assert Rating.objects.filter(scorecard=card, score=2).count() == len(look_fors)
    assert Rating.objects.filter(scorecard=card2, score=4).count() == len(look_fors)


def test_two_stale_tabs_at_once_one_wins_one_is_told(card, panelist, interview, look_fors):
    url = reverse("interviews:score_rate", args=[interview.pk, look_fors[0].pk])
    tab_a, tab_b = _client(panelist), _client(panelist)

    def save(client, score):
        return lambda: (
            client.post(url, {"score": score, "version": 0}, HTTP_HX_REQUEST="true").status_code
        )

    statuses = _run_in_threads(save(tab_a, "1"), save(tab_b, "4"))
    assert sorted(statuses) == [200, 409]
    rating = Rating.objects.get(scorecard=card, look_for=look_fors[0])
    assert rating.version == 1
    assert rating.score == (1 if statuses[0] == 200 else 4)
