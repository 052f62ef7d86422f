"""The README stays true: two set-up commands, every command and route documented."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_has_exactly_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S).group(1)
    commands = [l.split("#")[0].strip() for l in block.splitlines() if l.split("#")[0].strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_readme_ci_runs_the_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_readme_documents_every_cli_command():
    from kg.cli import COMMANDS

    for name in COMMANDS:
        assert f"`kg {name}" in README, f"kg {name} is not in the README's command table"


def test_readme_documents_every_api_route():
    from api import create_app
    from kg.store import OxigraphStore

    app = create_app({"TESTING": True, "STORE": OxigraphStore(in_memory=True), "WORKERS": 1})
    documented = README.split("## HTTP API", 1)[1].split("\n## ", 1)[0]
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.startswith("/static"):
            continue
        path = re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
        assert path.split("{")[0].rstrip("/") in documented or path in documented, f"{path} is not in the README"
