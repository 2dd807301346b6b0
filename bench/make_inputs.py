"""Benchmark inputs: N error codes with realistic messages, written three ways.

The same codes go into a spectab spec (``specs/<id>.yaml``), a JSON Schema (for
datamodel-codegen) and an OpenAPI 3.1 document (for openapi-typescript), so every tool
in ``bench/run.py`` works on identical data. A 10k-row HTML error page feeds the scrape
comparison. Everything is seeded, so the same N always gives the same bytes.

Usage:
    python bench/make_inputs.py spec N OUT_DIR [--id ID]      spec + schema + openapi
    python bench/make_inputs.py many K N OUT_DIR               K specs of N codes (many000...)
    python bench/make_inputs.py html ROWS FILE                 an HTML error page
    python bench/make_inputs.py markdown ROWS FILE             the same list as Markdown
    python bench/make_inputs.py rst ROWS FILE                  the same list as a reST list-table
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the generator package is beside us
    sys.path.insert(0, str(ROOT))

from generator.curate import naming  # noqa: E402
from generator.spec.model import (  # noqa: E402
    Category,
    Envelope,
    EnvelopeField,
    ErrorEntry,
    Namespace,
    Provider,
    Retry,
    Source,
    SourceRef,
    Spec,
)
from generator.spec.io import spec_to_data  # noqa: E402
from generator.spec.yamlio import dump_yaml  # noqa: E402

# Nouns a telecom/messaging API talks about; codes and messages are built from them.
THINGS = (
    "account",
    "sub_account",
    "did",
    "callerid",
    "callerid_prefix",
    "cnam",
    "codec",
    "country",
    "date",
    "date_range",
    "destination",
    "dialing_mode",
    "email",
    "extension",
    "fax_number",
    "forward",
    "ivr",
    "language",
    "lata",
    "member",
    "message",
    "music_on_hold",
    "note",
    "number",
    "package",
    "password",
    "phonebook",
    "pin",
    "port_request",
    "protocol",
    "queue",
    "rate_center",
    "recording",
    "region",
    "ring_group",
    "route",
    "routing",
    "sip_uri",
    "sms",
    "mms",
    "state",
    "time_condition",
    "timezone",
    "transcription",
    "trunk",
    "username",
    "voicemail",
    "webhook",
    "callback",
    "campaign",
    "sender_id",
    "template",
    "attachment",
    "billing_type",
    "balance",
    "invoice",
    "address",
    "property",
    "client",
    "contact",
    "device",
    "endpoint",
    "filter",
    "greeting",
    "header",
    "api_key",
    "ip_address",
    "locale",
    "media_url",
    "priority",
    "recipient",
    "reseller",
    "schedule",
    "signature",
    "status_callback",
    "tag",
    "tariff",
    "token",
    "url",
    "user_agent",
    "voice",
    "whitelist",
    "zip_code",
    "lrn",
    "e911",
)
QUALIFIERS = (
    "",
    "",
    "",
    "sms",
    "voice",
    "fax",
    "mms",
    "inbound",
    "outbound",
    "international",
    "domestic",
    "primary",
    "backup",
    "daily",
    "monthly",
    "toll_free",
    "local",
    "bulk",
    "test",
    "live",
    "legacy",
    "v2",
    "portal",
    "reseller",
    "trial",
    "custom",
    "default",
)
FORMATS = ("yyyy-mm-dd", "E.164", "+1NXXNXXXXXX", "HH:MM", "ulaw;g729;gsm;all", "1/0", "yes/no")
REGIONS = ("the US", "Canada", "the EU", "Australia", "your region", "São Paulo", "Zürich")


@dataclass(frozen=True)
class Kind:
    """One family of errors: how its codes start, how its messages read, how it is classed."""

    prefix: str
    category: Category
    retry: Retry
    http_status: int
    messages: tuple[str, ...]
    weight: int


KINDS = (
    Kind(
        "invalid",
        Category.VALIDATION,
        Retry.NEVER,
        400,
        (
            "This is not a valid {Thing}",
            "This is not a valid {Thing} Format and Values: {fmt}",
            "Invalid {thing} format. Expected: {fmt}",
            'The {thing} "{example}" isn\'t allowed; use one of: a|b|c',
            "{Thing} must be between {a} and {b} characters",
            "this is nota a valid {Thing} Should be: {fmt}",
        ),
        40,
    ),
    Kind(
        "missing",
        Category.VALIDATION,
        Retry.NEVER,
        400,
        (
            "{Thing} was not provided",
            "The parameter '{thing}' is required",
            "You must provide a {thing} — see the docs",
        ),
        10,
    ),
    Kind(
        "no",
        Category.NOT_FOUND,
        Retry.NEVER,
        404,
        (
            "{Thing} not found",
            "No {thing} matches the given ID",
            "The requested {thing} does not exist (or was deleted)",
        ),
        12,
    ),
    Kind(
        "duplicate",
        Category.CONFLICT,
        Retry.NEVER,
        409,
        (
            "{Thing} is already in use",
            "A {thing} with this name already exists",
        ),
        6,
    ),
    Kind(
        "unauthorized",
        Category.AUTH,
        Retry.NEVER,
        401,
        (
            "Username or Password is incorrect for {thing}",
            "API key for {thing} has expired",
        ),
        4,
    ),
    Kind(
        "forbidden",
        Category.PERMISSION,
        Retry.AFTER_ACTION,
        403,
        (
            "You don't have permission to modify this {thing}",
            "{Thing} is not enabled on your account; contact support",
        ),
        6,
    ),
    Kind(
        "limit",
        Category.QUOTA_BILLING,
        Retry.AFTER_ACTION,
        402,
        (
            "Your account is limited to {n} {thing} entries",
            "Insufficient balance to create a {thing} (minimum ${n}.00)",
        ),
        6,
    ),
    Kind(
        "throttled",
        Category.RATE_LIMITED,
        Retry.BACKOFF,
        429,
        (
            "Too many {thing} requests; retry after {n} seconds",
            "Rate limit of {n} {thing} requests/minute exceeded",
        ),
        4,
    ),
    Kind(
        "unavailable",
        Category.UNAVAILABLE,
        Retry.BACKOFF,
        503,
        (
            "{Thing} service is temporarily unavailable…",
            "The {thing} gateway did not respond in time",
        ),
        4,
    ),
    Kind(
        "failed",
        Category.INTERNAL,
        Retry.IF_IDEMPOTENT,
        500,
        (
            "An unexpected error occurred while processing the {thing}",
            "{Thing} could not be saved <internal error>",
        ),
        4,
    ),
    Kind(
        "rejected",
        Category.RECIPIENT,
        Retry.NEVER,
        400,
        (
            "The recipient's carrier rejected the {thing}",
            "Recipient opted out of {thing} messages & calls",
        ),
        2,
    ),
    Kind(
        "unsupported",
        Category.UNSUPPORTED,
        Retry.NEVER,
        501,
        (
            "{Thing} is not supported in {region}",
            "{Thing} is not available for this product",
        ),
        2,
    ),
)

DESCRIPTIONS = (
    "Check the {thing} value and send the request again.",
    "This usually means the {thing} was changed in the portal after the request was built; "
    "fetch it again before retrying.",
    "Returned by every endpoint that accepts a {thing}. See “Limits” for the allowed range.",
)

STRING_SHARE = 0.75  # the rest goes to an integer-coded namespace, like ITNIO's tables


@dataclass(frozen=True)
class Inputs:
    """Where one size's files went."""

    spec: Path
    schema: Path
    openapi: Path
    codes: dict[str, list[str | int]]  # namespace id -> codes, in order


