"""Start the Billing Desktop GUI: `python main.py`."""

from billing_desktop.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main([]))
