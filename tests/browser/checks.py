"""What every page is checked for: its screenshot kept, each form field labelled, and the
keyboard reaching its main buttons."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import SCREENSHOTS

_UNLABELLED = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea'))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML)"""

_FOCUSED = """() => { const el = document.activeElement;
  if (!el || el === document.body) return '';
  if (el.tagName === 'BUTTON' || el.tagName === 'A') return el.textContent.trim();
  return el.id || el.getAttribute('name') || el.tagName; }"""


def look(page: Any, name: str) -> None:
    """Save the page's screenshot and check that every field has a label."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    unlabelled = page.evaluate(_UNLABELLED)
    assert unlabelled == [], f"{name}: form fields without a label: {unlabelled}"
    assert page.locator("main h1").count() == 1, f"{name}: a page has one main heading"


def tab_reaches(page: Any, *wanted: str, presses: int = 120) -> None:
    """Pressing Tab from the top of the page focuses each of `wanted` (a field's id, a
    button's or link's text)."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.locator("body").focus()
    seen: list[str] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(_FOCUSED))
        if all(w in seen for w in wanted):
            return
    missing = [w for w in wanted if w not in seen]
    raise AssertionError(f"Tab never reached {missing}; it reached {seen}")
