"""Shared fixtures: the real site built once per session, and tiny sites written into tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from printing import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "sv", "es")
# The published address every test build uses (KB_SITE_URL): printed URLs and QR codes carry it.
TEST_SITE_URL = "https://playbook.test/"
PROJECT_PARTS = ("mkdocs.yml", "hooks", "locales", "overrides", "docs")


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path, site_url: str | None = TEST_SITE_URL) -> Build:
    """Run `mkdocs build --strict` on `project` into `site`, as a user would, published at `site_url`
    (KB_SITE_URL; None leaves it unset, so mkdocs.yml's placeholder applies)."""
    env = {k: v for k, v in os.environ.items() if k != "KB_SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["KB_SITE_URL"] = site_url
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(dest: Path) -> Path:
    """A full copy of the project's site sources in `dest`."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with the most browser tests (and tests marked slow) first: the workers take files in this order, so
    the last file left to one worker while the other waits is a short one."""
    heavy: dict[Path, int] = {}
    for item in items:
        slow = "browser" in getattr(item, "fixturenames", ()) or item.get_closest_marker("slow") is not None
        heavy[item.path] = heavy.get(item.path, 0) + slow
    items.sort(key=lambda item: -heavy[item.path])  # stable: a file's tests keep their order


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict into a temp dir."""
    out = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT, out / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build.site


@pytest.fixture(scope="session")
def subpath_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site built for a site_url under a subpath (/kb/), as intranets often host it."""
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("subpath") / "site", site_url=TEST_SITE_URL + "kb/")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_url(site: Path):
    """The built site served over HTTP on loopback for the browser tests."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright; skips locally without it, never in CI."""
    in_ci = os.environ.get("CI") == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            raise
        pytest.skip("Playwright for Python is not installed (run ./run test)")
    if not Path(CHROMIUM).exists():
        if in_ci:
            pytest.fail(f"{CHROMIUM} is missing in CI; ./run test installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (./run test does) to run browser tests")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test (its own localStorage)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.kb_errors = []  # JavaScript errors with their stacks; a test may drop ones it provoked on purpose
    tab.on("pageerror", lambda exc: tab.kb_errors.append(f"{exc.message}\n{exc.stack}"))
    yield tab
    context.close()
    assert not tab.kb_errors, f"JavaScript errors: {tab.kb_errors}"
