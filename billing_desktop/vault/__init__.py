from billing_desktop.vault.vault import SERVICE, Vault

__all__ = ["SERVICE", "Vault"]
