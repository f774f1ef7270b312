"""`--qt-probe`: open Qt, print the platform plugin and Qt version, exit. Run by `doctor` in a child process."""


def probe() -> int:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["billing-desktop"])
    print(f"{app.platformName()} (Qt {pyside_version})")
    return 0