def _fill(template: str, thing: str, rng: random.Random) -> str:
    words = thing.replace("_", " ")
    return template.format(
        thing=words,
        Thing=words[:1].upper() + words[1:],
        fmt=rng.choice(FORMATS),
        example=f"{words[:3]}-{rng.randrange(1000)}",
        a=rng.randrange(1, 5),
        b=rng.randrange(20, 256),
        n=rng.choice((4, 10, 25, 100, 500)),
        region=rng.choice(REGIONS),
    )


def _entry(rng: random.Random, row: int, used_codes: set[str | int], integer: bool) -> ErrorEntry:
    kind = rng.choices(KINDS, weights=[k.weight for k in KINDS])[0]
    thing = rng.choice(THINGS)
    qualifier = rng.choice(QUALIFIERS)
    message = _fill(rng.choice(kind.messages), thing, rng)
    description = _fill(rng.choice(DESCRIPTIONS), thing, rng) if rng.random() < 0.4 else None
    code: str | int
    if integer:
        code = 1000 + row
    else:
        base = "_".join(part for part in (kind.prefix, thing, qualifier) if part)
        code, suffix = base, 2
        while code in used_codes:
            code, suffix = f"{base}_{suffix}", suffix + 1
    used_codes.add(code)
    return ErrorEntry(
        code=code,
        name=naming.derive(code, message),
        message=message,
        description=description,
        http_status=kind.http_status,
        category=kind.category,
        retry=kind.retry,
        source=SourceRef(row=row + 1),
    )


