import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_home_for_visitors_explains_the_app(client):
    html = client.get("/").content.decode()
    assert "Find, interview and manage" in html
    assert 'href="#main"' in html  # skip link


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_navigation_follows_the_role(client, panelist, manager):
    client.force_login(panelist)
    html = client.get("/").content.decode()
    assert "Selections &amp; interviews" in html and ">Engagements<" not in html
    client.force_login(manager)
    html = client.get("/").content.decode()
    assert ">Engagements<" in html


@override_settings(DEBUG=False)
def test_server_error_page_is_friendly(client):
    from django.test import Client

    from plpg import views

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(views, "render", lambda *a, **k: 1 / 0)
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Nothing you saved is lost" in response.content.decode()
