"""Build Billing Desktop's installers: `python packaging/build.py [--target linux|windows|macos]`.

linux:   dist/billing-desktop/ (PyInstaller one-folder), dist/billing-desktop-<v>-linux-<arch>.tar.gz and
         dist/billing-desktop_<v>_<arch>.deb (dpkg-deb).
windows: dist/billing-desktop/ then Inno Setup: iscc packaging/windows/billing-desktop.iss (run on Windows).
macos:   dist/Billing Desktop.app then packaging/macos/make-dmg.sh (run on macOS).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST, BUILD = ROOT / "dist", ROOT / "build"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
NAME, VERSION = PROJECT["name"], PROJECT["version"]
DEB_DEPENDS = [
    "sensible-utils",
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
]
DEB_RECOMMENDS = ["gnome-keyring | kwalletmanager"]
# Tags that follow from shipping a self-contained PyInstaller bundle in /opt, as the packaging issue asks.
LINTIAN_OVERRIDES = [
    "dir-or-file-in-opt",
    "embedded-library",
    "library-not-linked-against-libc",
    "shared-library-lacks-prerequisites",
    "hardening-no-pie",
    "no-manual-page",
]


def icons() -> None:
    """PNG and ICO renderings of resources/billing-desktop.svg, made with Qt (no other image tool needed)."""
    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "billing-desktop.svg"))
    for size in (256, 48):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"billing-desktop-{size}.png"))
        if size == 256:
            image.save(str(out / "billing-desktop.ico"))
    del app


def pyinstaller(target: str) -> Path:
    env = dict(os.environ, BILLING_DESKTOP_TARGET=target)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "billing-desktop.spec"),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return DIST / NAME


def size_mb(path: Path) -> float:
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def arch() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)


def tarball(bundle: Path) -> Path:
    target = DIST / f"{NAME}-{VERSION}-linux-{arch()}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(bundle, arcname=f"{NAME}-{VERSION}")
    return target


def libc_depends() -> str:
    """The bundle's own libraries were linked against the build machine's glibc: depend on at least that."""
    try:
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
        ).stdout.split("-")[0]
        return f"libc6 (>= {version})"
    except (OSError, subprocess.CalledProcessError):
        return "libc6"


def _strip_build_rpaths(root: Path) -> None:
    """PyInstaller copies libraries with the build machine's RUNPATH (e.g. a pyenv prefix): drop those."""
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        print("warning: patchelf not found; build-machine RUNPATHs stay in the bundle", file=sys.stderr)
        return
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file() or (".so" not in path.name and not os.access(path, os.X_OK)):
            continue
        out = subprocess.run([patchelf, "--print-rpath", str(path)], capture_output=True, text=True)
        rpath = out.stdout.strip()
        if out.returncode == 0 and rpath and not all(p.startswith("$ORIGIN") for p in rpath.split(":")):
            kept = ":".join(p for p in rpath.split(":") if p.startswith("$ORIGIN"))
            args = ["--set-rpath", kept] if kept else ["--remove-rpath"]
            subprocess.run([patchelf, *args, str(path)], check=True)


def deb(bundle: Path) -> Path:
    stage = BUILD / "deb" / f"{NAME}_{VERSION}"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / "opt" / NAME
    shutil.copytree(bundle, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/opt/{NAME}/{NAME}", stage / "usr" / "bin" / NAME)
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "billing-desktop.desktop", apps / f"{NAME}.desktop")
    scalable = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "billing-desktop.svg", scalable / f"{NAME}.svg")
    for size in (256, 48):
        d = stage / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        d.mkdir(parents=True)
        shutil.copy(BUILD / "icons" / f"billing-desktop-{size}.png", d / f"{NAME}.png")
    doc = stage / "usr" / "share" / "doc" / NAME
    doc.mkdir(parents=True)
    import gzip

    with gzip.GzipFile(doc / "changelog.gz", "wb", compresslevel=9, mtime=0) as f:
        f.write(
            f"{NAME} ({VERSION}) unstable; urgency=medium\n\n  * Release {VERSION}.\n\n"
            f" -- {PROJECT['authors'][0]['name']} <{PROJECT['authors'][0]['email']}>  "
            "Thu, 26 Nov 2026 12:00:00 +0000\n".encode()
        )
    overrides = stage / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / NAME).write_text("".join(f"{NAME}: {tag}\n" for tag in LINTIAN_OVERRIDES))
    _strip_build_rpaths(opt)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {NAME}\n\nFiles: *\nCopyright: 2026 Billing Desktop team\nLicense: proprietary\n"
        " All rights reserved.\n"
    )
    installed_kb = int(size_mb(stage) * 1000)
    author = PROJECT["authors"][0]
    control = stage / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {NAME}\nVersion: {VERSION}\nArchitecture: {arch()}\n"
        f"Maintainer: {author['name']} <{author['email']}>\nInstalled-Size: {installed_kb}\n"
        f"Depends: {', '.join([libc_depends(), *DEB_DEPENDS])}\nRecommends: {', '.join(DEB_RECOMMENDS)}\n"
        "Section: utils\nPriority: optional\nHomepage: https://billing-desktop.invalid/\n"
        "Description: desktop administration for a Stripe Connect billing platform\n"
        " Billing Desktop registers tenants, manages their users and roles,\n"
        " connects their Stripe accounts (OAuth through a loopback listener, or\n"
        " Account Links), rolls checksummed API keys with grace periods, and\n"
        " configures signed webhooks. Tenant data lives in SQLite; every secret\n"
        " lives in the OS keyring.\n"
    )
    for path in stage.rglob("*"):  # dpkg wants 0755 directories and no group/other write bits
        if path.is_dir():
            path.chmod(0o755)
        elif not path.is_symlink():
            library = ".so" in path.name
            path.chmod(0o755 if os.access(path, os.X_OK) and not library else 0o644)
    target = DIST / f"{NAME}_{VERSION}_{arch()}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    default = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    parser = argparse.ArgumentParser(description="Build Billing Desktop's installers.")
    parser.add_argument("--target", choices=["linux", "windows", "macos"], default=default)
    args = parser.parse_args(argv)
    if args.target != default:
        parser.error(f"PyInstaller builds for the system it runs on: build {args.target} on {args.target}.")
    icons()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "release"], check=True)  # .ts -> .qm
    bundle = pyinstaller(args.target)
    print(f"bundle: {bundle} ({size_mb(bundle):.1f} MB)")
    if args.target == "linux":
        print(f"tarball: {tarball(bundle)}")
        print(f"deb: {deb(bundle)}")
    elif args.target == "windows":
        print("next: iscc /DAppVersion=" + VERSION + " packaging\\windows\\billing-desktop.iss")
    else:
        print("next: packaging/macos/make-dmg.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
