"""One way to read a data file: YAML (or JSON) checked against a JSON Schema.

Every data file with a schema (catalogue/schemas/*.schema.json, the
contract's signal schema) goes through here, so every problem is reported
the same way: the file, where in it, and what is wrong.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List

import jsonschema
import yaml

from signaal.paths import CATALOGUE_DIR

SCHEMA_DIR = CATALOGUE_DIR / "schemas"
MAX_MESSAGE = 240  # a schema message quotes the offending value; keep reports readable


class DataFileError(ValueError):
    """A data file is missing, unreadable, or does not fit its schema."""


@lru_cache(maxsize=1)
def _shared_schemas() -> Dict[str, Any]:
    """Our schemas by their $id, so one may $ref another ("texts.schema.json#/$defs/text")."""
    schemas = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json")))
    return {schema["$id"]: schema for schema in schemas if "$id" in schema}


@lru_cache(maxsize=16)
def validator(schema_path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    try:  # jsonschema >= 4.18 (the web environment): the `referencing` registry
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (uri, Resource.from_contents(contents)) for uri, contents in _shared_schemas().items())
        return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    except ImportError:  # jsonschema 4.17 (the Rasa environment)
        resolver = jsonschema.RefResolver.from_schema(schema, store=_shared_schemas())
        return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)


def schema_problems(schema_path: Path, data: Any) -> List[str]:
    """Readable problems of `data` against the schema ("where: what"); empty when it fits."""
    errors = sorted(validator(Path(schema_path)).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = []
    for error in errors:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        message = error.message if len(error.message) <= MAX_MESSAGE else error.message[:MAX_MESSAGE] + "…"
        if error.validator == "type" and isinstance(error.instance, bool):
            # YAML reads a bare yes/no as a boolean.
            message += ' (write "yes" or "no" as a quoted string)'
        problems.append(f"{where}: {message}")
    return problems


def yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return f"not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {getattr(error, 'problem', '')}"
    return f"not valid YAML: {' '.join(str(error).split())}"


def read_yaml(path: Path) -> Any:
    """The parsed file; DataFileError naming the file when it cannot be read or parsed."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    except yaml.YAMLError as error:
        raise DataFileError(f"{path}: {yaml_problem(error)}") from None


def load_checked(path: Path, schema_path: Path) -> Any:
    """The file's data, checked against the schema; DataFileError listing every problem."""
    data = read_yaml(path)
    problems = schema_problems(schema_path, data)
    if problems:
        raise DataFileError(f"{path}: " + "; ".join(problems))
    return data
