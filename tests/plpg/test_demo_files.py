"""The demo's data files (fixtures/demo/) name only things that exist: a typo in a slug would
otherwise drop a term or a person from the demo without a word."""

from partners import curation
from partners.taxonomy import TAXONOMIES, taxonomy_read
from plpg.demo import demo_data, demo_logins
from plpg.models import District, Membership


def test_people_are_valid_and_every_login_exists():
    people = demo_data("people")
    for district in people["district"]:
        District.Locale(district["locale"]), District.EnrollmentBand(district["enrollment_band"])
    slugs = {district["slug"] for district in people["district"]}
    for member in people["member"]:
        assert member["district"] in slugs, member
        Membership.Role(member["role"])
    emails = {p["email"] for p in people["member"] + people["staff"]}
    emails.add(demo_data("portal")["provider"]["email"])
    assert [email for email, _ in demo_logins()] and {e for e, _ in demo_logins()} == emails


def test_partners_name_only_terms_of_the_taxonomy():
    taxonomy = taxonomy_read()
    data = demo_data("partners")
    states = {state["code"] for state in taxonomy["states"]}
    for spec in data["partner"]:
        for t in TAXONOMIES:
            if t.field == "states_served":
                served = spec["states_served"]
                if served != "*":
                    codes = {c for name in served for c in data["regions"].get(name, [name])}
                    assert codes <= states, (spec["slug"], codes - states)
                assert spec["hq_state"] in states
                continue
            known = {term["slug"] for term in taxonomy[t.plural]}
            assert set(spec[t.field]) <= known, (spec["slug"], t.field, set(spec[t.field]) - known)
            if t.field in {"phases", "content_areas", "cost_bands"}:
                assert spec[t.field], (spec["slug"], t.field)  # the sample engagement needs one
        assert set(spec["phases"]) <= set(data["sample_rows"]), spec["slug"]
        assert spec["context"]["locale"] in data["locale_words"], spec["slug"]
        assert spec["context"]["enrollment_band"] in data["band_words"], spec["slug"]
    slugs = [spec["slug"] for spec in data["partner"]]
    assert len(slugs) == len(set(slugs))
    portal = demo_data("portal")
    assert portal["partner"] in slugs
    for claim in portal["claim"]:
        model = curation.TERM_MODELS[claim["kind"]]
        [plural] = [t.plural for t in TAXONOMIES if t.model_name == model.__name__]
        assert claim["term"] in {term["slug"] for term in taxonomy[plural]}


def test_the_story_names_demo_partners_people_and_valid_kinds():
    from engagements.models import CheckIn, PlanItem

    partners = {spec["slug"] for spec in demo_data("partners")["partner"]}
    people = demo_data("people")
    emails = {p["email"] for p in people["member"] + people["staff"]}
    emails.add(demo_data("portal")["provider"]["email"])
    districts = {d["slug"] for d in people["district"]}
    for selection in demo_data("interviews")["selection"]:
        assert selection["district"] in districts and selection["created_by"] in emails
        assert set(selection["panel"]) <= emails
        assert {entry["partner"] for entry in selection["shortlist"]} <= partners
        for interview in selection.get("interview", []):
            assert {card["panelist"] for card in interview.get("scorecards", [])} <= emails
    records = demo_data("engagements")["engagement"] + demo_data("impact")["engagement"]
    for record in records:
        assert record["district"] in districts and record["partner"] in partners
        assert record["created_by"] in emails
        for row in record.get("plan", []):
            PlanItem.Status(row["status"])
        for meeting in record.get("meeting", []):
            CheckIn.Kind(meeting["kind"])
    for data in (demo_data("workspace"), demo_data("impact")["northstar"]):
        assert data["partner"] in partners and data["district"] in districts