def build_spec(count: int, provider_id: str, seed: int = 6) -> Spec:
    """A spec of ``count`` codes: a string-coded and an integer-coded namespace."""
    rng = random.Random(f"{seed}:{count}:{provider_id}")
    n_string = max(1, round(count * STRING_SHARE)) if count > 1 else count
    layout = (
        ("api", "API status codes", "string", n_string),
        ("sms", "SMS delivery codes", "integer", count - n_string),
    )
    namespaces = []
    for ns_id, title, code_type, size in layout:
        if size <= 0:
            continue
        used: set[str | int] = set()
        entries = [_entry(rng, row, used, code_type == "integer") for row in range(size)]
        names, _ = naming.make_unique([entry.name for entry in entries])
        for entry, name in zip(entries, names):
            entry.name = name
        namespaces.append(Namespace(ns_id, title, code_type, entries))
    fake_page = f"benchmark page {provider_id} {count}".encode()
    return Spec(
        provider=Provider(
            id=provider_id,
            name=f"Bench Telecom {count}",
            docs_url="https://docs.example.com/errors",
        ),
        source=Source(
            location=f"specs/sources/{provider_id}.html",
            format="html",
            sha256=hashlib.sha256(fake_page).hexdigest(),
        ),
        envelope=Envelope(
            code_field="status",
            message_field="message",
            success="success",
            fields=[
                EnvelopeField(path="status", type="string", description='error code or "success"')
            ],
        ),
        namespaces=namespaces,
    )


def _schema_name(namespace: Namespace) -> str:
    return "".join(part.capitalize() for part in namespace.id.split("_")) + "Code"


def code_schemas(spec: Spec) -> dict[str, dict[str, object]]:
    """One enum schema per namespace, the way OpenAPI generators expect to name members."""
    return {
        _schema_name(ns): {
            "title": _schema_name(ns),
            "description": ns.title,
            "type": "integer" if ns.code_type == "integer" else "string",
            "enum": [entry.code for entry in ns.errors],
            "x-enum-varnames": [entry.name for entry in ns.errors],
            "x-enum-descriptions": [entry.message for entry in ns.errors],
        }
        for ns in spec.namespaces
    }


def json_schema(spec: Spec) -> dict[str, object]:
    """A JSON Schema (2020-12) whose $defs hold the codes; the root is the error envelope."""
    defs = code_schemas(spec)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ErrorResponse",
        "type": "object",
        "properties": {
            **{ns.id: {"$ref": f"#/$defs/{_schema_name(ns)}"} for ns in spec.namespaces},
            "message": {"type": "string"},
        },
        "$defs": defs,
    }


