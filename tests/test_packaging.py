"""The wheel carries everything the installed package reads at run time."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packaging_wheel_holds_ontology_and_nlp_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [wheel] = tmp_path.glob("standpunkt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("standpunkt.ttl", "shapes.ttl", "topics.ttl", "context.jsonld"):
        assert f"kg/_ontology/{name}" in names, name
    data = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "kg" / "nlp" / "data").rglob("*") if p.is_file())
    assert data, "the pipeline's word lists live in kg/nlp/data"
    missing = [d for d in data if d not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert any(n.startswith("api/templates/") for n in names) or not (ROOT / "api" / "templates").exists()
