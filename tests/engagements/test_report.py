import shutil
import subprocess

import pytest
from django.urls import reverse

from engagements.models import Engagement
from plpg.models import User

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_demo_report_has_vision_goals_plan_checkins_and_actions(client, demo, tmp_path):
    engagement = Engagement.objects.get(partner__slug="northstar-math-collaborative")
    client.force_login(User.objects.get(email="manager@demo.test"))
    response = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    first_page = text.split("\f")[0]
    assert "Every Riverside student" in first_page  # the vision on page one
    for goal in engagement.goals.all():
        assert goal.title in text
    for item in engagement.plan_items.all():
        assert item.name.split()[0] in text
    assert "Coach PLC kick-off" in text
    assert "delivered" in text.lower()
    assert "Check-in history" in text and "Open action items" in text
    assert "Send unit 3 pacing adjustments" in text
    # The same content renders to the same bytes.
    again = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert again["ETag"] == response["ETag"]


def test_report_for_an_empty_engagement(client, manager, district):
    from tests.factories import EngagementFactory

    engagement = EngagementFactory(district=district)
    client.force_login(manager)
    response = client.get(reverse("engagements:report_pdf", args=[engagement.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
