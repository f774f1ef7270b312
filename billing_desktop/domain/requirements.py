"""Stripe's requirement codes, disabled reasons, error codes and payout failure codes in plain words.

Names are Stripe's documented ones (API reference: the Account object's `requirements`, Capability
`requirements.disabled_reason`, Account requirement `errors[].code`, Payout `failure_code`). Unknown codes are
described from their parts, so a code Stripe adds later still reads as something, with the raw code beside it.
The words are `msg`s: English for the CLI, translated by the GUI (ui.i18n.text); a code's own words stay as they are.
"""

from __future__ import annotations

import re

from billing_desktop.errors import msg

# The part of a requirement code after its owner prefix ("individual.", "company.", "person_xxx.", …).
FIELD_WORDS: dict[str, str] = {
    "address.city": msg("city of the address"),
    "address.line1": msg("street address"),
    "address.postal_code": msg("postal code"),
    "address.state": msg("state or province"),
    "address.country": msg("country of the address"),
    "dob.day": msg("date of birth (day)"),
    "dob.month": msg("date of birth (month)"),
    "dob.year": msg("date of birth (year)"),
    "email": msg("email address"),
    "first_name": msg("first name"),
    "last_name": msg("last name"),
    "phone": msg("phone number"),
    "id_number": msg("government ID number"),
    "ssn_last_4": msg("last 4 digits of the Social Security number"),
    "verification.document": msg("identity document (photo ID)"),
    "verification.additional_document": msg("additional identity document (proof of address)"),
    "relationship.title": msg("job title"),
    "relationship.executive": msg("whether they are an executive"),
    "relationship.owner": msg("whether they are an owner"),
    "relationship.percent_ownership": msg("percentage owned"),
    "relationship.director": msg("whether they are a director"),
    "name": msg("legal name"),
    "tax_id": msg("tax ID (EIN or equivalent)"),
    "owners_provided": msg("confirmation that all owners are listed"),
    "directors_provided": msg("confirmation that all directors are listed"),
    "executives_provided": msg("confirmation that all executives are listed"),
    "ownership_declaration.date": msg("ownership declaration (date)"),
    "ownership_declaration.ip": msg("ownership declaration (IP address)"),
    "verification.document.front": msg("company verification document"),
    "structure": msg("company structure"),
    "registration_number": msg("company registration number"),
}

EXACT: dict[str, str] = {
    "business_type": msg("Business type (individual, company, non-profit…)"),
    "business_profile.mcc": msg("Merchant category (what the business sells)"),
    "business_profile.url": msg("Business website"),
    "business_profile.product_description": msg("Description of the products or services"),
    "business_profile.support_phone": msg("Customer support phone number"),
    "business_profile.support_email": msg("Customer support email"),
    "business_profile.name": msg("Public business name"),
    "external_account": msg("Bank account or debit card for payouts"),
    "tos_acceptance.date": msg("Acceptance of Stripe's terms of service (date)"),
    "tos_acceptance.ip": msg("Acceptance of Stripe's terms of service (IP address)"),
    "settings.payments.statement_descriptor": msg("Statement descriptor (what customers see on card statements)"),
    "settings.card_payments.statement_descriptor_prefix": msg("Statement descriptor prefix"),
    "relationship.representative": msg("An account representative (a person who can act for the business)"),
    "relationship.owner": msg("The business owners"),
    "relationship.director": msg("The company directors"),
    "relationship.executive": msg("The company executives"),
    "representative.requirements": msg("Details of the account representative"),
}

OWNERS: dict[str, str] = {
    "individual": msg("Account holder"),
    "company": msg("Company"),
    "representative": msg("Representative"),
    "owners": msg("Owners"),
    "directors": msg("Directors"),
    "executives": msg("Executives"),
    "person": msg("Person"),
}

DISABLED_REASONS: dict[str, str] = {
    "requirements.past_due": msg("Required information was not provided by the deadline"),
    "requirements.pending_verification": msg("Stripe is verifying the information provided"),
    "action_required.requested_capabilities": msg("Requested capabilities need more information"),
    "listed": msg("The account is on a prohibited persons or companies list (under review)"),
    "platform_paused": msg("Paused by the platform"),
    "rejected.fraud": msg("Rejected by Stripe: suspected fraud"),
    "rejected.incomplete_verification": msg("Rejected by Stripe: verification was not completed"),
    "rejected.listed": msg("Rejected by Stripe: on a prohibited persons or companies list"),
    "rejected.other": msg("Rejected by Stripe"),
    "rejected.terms_of_service": msg("Rejected by Stripe: terms of service violation"),
    "rejected.platform_fraud": msg("Rejected by the platform: suspected fraud"),
    "rejected.platform_other": msg("Rejected by the platform"),
    "rejected.platform_terms_of_service": msg("Rejected by the platform: terms of service violation"),
    "under_review": msg("Under review by Stripe"),
    "other": msg("Disabled for another reason (see the Stripe dashboard)"),
    # Capability-level reasons
    "paused.inactivity": msg("Paused for inactivity"),
    "pending.onboarding": msg("Onboarding not finished"),
    "pending.review": msg("Under review by Stripe"),
    "platform_disabled": msg("Disabled by the platform"),
    "rejected.inactivity": msg("Rejected for inactivity"),
    "rejected.unsupported_business": msg("Rejected: the business is not supported"),
    "requirements.fields_needed": msg("More information is needed"),
}