def openapi_document(spec: Spec) -> dict[str, object]:
    """An OpenAPI 3.1 document with the same code enums under components.schemas."""
    schemas: dict[str, object] = dict(code_schemas(spec))
    schemas["ErrorResponse"] = {
        "type": "object",
        "required": ["status"],
        "properties": {
            **{
                ns.id: {"$ref": f"#/components/schemas/{_schema_name(ns)}"}
                for ns in spec.namespaces
            },
            "message": {"type": "string"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": spec.provider.name, "version": "1.0.0"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_inputs(count: int, out_dir: Path, provider_id: str | None = None) -> Inputs:
    """Write ``specs/<id>.yaml``, ``<id>.schema.json`` and ``<id>.openapi.json`` under out_dir."""
    provider_id = provider_id or f"bench{count}"
    spec = build_spec(count, provider_id)
    spec_path = out_dir / "specs" / f"{provider_id}.yaml"
    schema_path = out_dir / f"{provider_id}.schema.json"
    openapi_path = out_dir / f"{provider_id}.openapi.json"
    # spec_to_data + dump_yaml are what dump_spec writes; the re-validation it adds is
    # left to `spectab validate` (tests/bench) because it is slow at 100k codes.
    _write(spec_path, dump_yaml(spec_to_data(spec)))
    _write(schema_path, json.dumps(json_schema(spec), indent=2, ensure_ascii=False) + "\n")
    _write(openapi_path, json.dumps(openapi_document(spec), indent=2, ensure_ascii=False) + "\n")
    codes: dict[str, list[str | int]] = {
        ns.id: [e.code for e in ns.errors] for ns in spec.namespaces
    }
    return Inputs(spec_path, schema_path, openapi_path, codes)


def _page_entries(rows: int, seed: int) -> list[ErrorEntry]:
    spec = build_spec(rows, "htmlbench", seed)
    entries = [entry for ns in spec.namespaces if ns.code_type == "string" for entry in ns.errors]
    entries += [entry for ns in spec.namespaces if ns.code_type == "integer" for entry in ns.errors]
    return entries


def html_page(rows: int, seed: int = 6) -> str:
    """A documentation page with one big error table amid ordinary page chrome."""
    entries = _page_entries(rows, seed)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Error codes | Bench Telecom API</title>',
        "<style>table{border-collapse:collapse}</style></head><body>",
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/api">API reference</a></li></ul></nav>',
        "<main><h1>Error codes</h1>",
        "<p>Every API function returns a <code>status</code> value. When it is not "
        "<code>success</code>, it is one of the codes below.</p>",
        '<table class="errors"><thead><tr><th>Error code</th><th>HTTP status</th>'
        "<th>Message</th><th>Description</th></tr></thead><tbody>",
    ]
    for entry in entries:
        message = html.escape(entry.message)
        description = html.escape(entry.description or "")
        out.append(
            f"<tr><td><code>{html.escape(str(entry.code))}</code></td><td>{entry.http_status}</td>"
            f"<td>{message}</td><td>{description}</td></tr>"
        )
    out += [
        "</tbody></table>",
        '<h2>Need help?</h2><p>Contact <a href="mailto:support@example.com">support</a>.</p>',
        "</main><footer><p>&copy; Bench Telecom</p></footer></body></html>",
    ]
    return "\n".join(out) + "\n"


def markdown_page(rows: int, seed: int = 6) -> str:
    """The same error list as a Markdown page: front matter, headings, one pipe table."""
    out = [
        "---",
        "title: Error codes",
        "---",
        "",
        "# Error codes",
        "",
        "Every API function returns a `status` value; when it is not `success`, it is one of:",
        "",
        "| Error code | HTTP status | Message | Description |",
        "|---|---:|---|---|",
    ]
    for entry in _page_entries(rows, seed):
        cells = [f"`{entry.code}`", str(entry.http_status), entry.message, entry.description or ""]
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    out += ["", "## Need help?", "", "Contact [support](mailto:support@example.com)."]
    return "\n".join(out) + "\n"


def rst_page(rows: int, seed: int = 6) -> str:
    """The same error list as a reST page: a title and one ``list-table``."""
    out = [
        "===========",
        "Error codes",
        "===========",
        "",
        "Every API function returns a ``status`` value; when it is not ``success``, it is one of:",
        "",
        ".. list-table:: Error codes",
        "   :header-rows: 1",
        "",
        "   * - Error code",
        "     - HTTP status",
        "     - Message",
        "     - Description",
    ]
    for entry in _page_entries(rows, seed):
        out.append(f"   * - ``{entry.code}``")
        for cell in (str(entry.http_status), entry.message, entry.description or ""):
            out.append(f"     - {cell}" if cell else "     -")
    out += ["", "Need help?", "==========", "", "Contact support@example.com."]
    return "\n".join(out) + "\n"


def write_html(rows: int, path: Path) -> Path:
    _write(path, html_page(rows))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="what", required=True)
    spec_parser = sub.add_parser("spec", help="spec + JSON Schema + OpenAPI with N codes")
    spec_parser.add_argument("count", type=int)
    spec_parser.add_argument("out_dir", type=Path)
    spec_parser.add_argument("--id", dest="provider_id")
    many_parser = sub.add_parser("many", help="K specs of N codes each, ids many000, many001, ...")
    many_parser.add_argument("copies", type=int)
    many_parser.add_argument("count", type=int)
    many_parser.add_argument("out_dir", type=Path)
    for kind in ("html", "markdown", "rst"):
        page_parser = sub.add_parser(kind, help=f"a {kind} page with a ROWS-row error table")
        page_parser.add_argument("rows", type=int)
        page_parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.what == "spec":
        inputs = write_inputs(args.count, args.out_dir, args.provider_id)
        print(f"{inputs.spec}\n{inputs.schema}\n{inputs.openapi}")
    elif args.what == "many":
        for index in range(args.copies):
            print(write_inputs(args.count, args.out_dir, provider_id=f"many{index:03d}").spec)
    elif args.what == "markdown":
        _write(args.file, markdown_page(args.rows))
        print(args.file)
    elif args.what == "rst":
        _write(args.file, rst_page(args.rows))
        print(args.file)
    else:
        print(write_html(args.rows, args.file))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
