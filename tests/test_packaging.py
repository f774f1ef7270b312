"""What can be checked of the installers on Linux without building them (the build itself runs in .ci/run)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_inno_setup_script_points_at_what_the_build_produces():
    iss = (ROOT / "packaging" / "windows" / "billing-desktop.iss").read_text()
    assert 'BundleDir "..\\..\\dist\\billing-desktop"' in iss  # PyInstaller's COLLECT name, under dist/
    assert "build\\icons\\billing-desktop.ico" in iss  # made by build.py's icons()
    assert "PrivilegesRequired=lowest" in iss and "{uninstallexe}" in iss and "[Icons]" in iss
    spec = (ROOT / "packaging" / "billing-desktop.spec").read_text()
    assert 'name="BillingDesktop", console=False' in spec  # the windowed exe the shortcuts start
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert re.search(r'#define AppVersion "' + re.escape(version) + '"', iss)


def test_desktop_entry_is_valid():
    entry = (ROOT / "resources" / "billing-desktop.desktop").read_text().splitlines()
    assert entry[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in entry[1:] if "=" in line)
    assert (
        fields["Exec"] == "billing-desktop" and fields["Icon"] == "billing-desktop" and fields["Type"] == "Application"
    )
    assert fields["Categories"].endswith(";")


def test_macos_bundle_metadata():
    spec = (ROOT / "packaging" / "billing-desktop.spec").read_text()
    for key in ("CFBundleShortVersionString", "NSHighResolutionCapable", "CFBundleName"):
        assert key in spec
    assert (ROOT / "packaging" / "macos" / "make-dmg.sh").stat().st_mode & 0o111
