# Run-time hook of the Linux bundle, in place of PyInstaller's pyi_rth_pyside6 (packaging/billing-desktop.spec swaps
# them): the same Qt paths, without importing PySide6.QtCore before the app's first line. PyInstaller's hook imports
# QtCore at every start only to register an embedded qt.conf, and the PySide6 wheel's QtCore registers that itself
# when it is imported; so every command-line start (--version, `keys inspect`, doctor) loaded shiboken, Qt Core and
# PySide's signature machinery it never used: about 90 ms of CPU. The GUI imports QtCore as before, when it needs it.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
del _qt
