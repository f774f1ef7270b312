"""Turn stripe-python exceptions into one readable AppError, with Stripe's request id when there is one."""

from __future__ import annotations

from billing_desktop.errors import AppError, msg


class StripeProblem(AppError):
    def __init__(self, message: str, code: str = "", request_id: str | None = None, http_status: int | None = None):
        self.code, self.request_id, self.http_status = code, request_id, http_status
        if request_id:
            message = msg("{message} (Stripe request {request_id})", message=message, request_id=request_id)
        super().__init__(message)

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
            "invalid_grant": msg("Stripe refused the authorization code (expired, or already used). Connect again."),
            "invalid_client": msg("Stripe does not know this Connect client or account."),
            "invalid_request": msg("Stripe rejected the OAuth request."),
            "unsupported_grant_type": msg("Stripe rejected the OAuth grant type."),
        }.get(code, msg("Stripe refused the OAuth request."))
        desc = getattr(exc, "description", None) or detail
        return StripeProblem(msg("{text} {detail}", text=text, detail=desc) if desc else text, code, request_id, status)
    if isinstance(exc, stripe.AuthenticationError):
        return StripeProblem(
            msg("Stripe rejected the platform secret key: check it in Platform settings. {detail}", detail=detail),
            "authentication",
            request_id,
            status,
        )
    if isinstance(exc, stripe.PermissionError) or api_code == "account_invalid":
        return StripeProblem(
            msg("Stripe says the platform no longer has access to this account. {detail}", detail=detail),
            api_code or "permission",
            request_id,
            status,
        )
    if isinstance(exc, stripe.RateLimitError):
        return StripeProblem(
            msg("Stripe is rate-limiting requests: wait a minute and try again."), "rate_limit", request_id, status
        )
    if isinstance(exc, stripe.APIConnectionError):
        said = str(getattr(exc, "_message", "") or exc)
        if "timed out" in said.lower() or "timeout" in said.lower():
            return StripeProblem(
                msg("Stripe did not answer in time (timeout). Check the network and try again."), "timeout"
            )
        return StripeProblem(
            msg(
                "Could not reach Stripe (connection failed). Check the network or the Stripe base "
                "URL settings and try again."
            ),
            "connection",
        )
    if isinstance(exc, stripe.StripeError):
        return StripeProblem(
            msg("Stripe error: {value}", value=detail or type(exc).__name__), api_code, request_id, status
        )
    return AppError(msg("Unexpected error talking to Stripe ({name}).", name=type(exc).__name__))
