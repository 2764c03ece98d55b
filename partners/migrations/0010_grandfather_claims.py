"""Partners listed before evidence-backed claims keep their phases, curricula and
specialties: each becomes a confirmed claim, noted as such, so that from now on the
directory shows exactly the confirmed claims (partners.curation.claims_publish)."""

from django.db import migrations

NOTE = "Listed before evidence-backed claims; confirmed when claims were introduced."


def grandfather(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    Claim = apps.get_model("partners", "Claim")
    claims = []
    for partner in Partner.objects.prefetch_related("phases", "curricula", "specialties"):
        for kind, field in (("phase", "phases"), ("curriculum", "curricula"), ("specialty", "specialties")):
            for term in getattr(partner, field).all():
                claims.append(
                    Claim(partner=partner, kind=kind, status="confirmed", curator_notes=NOTE, **{kind: term})
                )
    Claim.objects.bulk_create(claims, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("partners", "0009_portal")]
    operations = [migrations.RunPython(grandfather, migrations.RunPython.noop)]
