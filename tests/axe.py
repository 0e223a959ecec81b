"""axe-core audit helper: WCAG 2.0, 2.1 and 2.2, levels A and AA."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()

# A click that starts a navigation returns before the new document exists; an audit begun in
# that gap finds no document (or has its context destroyed). It is run again on the loaded page.
_NAVIGATING = ("documentElement", "Execution context was destroyed", "navigat")


def axe_violations(page) -> list[str]:
    """Runs axe on the current page and returns one readable line per violation."""
    for attempt in range(5):
        page.wait_for_load_state("load")
        try:
            results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            break
        except PlaywrightError as error:
            if attempt == 4 or not any(sign in str(error) for sign in _NAVIGATING):
                raise
            page.wait_for_timeout(200)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return lines
