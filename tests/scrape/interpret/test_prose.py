"""Errors written as prose: titles, paragraphs, lost titles and definition lists."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.scrape.document import Definition, DefinitionList, Heading, Page, Paragraph, Table
from generator.scrape.interpret.walker import interpret
from generator.scrape.interpret.prose import parse_title

LOC = "help.txt"


def run(*blocks):
    warnings: list[str] = []
    result = interpret(Page(list(blocks)), LOC, warnings.append)
    return result, warnings


@pytest.mark.parametrize(
    ("text", "heading", "code", "aliases", "message", "name"),
    [
        ('"Blocked IP"', True, "Blocked IP", [], "Blocked IP", None),
        ("\u201cBlocked IP\u201d", False, "Blocked IP", [], "Blocked IP", None),
        (
            '"Kaisa number not available" or "Freespee number not available"',
            True,
            "Kaisa number not available",
            ["Freespee number not available"],
            "Kaisa number not available",
            None,
        ),
        ("INVALID_TOKEN (401)", True, 401, [], None, "INVALID_TOKEN"),
        ("Bad Request (400)", True, 400, [], "Bad Request", None),
        ("E101 - Invalid API key", False, "E101", [], "Invalid API key", None),
        ("E101: Invalid API key", True, "E101", [], "Invalid API key", None),
        ("TMS.0009 \u2013 Template missing", True, "TMS.0009", [], "Template missing", None),
        ("404 Not Found", True, 404, [], "Not Found", None),
        ("429 Too Many Requests:", True, 429, [], "Too Many Requests", None),
        ("-1001 Session expired", True, -1001, [], "Session expired", None),
        ("invalid_request_error", True, "invalid_request_error", [], None, "invalid_request_error"),
        ("Error 1100", True, 1100, [], None, None),
        ("Error code #E42", True, "E42", [], None, None),
        ("404 - Not found", True, 404, [], "Not found", None),
        ("Internal Server Error (HTTP 500)", True, 500, [], None, "Internal Server Error"),
        ("(0) SQLITE_OK", True, 0, [], None, "SQLITE_OK"),
        ("(E101) Invalid token", True, "E101", [], "Invalid token", None),
        ("ERR_TIMEOUT = 7", True, 7, [], None, "ERR_TIMEOUT"),
        ("kBusy = 0x1F", True, "0x1F", [], None, "kBusy"),
        ("Unauthorized = 4010", True, 4010, [], None, "Unauthorized"),  # an enum variant
        ("ERR_AUTH (0x1): Auth failed.", False, "0x1", [], "Auth failed.", "ERR_AUTH"),
        ("ERR_AUTH\uff080x1\uff09\uff1a\u8ba4\u8bc1\u5931\u8d25", False, "0x1", [], "\u8ba4\u8bc1\u5931\u8d25", "ERR_AUTH"),
        ("E101 Invalid token", True, "E101", [], "Invalid token", None),
        ("1000 E_TIMEOUT", True, 1000, [], None, "E_TIMEOUT"),  # the code, then its name
        ("ERR_RESET: int = 7001", True, 7001, [], None, "ERR_RESET"),  # a typed constant
        ("720 LedgerClosed", True, 720, [], None, "LedgerClosed"),
        ("09000 Triggered action exception", True, "09000", [], "Triggered action exception", None),
        ("E_TIMEOUT [1000]", True, 1000, [], None, "E_TIMEOUT"),
        ("Invalid token [E101]", True, "E101", [], "Invalid token", None),
        ("-1", True, -1, [], None, None),  # a negative number never numbers a section
        ("auth.timeout: Token expired", False, "auth.timeout", [], "Token expired", None),
        ("timeout-error - Timed out", False, "timeout-error", [], "Timed out", None),
    ],
)
def test_titles_that_name_an_error(text, heading, code, aliases, message, name):
    title = parse_title(text, heading=heading)
    assert title is not None
    assert (title.code, title.aliases, title.message, title.name) == (code, aliases, message, name)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Errors", True),
        ("2 Authentication", True),  # a numbered section
        ("1. Overview", True),
        ("Step 1 - Install the SDK", True),
        ("Note: keys expire after a year", False),
        ("404 Not Found", False),  # a plain paragraph needs a separator or quotes
        ("HTTP", True),
        ("Comments", True),
        ("General (90001-90099)", True),  # a range of codes names a section
        ("2024-01-10: documented 429.", False),  # a changelog date
        ("v2.1 - Breaking changes", True),
        ("GET - https://api.example.com/v1/items", False),  # an endpoint line
        ("DELETE - /v1/items/:id", True),
        ("110X: Communication", True),  # a range of codes heads a group
        ("2XXX: General Validation", True),
        ("100XX: OAuth Errors", True),
        ("12000 - 12175 (0x2EE0)", True),
        ("E100 - E199: Client errors", True),
        ("ERROR CODES", True),
        ("Error handling", True),
        ("(1) Introduction", True),  # a numbered section, not error 1
        ("(a) First step", True),
        ("ERR_TIMEOUT = 7", False),  # an assignment in running text
        ("ratio = 1.5", True),
        ("Step (1): Install the SDK", False),
        ("Version (2.0): breaking changes", False),
        ("E101 Invalid token", False),  # a code before words titles only a heading
        ("Setup [1]", True),  # a note's number, not error 1
        ("01 Introduction", True),  # a numbered section written with a zero
        ("1", True),
        ("timeout-error", True),  # alone, a joined-words heading names a command
    ],
)
def test_ordinary_headings_and_paragraphs(text, heading):
    assert parse_title(text, heading=heading) is None


def test_quoted_titles_with_paragraphs_one_entry_each():
    result, warnings = run(
        Paragraph("Some common errors you may come across:", 2),
        Paragraph('"Blacklisted IP"', 3, title=True),
        Paragraph("A blacklisted IP is a request from a reported address.", 4),
        Paragraph('"Kaisa number not available" or "Freespee number not available"', 5, True),
        Paragraph("This error may occur when no number is available.", 6),
        Paragraph("Occasionally an area code is unavailable.", 7),
    )
    assert warnings == []
    (ns,) = result.namespaces
    assert (ns.id, ns.code_type) == ("errors", "string")
    first, second = ns.entries
    assert (first.code, first.message) == ("Blacklisted IP", "Blacklisted IP")
    assert first.description == "A blacklisted IP is a request from a reported address."
    assert first.source is not None and first.source.line == 3
    assert second.aliases == ["Freespee number not available"]
    # the first paragraph under a title belongs to it even when it starts "This error ..."
    assert second.description is not None and second.description.startswith("This error may")
    assert second.description.endswith("area code is unavailable.")


def test_a_lost_title_is_not_glued_onto_the_entry_above():
    result, warnings = run(
        Paragraph('"DNCS number cap has been hit"', 9, title=True),
        Paragraph("Most customers have a maximum amount of dynamic numbers.", 10),
        Paragraph("If this error appears it's due to the phone number not using E164.", 11),
        Table(["e164 Number", "Country Code"], [["+441234960453", "44"]], [14], 12),
        Paragraph("Please note that no spaces should be present in the E164 number", 18),
        Paragraph('"The destination number is not allowed"', 19, title=True),
        Paragraph("You may see this error when adding a number.", 20),
    )
    (ns,) = result.namespaces
    assert [e.code for e in ns.entries] == [
        "DNCS number cap has been hit",
        "The destination number is not allowed",
    ]
    assert ns.entries[0].description == "Most customers have a maximum amount of dynamic numbers."
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{LOC}:11: text that reads like an error of its own has no title"
    )
    assert "'add' override" in warnings[0]


def test_page_chrome_after_the_last_entry_is_not_description():
    result, _ = run(
        Paragraph('"a valid resource must be specified"', 23, title=True),
        Paragraph("This error will appear when querying our API wrongly.", 24),
        Paragraph("0 comments", 26),
        Paragraph("Please sign in to leave a comment.", 27),
    )
    (entry,) = result.namespaces[0].entries
    assert entry.description == "This error will appear when querying our API wrongly."


def test_heading_per_error_markdown_style():
    result, warnings = run(
        Heading("API reference", 1, 1),
        Heading("Error codes", 2, 3),
        Heading("INVALID_TOKEN (401)", 3, 5),
        Paragraph("The access token is missing or malformed. Send a fresh token.", 6),
        Heading("Example", 4, 7),
        Paragraph("curl -H 'Authorization: Bearer x' ...", 8),
        Heading("RATE_LIMITED (429)", 3, 10),
        Paragraph("Too many requests in a minute.", 11),
        Heading("Changelog", 2, 20),
        Paragraph("Added RATE_LIMITED.", 21),
    )
    assert warnings == []
    (ns,) = result.namespaces
    assert (ns.id, ns.title, ns.code_type) == ("error_codes", "Error codes", "integer")
    first, second = ns.entries
    assert (first.code, first.name, first.message) == (
        401,
        "INVALID_TOKEN",
        "The access token is missing or malformed.",
    )
    assert first.description is not None and "Send a fresh token." in first.description
    assert (second.code, second.message) == (429, "Too many requests in a minute.")


def test_http_status_headings():
    result, _ = run(
        Heading("Errors", 2, 1),
        Heading("400 Bad Request", 3, 2),
        Paragraph("The body is not valid JSON.", 3),
        Heading("404 Not Found", 3, 4),
        Paragraph("No such resource.", 5),
    )
    (ns,) = result.namespaces
    assert [(e.code, e.message, e.description) for e in ns.entries] == [
        (400, "Bad Request", "The body is not valid JSON."),
        (404, "Not Found", "No such resource."),
    ]


def test_repeated_title_is_a_duplicate_warning():
    result, warnings = run(
        Heading("Errors", 2, 1),
        Paragraph('"Blocked IP"', 2, title=True),
        Paragraph("One.", 3),
        Paragraph('"Blocked IP"', 4, title=True),
        Paragraph("Two.", 5),
    )
    assert len(result.namespaces[0].entries) == 1
    assert warnings == [
        f"{LOC}:4: duplicate code 'Blocked IP' in namespace 'errors' (first at line 2); kept the first"
    ]


def test_definition_list_of_codes():
    items = [
        Definition("invalid_did", "This is not a valid DID", 4),
        Definition("missing_did", "DID was not provided. Send the did parameter.", 5),
        Definition("no_did", "There are no DIDs", 6),
    ]
    result, _ = run(Heading("Status values", 2, 1), DefinitionList(items, 3))
    (ns,) = result.namespaces
    assert [(e.code, e.message) for e in ns.entries] == [
        ("invalid_did", "This is not a valid DID"),
        ("missing_did", "DID was not provided."),
        ("no_did", "There are no DIDs"),
    ]
    assert ns.entries[1].description == "DID was not provided. Send the did parameter."
    assert ns.entries[0].description is None


def test_glossary_is_not_an_error_list():
    items = [
        Definition("Account", "Your login and its settings.", 4),
        Definition("Workspace", "A group of accounts.", 5),
    ]
    with pytest.raises(InputError):
        run(Heading("Glossary", 2, 1), DefinitionList(items, 3))


def test_labelled_parts_of_an_entry():
    result, warnings = run(
        Heading("Error E42", 3, 1),
        Paragraph("Message: Access denied.", 2),
        Paragraph("The key does not grant this action.", 3),
        Paragraph("Cause", 4, title=True),
        Paragraph("The key was created read-only.", 5),
        Heading("Error E43", 3, 6),
        Paragraph("The key expired.", 7),
        Paragraph("Reason: keys last a year.", 8),
    )
    assert warnings == []
    first, second = result.namespaces[0].entries
    # the labelled message is the message; the other parts describe it, labels kept
    assert first.message == "Access denied."
    assert first.description == (
        "The key does not grant this action. Cause: The key was created read-only."
    )
    # a label after unlabelled text only describes it
    assert second.message == "The key expired."
    assert second.description == "The key expired. Reason: keys last a year."


def test_symbol_titles_take_the_value_stated_under_them():
    result, _ = run(
        Heading("Constants", 2, 1),
        Paragraph("QUOTA_EXCEEDED", 2, title=True),
        Paragraph("17 (0x11)", 3),
        Paragraph("The quota is used up.", 4),
        Heading("SC_GONE", 4, 5),
        Paragraph("Status code (410) indicating the resource is gone.", 6),
    )
    first, second = result.namespaces[0].entries
    assert (first.code, first.name, first.message) == (
        17,
        "QUOTA_EXCEEDED",
        "The quota is used up.",
    )
    assert (second.code, second.name) == (410, "SC_GONE")


def test_a_heading_naming_one_status_gives_it_to_the_errors_under_it():
    result, _ = run(
        Heading("HTTP status code 409", 3, 1),
        Paragraph("E_LOCKED - The record is locked.", 2),
        Heading("HTTP status codes 500 and 503", 3, 3),
        Paragraph("E_BUSY - Try again later.", 4),
    )
    entries = [entry for ns in result.namespaces for entry in ns.entries]
    assert [(entry.code, entry.http_status) for entry in entries] == [
        ("E_LOCKED", 409),
        ("E_BUSY", None),
    ]


def test_a_status_the_text_mentions_later_is_not_the_symbols_value():
    result, _ = run(
        Heading("TOKEN_EXPIRED", 4, 1),
        Paragraph("Sent with status code (401) when the token is too old.", 2),
    )
    assert [entry.code for entry in result.namespaces[0].entries] == ["TOKEN_EXPIRED"]


def test_declarations_of_other_things_end_an_entry_but_asides_do_not():
    result, _ = run(
        Heading("Error codes", 2, 1),
        Paragraph("\u2014 Macro: int E_NOKEY", 2),
        Paragraph("No key was given.", 3),
        Paragraph("\u2014 Tip: pass the key in the header.", 4),
        Paragraph("\u2014 Function: const char * kv_strerror (int code)", 5),
        Paragraph("Returns the message of a code.", 6),
    )
    (entry,) = result.namespaces[0].entries
    assert (entry.code, entry.message) == ("E_NOKEY", "No key was given.")
    assert entry.description == "No key was given. \u2014 Tip: pass the key in the header."


def test_a_leading_zero_code_in_a_title_stays_text():
    """``09000``: a code with a leading zero is never an integer, wherever it is read."""
    title = parse_title("09000 ERRCODE_TRIGGERED_ACTION_EXCEPTION", heading=True)
    assert title is not None and title.code == "09000"
    assert title.name == "ERRCODE_TRIGGERED_ACTION_EXCEPTION"


def test_a_run_of_joined_word_headings_under_error_words_lists_codes():
    result, _ = run(
        Heading("Error codes", 2),
        Heading("chunk-too-large", 3),
        Paragraph("A chunk is larger than the session allows."),
        Heading("session-expired", 3),
        Paragraph("The session was idle for an hour."),
        Heading("checksum-mismatch", 3),
        Paragraph("The checksum differs."),
    )
    entries = [e for ns in result.namespaces for e in ns.entries]
    assert [e.code for e in entries] == ["chunk-too-large", "session-expired", "checksum-mismatch"]
    assert entries[1].message == "The session was idle for an hour."


def test_joined_word_headings_outside_error_words_are_headings():
    with pytest.raises(InputError):
        run(
            Heading("Commands", 2),
            Heading("status-check", 3),
            Paragraph("Checks the deployment."),
            Heading("upgrade-check", 3),
            Paragraph("Checks the upgrade."),
            Heading("db-sync", 3),
            Paragraph("Syncs the database."),
        )


def test_a_symbols_value_with_a_leading_zero_stays_text():
    result, _ = run(
        Heading("Error constants", 2, 1),
        Paragraph("QUOTA_EXCEEDED", 2, title=True),
        Paragraph("017", 3),
        Paragraph("The quota is used up.", 4),
        Paragraph("LINK_DOWN", 5, title=True),
        Paragraph("#define LINK_DOWN 0042", 6),
        Paragraph("The link is down.", 7),
    )
    first, second = result.namespaces[0].entries
    assert (first.code, first.name) == ("017", "QUOTA_EXCEEDED")
    assert (second.code, second.name) == ("0042", "LINK_DOWN")
