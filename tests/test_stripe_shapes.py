"""An account answer with fields of unexpected types (a tampered or misdirected answer, a changed API version) neither
stops a sync nor leaves a saved copy that the views fail on: the odd fields are dropped, the rest is kept."""

import pytest

from billing_desktop.domain import stripe_shapes
from tests.support.connected import bulk_tenants, link, platform
from tests.support.fake_connect import requirements

ODD = {
    "current_deadline": "tomorrow",
    "currently_due": "individual.dob.day",  # a string, not a list: not 18 one-letter codes
    "past_due": [{"x": 1}, "tos_acceptance.date", 7],
    "errors": ["oops", {"code": 5, "reason": ["a"], "requirement": None}],
    "disabled_reason": {"a": 1},
}


def test_odd_fields_are_dropped_and_the_rest_kept():
    kept = stripe_shapes.account(
        {
            "id": "acct_1",
            "requirements": ODD,
            "capabilities": ["card_payments"],
            "charges_enabled": "yes",
            "email": 5,
            "business_profile": {"name": {"x": 1}, "url": "https://a.example"},
        }
    )
    req = kept["requirements"]
    assert req["current_deadline"] is None and req["currently_due"] == [] and req["disabled_reason"] is None
    assert req["past_due"] == ["tos_acceptance.date"]
    assert req["errors"] == [{"code": "", "reason": "", "requirement": ""}]
    assert kept["capabilities"] == {} and kept["charges_enabled"] is False and kept["email"] is None
    assert kept["business_profile"] == {"name": None, "url": "https://a.example"}
    assert stripe_shapes.timestamp(value=True) is None and stripe_shapes.timestamp(10**20) is None


@pytest.mark.parametrize("field", sorted(ODD))
def test_a_sync_with_an_odd_account_completes_and_every_view_reads_it(services, operator, fake, field):
    platform(services, operator, fake)
    odd_tenant, fine_tenant = bulk_tenants(services, ["Odd", "Fine"])
    odd = fake.new_account(type="express", name="Odd")
    fine = fake.new_account(type="express", name="Fine")
    odd["requirements"] = requirements(**{"past_due": ["external_account"], field: ODD[field]})
    fine["requirements"] = requirements(past_due=["external_account"])
    link(services, odd_tenant.id, odd["id"])
    link(services, fine_tenant.id, fine["id"])
    report = services.connect_sync.sync(operator)
    assert report.complete and report.updated == 2
    view = services.connect_account.requirements(operator, odd_tenant.id)
    assert view.account_id == odd["id"]
    board = services.attention.board(operator)
    assert fine_tenant.id in {r.tenant_id for r in board.items}
    assert services.stripe.status(operator, odd_tenant.id, refresh=True).account_id == odd["id"]


@pytest.mark.parametrize(
    "page",
    [
        {"object": "list", "data": "notalist", "has_more": True},
        {"object": "list", "data": [{"no": "id"}], "has_more": True},
        {"object": "list", "data": ["acct_1"], "has_more": False},
        ["a", "list"],
    ],
)
def test_a_list_page_of_another_shape_stops_the_sync_with_a_message(services, operator, fake, page):
    platform(services, operator, fake)
    tenant = bulk_tenants(services, ["Odd"])[0]
    link(services, tenant.id, fake.new_account(type="express", name="Odd")["id"])
    served = fake.connect.get
    fake.connect.get = lambda path, q, acct: (200, page) if path == "/v1/accounts" else served(path, q, acct)
    report = services.connect_sync.sync(operator)
    assert not report.complete and "list page of /v1/accounts the app cannot read" in report.problem
