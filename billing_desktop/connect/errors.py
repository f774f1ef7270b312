"""Turn stripe-python exceptions into one readable AppError, with Stripe's request id when there is one."""

from __future__ import annotations

from billing_desktop.errors import AppError


class StripeProblem(AppError):
    def __init__(self, message: str, code: str = "", request_id: str | None = None, http_status: int | None = None):
        self.code, self.request_id, self.http_status = code, request_id, http_status
        suffix = f" (Stripe request {request_id})" if request_id else ""
        super().__init__(message + suffix)

    @property
    def access_revoked(self) -> bool:
        return self.code in ("account_invalid", "invalid_client_revoked")

    @property
    def not_connected(self) -> bool:
        return self.code == "invalid_client" and "not connected" in str(self).lower()


def translate(exc: Exception) -> AppError:
    import stripe
    from stripe import oauth_error

    request_id = getattr(exc, "request_id", None)
    body = getattr(exc, "json_body", None)
    body_error = body.get("error") if isinstance(body, dict) else None
    api_code = getattr(exc, "code", None) or (body_error.get("code") if isinstance(body_error, dict) else None) or ""
    status = getattr(exc, "http_status", None)
    detail = getattr(exc, "user_message", None) or str(getattr(exc, "_message", "") or "").strip()
    if isinstance(exc, oauth_error.OAuthError):
        code = getattr(exc, "code", "") or type(exc).__name__
        text = {
            "invalid_grant": "Stripe refused the authorization code (expired, or already used). Connect again.",
            "invalid_client": "Stripe does not know this Connect client or account.",
            "invalid_request": "Stripe rejected the OAuth request.",
            "unsupported_grant_type": "Stripe rejected the OAuth grant type.",
        }.get(code, "Stripe refused the OAuth request.")
        desc = getattr(exc, "description", None) or detail
        return StripeProblem(f"{text} {desc}".strip(), code, request_id, status)
    if isinstance(exc, stripe.AuthenticationError):
        return StripeProblem(
            "Stripe rejected the platform secret key: check it in Platform settings. " + detail,
            "authentication",
            request_id,
            status,
        )
    if isinstance(exc, stripe.PermissionError) or api_code == "account_invalid":
        return StripeProblem(
            "Stripe says the platform no longer has access to this account. " + detail,
            api_code or "permission",
            request_id,
            status,
        )
    if isinstance(exc, stripe.RateLimitError):
        return StripeProblem(
            "Stripe is rate-limiting requests: wait a minute and try again.", "rate_limit", request_id, status
        )
    if isinstance(exc, stripe.APIConnectionError):
        text = str(getattr(exc, "_message", "") or exc)
        if "timed out" in text.lower() or "timeout" in text.lower():
            return StripeProblem("Stripe did not answer in time (timeout). Check the network and try again.", "timeout")
        return StripeProblem(
            "Could not reach Stripe (connection failed). Check the network or the Stripe base "
            "URL settings and try again.",
            "connection",
        )
    if isinstance(exc, stripe.StripeError):
        return StripeProblem(f"Stripe error: {detail or type(exc).__name__}", api_code, request_id, status)
    return AppError(f"Unexpected error talking to Stripe ({type(exc).__name__}).")
