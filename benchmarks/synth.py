"""Synthetic frameworks of N items, cloned from the real framework.yml, for the benchmark.

Everything but the items is kept as it is (framework, comparison, contexts, barriers, why_now,
sources, structural_proposals, feedback, glossary; roles with their reading paths pointing at
copies). The N items are spread evenly over the four layers; each is a copy of a real item
of that layer, in turn, with a new unique id (`<id>-s<n>`). Its `related` list keeps the real
item's shape: each reference to a real item in layer M becomes a reference to a synthetic
item of layer M (chosen with a fixed seed, so the files are reproducible), and its `sources` and
examples are kept. The result is a valid framework file, apart from the loader's 2 MiB size cap:
real-sized items pass it up to about 2,000 items, so the 10,000-item file (about 10 MB) is loaded
with the cap lifted (see benchmarks/run.py).

    python benchmarks/synth.py 1000 --out /tmp/framework-1000.yml
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "framework.yml"
KEPT = ("framework", "comparison", "contexts", "barriers", "why_now", "sources", "structural_proposals",
        "feedback", "glossary")


def synthesize(n: int, real: Path = REAL, seed: int = 20261121) -> str:
    """The YAML text of a valid framework with `n` items, cloned from `real`."""
    data: dict[str, Any] = yaml.safe_load(real.read_text(encoding="utf-8"))
    rng = random.Random(seed)  # noqa: S311 - reproducible choices, not secrets
    layers: list[dict[str, Any]] = data["layers"]
    owner = {item["id"]: li for li, layer in enumerate(layers) for item in layer["items"]}
    # How many synthetic items each layer gets: n spread as evenly as possible over the layers.
    counts = [n // len(layers) + (1 if li < n % len(layers) else 0) for li in range(len(layers))]
    serial = 0
    planned: list[list[tuple[str, dict[str, Any]]]] = []  # per layer: (new id, real item)
    for li, layer in enumerate(layers):
        made = []
        for k in range(counts[li]):
            real_item = layer["items"][k % len(layer["items"])]
            serial += 1
            made.append((f"{real_item['id']}-s{serial}", real_item))
        planned.append(made)
    new_layers = []
    for li, layer in enumerate(layers):
        items = []
        for new_id, real_item in planned[li]:
            item = copy.deepcopy(real_item)
            item["id"] = new_id
            related: list[str] = []
            for ref in real_item.get("related", []):
                target_layer = owner[ref]
                if target_layer == li or not planned[target_layer]:
                    continue
                choice = rng.choice(planned[target_layer])[0]
                if choice not in related:
                    related.append(choice)
            if related:
                item["related"] = related
            else:
                item.pop("related", None)
            items.append(item)
        new_layer = {key: value for key, value in layer.items() if key != "items"}
        new_layer["items"] = items
        new_layers.append(new_layer)
    out: dict[str, Any] = {}
    for key in data:  # the real file's order of sections
        if key == "layers":
            out["layers"] = new_layers
        elif key == "roles":
            out["roles"] = _roles(data["roles"], planned)
        elif key in KEPT:
            out[key] = data[key]
    text: str = yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=100)
    return text


def _roles(roles: list[dict[str, Any]], planned: list[list[tuple[str, dict[str, Any]]]]
           ) -> list[dict[str, Any]]:
    """The real roles, their reading paths pointing at the first copy of each real item."""
    first: dict[str, str] = {}
    for made in planned:
        for new_id, real_item in made:
            first.setdefault(real_item["id"], new_id)
    fallback = next(new_id for made in planned for new_id, _ in made)
    kept = copy.deepcopy(roles)
    for role in kept:
        path = [first[ref] for ref in role["reading_path"]["items"] if ref in first]
        role["reading_path"]["items"] = path or [fallback]
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="how many items")
    parser.add_argument("--out", type=Path, required=True, help="where to write the YAML")
    args = parser.parse_args(argv)
    args.out.write_text(synthesize(args.n), encoding="utf-8")
    print(f"wrote {args.out} ({args.n} items, {args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