ERROR_CODES: dict[str, str] = {
    "invalid_address_city_state_postal_code": msg("The city, state and postal code do not match"),
    "invalid_dob_age_under_18": msg("The person must be at least 18"),
    "invalid_representative_country": msg("The representative's country is not supported"),
    "invalid_street_address": msg("The street address is not valid"),
    "invalid_tos_acceptance": msg("The terms of service acceptance is not valid"),
    "invalid_value_other": msg("The value is not valid"),
    "verification_document_expired": msg("The document has expired"),
    "verification_document_failed_copy": msg("The document is a copy, not the original"),
    "verification_document_failed_greyscale": msg("The document is in greyscale"),
    "verification_document_failed_other": msg("The document could not be verified"),
    "verification_document_failed_test_mode": msg("Test-mode document was rejected"),
    "verification_document_fraudulent": msg("The document looks fraudulent"),
    "verification_document_id_number_mismatch": msg("The ID number does not match the document"),
    "verification_document_name_mismatch": msg("The name does not match the document"),
    "verification_document_too_large": msg("The document file is too large"),
    "verification_document_type_not_supported": msg("This type of document is not accepted"),
    "verification_failed_address_match": msg("The address could not be matched"),
    "verification_failed_business_iec_number": msg("The business IEC number could not be verified"),
    "verification_failed_id_number_match": msg("The ID number could not be matched"),
    "verification_failed_keyed_identity": msg("The identity could not be verified"),
    "verification_failed_keyed_match": msg("The details could not be matched"),
    "verification_failed_name_match": msg("The name could not be matched"),
    "verification_failed_tax_id_match": msg("The tax ID does not match the business name"),
    "verification_failed_tax_id_not_issued": msg("The tax ID was not issued"),
    "verification_failed_other": msg("Verification failed"),
}

PAYOUT_FAILURES: dict[str, str] = {
    "account_closed": msg("The bank account has been closed"),
    "account_frozen": msg("The bank account has been frozen"),
    "bank_account_restricted": msg("The bank account has restrictions on this kind of payout"),
    "bank_ownership_changed": msg("The bank account changed owner"),
    "could_not_process": msg("The bank could not process this payout"),
    "debit_not_authorized": msg("Debit transactions are not approved on the bank account"),
    "declined": msg("The bank declined this transfer"),
    "incorrect_account_holder_address": msg("The account holder's address is wrong"),
    "incorrect_account_holder_name": msg("The account holder's name is wrong"),
    "incorrect_account_holder_tax_id": msg("The account holder's tax ID is wrong"),
    "insufficient_funds": msg("Not enough funds in the Stripe balance"),
    "invalid_account_number": msg("The bank account number is not valid"),
    "invalid_currency": msg("The bank account cannot accept this currency"),
    "no_account": msg("The bank account does not exist"),
    "unsupported_card": msg("The bank no longer supports payouts to this card"),
}

DISPUTE_REASONS: dict[str, str] = {
    "bank_cannot_process": msg("The customer's bank cannot process the charge"),
    "check_returned": msg("The cheque was returned"),
    "credit_not_processed": msg("The customer says a promised refund was not made"),
    "customer_initiated": msg("The customer started the dispute"),
    "debit_not_authorized": msg("The customer says they did not authorise the debit"),
    "duplicate": msg("The customer says they were charged twice"),
    "fraudulent": msg("The cardholder says they did not make the payment"),
    "general": msg("Uncategorised dispute"),
    "incorrect_account_details": msg("The account details were wrong"),
    "insufficient_funds": msg("The customer's account did not have the funds"),
    "noncompliant": msg("The payment broke the card network's rules"),
    "product_not_received": msg("The customer says the product never arrived"),
    "product_unacceptable": msg("The customer says the product was defective or not as described"),
    "subscription_canceled": msg("The customer says they cancelled the subscription"),
    "unrecognized": msg("The customer does not recognise the payment"),
}

_PERSON = re.compile(r"^person_[A-Za-z0-9]+$")


def _field_words(rest: str) -> str:
    return FIELD_WORDS.get(rest) or rest.replace("_", " ").replace(".", ": ")


def requirement_words(code: str) -> str:
    """`individual.verification.document` -> "Account holder: identity document (photo ID)"."""
    if code in EXACT:
        return EXACT[code]
    if code.startswith("interv_"):
        return msg("Stripe asks for an action (intervention): see the Stripe dashboard")
    owner, _, rest = code.partition(".")
    label = msg("Person {id}", id=owner.removeprefix("person_")[-6:]) if _PERSON.match(owner) else OWNERS.get(owner, "")
    if label and rest:
        return msg("{owner}: {field}", owner=label, field=_field_words(rest))
    if owner == "business_profile" and rest:
        return msg("Business profile: {field}", field=rest.replace("_", " "))
    return code.replace("_", " ").replace(".", ": ").capitalize()


def disabled_words(reason: str | None) -> str:
    if not reason:
        return ""
    return DISABLED_REASONS.get(reason, reason.replace("_", " ").replace(".", ": "))


def error_words(code: str | None, reason: str | None) -> str:
    """Stripe's own `reason` is kept: it is the most specific text there is."""
    base = ERROR_CODES.get(code or "", (code or "").replace("_", " "))
    return msg("{error} — {reason}", error=base, reason=reason) if reason and reason not in base else base


def payout_failure_words(code: str | None, message: str | None = None) -> str:
    if not code:
        return message or ""
    known = PAYOUT_FAILURES.get(code)  # a Msg kept whole (no trailing dot in the table)
    return known if known is not None else code.replace("_", " ").rstrip(".")


def dispute_reason_words(reason: str | None) -> str:
    return DISPUTE_REASONS.get(reason or "", (reason or "").replace("_", " "))
