"""Start Billing Desktop: `python main.py` opens the GUI; with arguments it is the command line (as when frozen)."""

from billing_desktop.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
