"""Read what the vault holds, the way the app would (through the real vault), for assertions."""

from sqlalchemy import select

from billing_desktop.store.models import SealedSecret


def sealed(services) -> dict[str, str]:
    """Every sealed secret by name, opened with the vault key this OS account holds."""
    with services.ctx.db() as s:
        names = list(s.scalars(select(SealedSecret.name)))
        return services.ctx.vault.open_many(s, names)


def keyring_items(backend) -> list[str]:
    return sorted(u for _, u in backend.store)
