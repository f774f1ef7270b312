from billing_desktop.vault.keyring import SERVICE
from billing_desktop.vault.vault import Access, AccessReport, KeyState, Vault, VaultLocked

__all__ = ["SERVICE", "Access", "AccessReport", "KeyState", "Vault", "VaultLocked"]
