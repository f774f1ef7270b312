from billing_desktop.domain.states import Access, KeyState
from billing_desktop.vault.keyring import SERVICE
from billing_desktop.vault.vault import AccessReport, Vault, VaultLocked

__all__ = ["SERVICE", "Access", "AccessReport", "KeyState", "Vault", "VaultLocked"]
