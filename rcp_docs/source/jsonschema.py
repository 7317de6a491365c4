"""The JSON Schema editors use for autocomplete, generated from `schema` (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schema import FrameworkFile

SCHEMA_PATH = Path(__file__).parent.parent / "framework.schema.json"  # where framework.yml names it
SCHEMA_ID = "urn:rcp-docs:framework-schema"


def json_schema() -> dict[str, Any]:
    body = FrameworkFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **body}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
