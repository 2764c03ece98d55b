"""The reusable check for district-owned URLs: another district's member gets 404 and an
anonymous visitor is sent to sign in. Every district URL in the suite goes through it."""

from urllib.parse import urlparse

from django.conf import settings
from django.shortcuts import resolve_url


def assert_district_private(client, url, *, outsider, method="get", data=None, member=None):
    """Anonymous → redirect to login; ``outsider`` (another district) → 404.

    With ``member`` given, also checks that a member of the owning district is not refused,
    so the test cannot pass merely because the URL is wrong.
    """
    send = getattr(client, method.lower())
    client.logout()
    response = send(url, data or {})
    assert response.status_code == 302, f"anonymous {method.upper()} {url}: {response.status_code}"
    login_path = resolve_url(settings.LOGIN_URL)
    assert urlparse(response["Location"]).path == login_path, response["Location"]

    client.force_login(outsider)
    response = send(url, data or {})
    assert response.status_code == 404, (
        f"{outsider} of another district got {response.status_code} for {method.upper()} {url}"
    )
    client.logout()

    if member is not None:
        client.force_login(member)
        response = send(url, data or {})
        assert response.status_code not in (403, 404), (
            f"member {member} got {response.status_code} for {method.upper()} {url}"
        )
        client.logout()
