"""The sources' own words (issue 15, item 5): every quote is in its seed, word for word, and
shows where the PL manager sets up the kick-off, roles, tools, cadence and coherence meeting."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from engagements import guidance
from engagements.models import OnboardingItem
from tests.factories import EngagementFactory

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def _seed(name: str) -> str:
    text = (SEEDS / name).read_text()
    # The seeds are markdown: a link reads as its text.
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def test_every_quote_is_in_its_seed_word_for_word():
    quotes = guidance.quotes()
    assert len(quotes) == 1 + 5 + 2 + 2 + 2 + 1
    for seed, quote in quotes:
        assert quote in _seed(seed), (seed, quote)


def test_cadence_hint_names_each_source():
    by_source = dict(guidance.CADENCE)
    assert "2 – 4 times per month" in by_source["The managing guide"]
    assert "monthly check-ins" in by_source["The playbook"]


def test_new_engagements_get_the_five_kick_off_items_in_the_playbooks_words(district):
    engagement = EngagementFactory(district=district)
    titles = list(engagement.onboarding_items.values_list("title", flat=True))
    assert titles == [text for _, text in guidance.KICK_OFF_ITEMS]
    assert OnboardingItem.objects.filter(engagement=engagement).count() == 5


def test_the_pages_show_the_guidance(client, lead, district):
    engagement = EngagementFactory(district=district)
    client.force_login(lead)
    form = client.get(reverse("engagements:edit", args=[engagement.pk])).content.decode()
    assert "The managing guide: “you might schedule 30 – 60 minute check-ins 2 – 4" in form
    assert "The playbook: “you might schedule 30-60 minute monthly check-ins" in form
    assert "implementing CKLA and another partner to work with its principals." in form
    assert "Utilize the expertise of your partners to evaluate" in form
    assert "Zearn’s Classroom Walkthrough Guide" in form
    page = client.get(reverse("engagements:coherence")).content.decode()
    assert "once or twice a year to share and reshare" in page
    assert "hop on the phone with each other once a month" in page
    detail = client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert (
        "Communicate your academic vision and how your partner will help you achieve it" in detail
    )
    assert "During this meeting, you should:" in detail
