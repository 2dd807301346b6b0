"""The interpreter on hand-built pages: which tables are error tables, and what they say."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.spec.model import RawNamespace
from generator.scrape.interpret.codes import clean_message, parse_code
from generator.scrape.interpret.columns import assign, header_role
from generator.scrape.document import Heading, Page, Paragraph, Table
from generator.scrape.interpret.walker import interpret

LOC = "page.txt"


def table(header, rows, first_line=10, caption=None):
    return Table(
        header=header,
        rows=[list(row) for row in rows],
        row_lines=[first_line + i for i in range(len(rows))],
        line=first_line - 1,
        caption=caption,
    )


def run(*blocks, hints=None, title=None):
    warnings: list[str] = []
    result = interpret(Page(list(blocks), title=title), LOC, warnings.append, hints)
    return result, warnings


def only(result) -> RawNamespace:
    assert len(result.namespaces) == 1, [ns.id for ns in result.namespaces]
    return result.namespaces[0]


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-7", -7),
        ("0", 0),
        ("404", 404),
        ("\u22125", -5),  # a minus sign typeset as U+2212
        ("007", "007"),
        ("0100C", "0100C"),
        ("E101", "E101"),
        ("TMS.0009", "TMS.0009"),
        ("Invalid_threshold", "Invalid_threshold"),
        ("`invalid_did`", "invalid_did"),
        ('"success"', "success"),
    ],
)
def test_codes_keep_their_type(text, code):
    parsed = parse_code(text)
    assert parsed is not None
    assert parsed.code == code and type(parsed.code) is type(code)


@pytest.mark.parametrize("text", ["4xx", "", "   ", "This is a sentence.", "+441234960453"])
def test_not_codes(text):
    assert parse_code(text) is None


def test_code_cell_alternatives_and_status_lines():
    parsed = parse_code("invalid_key or bad_key")
    assert parsed is not None and (parsed.code, parsed.aliases) == ("invalid_key", ("bad_key",))
    parsed = parse_code("404 Not Found")
    assert parsed is not None and (parsed.code, parsed.rest) == (404, "Not Found")
    assert parse_code("Blocked IP") is None
    parsed = parse_code("Blocked IP", phrases=True)
    assert parsed is not None and parsed.code == "Blocked IP"


def test_messages_are_one_line_without_stray_pipes():
    assert clean_message("These are not valid Digits\n|") == "These are not valid Digits"
    assert clean_message("  two\n  lines  |") == "two lines"
    assert clean_message("a | b") == "a | b"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Error Code", "code"),
        ("Status Code", "code"),
        ("status", "code"),
        ("HTTP Status Code", "http_status"),
        ("HTTP status", "http_status"),
        ("Error Message", "message"),
        ("reason", "message"),
        ("Meaning", "description"),
        ("Error Description", "description"),
        ("Name", "name"),
        ("Error Name", "name"),
        ("How to fix", "solution"),
        ("Parameter", "parameter"),
        ("Header Parameter", "parameter"),
        ("Type", "type"),
        ("Sign", "usage"),
        ("", None),
        ("e164 Number", None),
    ],
)
def test_header_roles(header, role):
    assert header_role(header) == role


def test_duplicated_header_cell_from_a_colspan_is_resolved_by_the_cells():
    columns = assign(
        ["Error Codes", "Error Codes"],
        [["invalid_did", "This is not a valid DID"], ["missing_did", "DID was not provided"]],
    )
    assert columns.roles["code"] == 0 and columns.roles["message"] == 1


# ------------------------------------------------------------------ tables


def test_error_table_under_a_heading():
    result, warnings = run(
        Heading("Error Codes", 2, line=5),
        table(["Error Code", "Description"], [["E101", "Bad key."], ["E102", "Expired key."]]),
    )
    ns = only(result)
    assert (ns.id, ns.title, ns.code_type) == ("error_codes", "Error Codes", "string")
    assert [(e.code, e.message, e.description) for e in ns.entries] == [
        ("E101", "Bad key.", None),
        ("E102", "Expired key.", None),
    ]
    assert ns.entries[1].source is not None
    assert (ns.entries[1].source.line, ns.entries[1].source.row) == (11, 2)
    assert warnings == []


def test_integer_codes_negative_too():
    result, _ = run(
        Heading("Response status code description:", 2),
        table(["status", "reason"], [["0", "Success"], ["-1", "Authentication error"]]),
    )
    ns = only(result)
    assert ns.id == "response_status_code_description"
    assert ns.title == "Response status code description"
    assert ns.code_type == "integer"
    assert [e.code for e in ns.entries] == [0, -1]


def test_mixed_codes_make_a_string_namespace():
    result, _ = run(
        Heading("Codes", 2),
        table(["Code", "Message"], [["100", "Continue"], ["0100C", "Odd"], ["007", "Bond"]]),
    )
    ns = only(result)
    assert ns.code_type == "string"
    assert [e.code for e in ns.entries] == ["100", "0100C", "007"]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (["Parameter", "Type", "Description"], [["to", "string", "The destination number."]]),
        (
            ["Header Parameter", "Description", "Type"],
            [["Content-Type", "application/json", "String"], ["Sign", "Signature", "String"]],
        ),
        (
            ["Parameters", "Method", "Sign"],
            [["Put API Key:abc API Secret:def", "MD5(abcdef)", "05d7a50893e22a5c4bb3216ae3396c7c"]],
        ),
        (
            ["Case", "Code"],
            [["Balance too low", "-10"], ["Card expired", "-10"], ["Key revoked", "-1"]],
        ),
        (
            ["e164 Number", "Country Code", "Local Number"],
            [["+441234960453", "44 (United Kingdom)", "01234960453"]],
        ),
        (
            ["Name", "Type", "Description"],
            [["code", "integer", "The code."], ["message", "string", "Text."]],
        ),
    ],
)
def test_tables_that_are_not_error_lists(header, rows):
    with pytest.raises(InputError) as info:
        run(Heading("Errors", 2), table(header, rows))
    text = str(info.value)
    assert text.startswith(f"{LOC}: no error table found")
    assert "code/status/error column" in text and header[0] in text


def test_case_to_code_usage_table_with_repeated_codes_is_not_an_error_list():
    rows = [["Send to a landline", "21614"], ["Send to a blocked number", "21610"]]
    rows += [[f"Case {i}", "21614"] for i in range(4)]
    with pytest.raises(InputError):
        run(Heading("Examples", 2), table(["Scenario description", "Error code"], rows))


def test_name_column_is_the_message_and_description_stays_apart():
    result, _ = run(
        Heading("HTTP Status Codes", 2),
        table(
            ["Status Code", "Name", "Description"],
            [
                ["400", "Bad Request", "Missing or invalid data."],
                ["401", "Unauthorized", "Wrong key."],
            ],
        ),
    )
    ns = only(result)
    first = ns.entries[0]
    assert (first.code, first.message, first.description, first.http_status) == (
        400,
        "Bad Request",
        "Missing or invalid data.",
        400,
    )


def test_identifier_name_column_becomes_the_name_and_the_description_the_message():
    result, _ = run(
        Heading("Error codes", 2),
        table(
            ["Code", "Status", "Description"],
            [["90001", "PROCESSING_ERROR", "An error occurred."], ["90002", "FAILED_ID", "No id."]],
        ),
    )
    entry = only(result).entries[0]
    assert (entry.code, entry.name, entry.message, entry.description) == (
        90001,
        "PROCESSING_ERROR",
        "An error occurred.",
        None,
    )


def test_solution_column_goes_into_the_description():
    result, _ = run(
        Heading("Errors", 2),
        table(
            ["Error", "Message", "Solution"],
            [["E1", "Key expired", "Create a new key."], ["E2", "No credit", ""]],
        ),
    )
    first, second = only(result).entries
    assert first.description == "Solution: Create a new key."
    assert second.description is None


def test_http_status_column_and_values_like_400_slash_422():
    result, _ = run(
        Heading("Common Error Codes", 2),
        table(
            ["Code", "HTTP Status", "Description"],
            [
                ["UNAUTHORIZED", "401", "Missing key"],
                ["VALIDATION_ERROR", "400 / 422", "Bad field"],
            ],
        ),
    )
    assert [e.http_status for e in only(result).entries] == [401, 400]


def test_integer_codes_outside_an_http_section_get_no_http_status():
    result, _ = run(
        Heading("Result codes", 2),
        table(["Code", "Message"], [["200", "Queued"], ["404", "No route"]]),
    )
    assert [e.http_status for e in only(result).entries] == [None, None]


def test_empty_header_cell_and_the_truncated_last_row():
    rows = [
        ["account_with_dids", "The Account has DIDs assigned to it."],
        ["invalid_digits", "These are not valid Digits\n|"],
        ["Invalid_threshold", "This is not a valid Threshold Amount."],
        ["unavailabl", ""],
    ]
    result, warnings = run(
        Heading("FUNCTION STATUS AND ERROR CODE", 2), table(["Error Codes", ""], rows)
    )
    ns = only(result)
    assert [e.code for e in ns.entries] == [
        "account_with_dids",
        "invalid_digits",
        "Invalid_threshold",
    ]
    assert ns.entries[1].message == "These are not valid Digits"
    assert warnings == [
        f"{LOC}:13: code 'unavailabl' has no message; the page looks cut off here; left out"
    ]


def test_headerless_table_whose_first_row_names_the_columns():
    rows = [["Error Codes", ""], ["invalid_did", "This is not a valid DID"], ["no_did", "No DIDs"]]
    result, _ = run(Heading("Status", 2), table(None, rows))
    assert [e.code for e in only(result).entries] == ["invalid_did", "no_did"]


def test_headerless_table_read_from_its_cells():
    rows = [["E101", "Invalid API key"], ["E102", "Key expired"], ["E103", "Quota exceeded"]]
    result, _ = run(Heading("Errors", 2), table(None, rows))
    assert [(e.code, e.message) for e in only(result).entries][0] == ("E101", "Invalid API key")


def test_duplicate_code_is_a_warning_naming_both_lines():
    result, warnings = run(
        Heading("Errors", 2),
        table(["Code", "Message"], [["E1", "First"], ["E2", "Second"], ["E1", "Again"]]),
    )
    assert [e.message for e in only(result).entries] == ["First", "Second"]
    assert only(result).entries[0].description == "Also: Again"  # the variant is kept
    assert warnings == [
        f"{LOC}:12: duplicate code 'E1' in namespace 'errors' (first at line 10); "
        "kept the first, its text added to the first's description"
    ]


def test_row_whose_code_cell_is_not_a_code_is_reported():
    result, warnings = run(
        Heading("Errors", 2),
        table(
            ["Code", "Message"],
            [["E1", "One"], ["E2", "Two"], ["see the notes below for more", "x"], ["E3", "Three"]],
        ),
    )
    assert len(only(result).entries) == 3
    assert warnings == [f"{LOC}:12: 'see the notes below for more' is not a code; row left out"]


def test_group_label_rows_from_a_colspan_are_skipped():
    rows = [
        ["Authentication", "Authentication"],
        ["E1", "Bad key"],
        ["Billing", "Billing"],
        ["E2", "No credit"],
    ]
    result, warnings = run(Heading("Errors", 2), table(["Code", "Message"], rows))
    assert [e.code for e in only(result).entries] == ["E1", "E2"]
    assert warnings == []


def test_row_without_a_code_continues_the_row_above():
    result, warnings = run(
        Heading("Errors", 2),
        table(["Code", "Message"], [["E1", "The key"], ["", "has expired"], ["E2", "Other"]]),
    )
    assert only(result).entries[0].message == "The key has expired"
    assert len(warnings) == 1 and "joined onto the row above" in warnings[0]


def test_tables_with_overlapping_codes_become_several_namespaces():
    sms = table(["status", "reason"], [["0", "Success"], ["-1", "Authentication error"]])
    voice = table(["status", "reason"], [["0", "success"], ["-2", "Restricted IP"]], 30)
    result, _ = run(Heading("SMS codes", 2), sms, Heading("Voice codes", 2), voice)
    assert [ns.id for ns in result.namespaces] == ["sms_codes", "voice_codes"]
    same_section, _ = run(Heading("Codes", 2), sms, voice)
    assert [ns.id for ns in same_section.namespaces] == ["codes", "codes_2"]


def test_tables_without_overlap_under_one_heading_merge():
    first = table(["Code", "Message"], [["400", "Bad request"], ["401", "No key"]])
    second = table(["Code", "Message"], [["500", "Oops"], ["503", "Busy"]], 30)
    result, _ = run(Heading("Errors", 2), first, second)
    assert [e.code for e in only(result).entries] == [400, 401, 500, 503]


def test_caption_names_its_table():
    result, _ = run(
        Heading("Reference", 2),
        table(["Code", "Message"], [["E1", "One"], ["E2", "Two"]], caption="Auth errors"),
    )
    assert (only(result).id, only(result).title) == ("auth_errors", "Auth errors")


def test_lone_level_one_heading_names_the_page_not_a_section():
    result, _ = run(
        Heading("Common error responses", 1),
        table(["Code", "Message"], [["E1", "One"], ["E2", "Two"]]),
    )
    assert (only(result).id, only(result).title) == ("errors", "Common error responses")


def test_weak_code_header_needs_the_section_to_talk_about_errors():
    rows = [["json", "Returns JSON"], ["xml", "Returns XML"]]
    with pytest.raises(InputError):
        run(Heading("Output formats", 2), table(["Value", "Description"], rows))
    result, _ = run(Heading("Result values", 2), table(["Value", "Description"], rows))
    assert [e.code for e in only(result).entries] == ["json", "xml"]


def test_roles_hint_teaches_a_header():
    rows = [["E1", "Bad key"], ["E2", "Expired"]]
    result, _ = run(
        Heading("Errors", 2),
        table(["Kennung", "Bedeutung"], rows),
        hints={"roles": {"Kennung": "code", "Bedeutung": "message"}},
    )
    assert [e.message for e in only(result).entries] == ["Bad key", "Expired"]


def test_unknown_hint_is_an_input_error():
    with pytest.raises(InputError, match="unknown reader hint"):
        run(Heading("Errors", 2), hints={"colour": "red"})


# ------------------------------------------------------------------ envelope


def test_parameter_tables_describing_the_error_body_become_the_envelope():
    result, _ = run(
        Heading("HTTP Status Codes", 2),
        table(["Status Code", "Name", "Description"], [["400", "Bad Request", "Bad."]]),
        Heading("Response Parameters", 2),
        Paragraph("These parameters are wrapped in a \u2018ResponseStatus\u2019 object.", 12),
        table(
            ["Parameter", "Type", "Description"],
            [
                ["ErrorCode", "string", "A single word descriptor of the type of error."],
                ["Message", "string", "A short friendly message describing the problem."],
                ["Errors", "array", "An array of \u2018Error\u2019 objects."],
            ],
            20,
        ),
        Paragraph(
            "In this case the \u2018ResponseStatus\u2019 object contains an array of \u2018error\u2019 "
            "objects in a property called \u2018Errors\u2019 with following structure:",
            24,
        ),
        table(["Parameter", "Type", "Description"], [["FieldName", "string", "The field."]], 30),
    )
    envelope = result.envelope
    assert envelope is not None
    assert envelope.code_field == "ResponseStatus.ErrorCode"
    assert envelope.message_field == "ResponseStatus.Message"
    assert [(f.path, f.type) for f in envelope.fields] == [
        ("ResponseStatus.ErrorCode", "string"),
        ("ResponseStatus.Message", "string"),
        ("ResponseStatus.Errors", "array"),
        ("ResponseStatus.Errors[].FieldName", "string"),
    ]
    assert [e.code for e in only(result).entries] == [400]


def test_envelope_with_other_words():
    result, _ = run(
        Heading("Error object", 2),
        Paragraph("Errors are returned inside an `error` object:"),
        table(
            ["Field", "Type", "Description"],
            [
                ["type", "string", "The error type, e.g. invalid_request."],
                ["msg", "string", "Human-readable text."],
                ["param", "string", "The parameter at fault."],
            ],
        ),
        Heading("Error types", 2),
        table(["Type", "Meaning"], [["invalid_request", "Bad input"], ["api_error", "Our fault"]]),
    )
    assert result.envelope is not None
    assert (result.envelope.code_field, result.envelope.message_field) == (
        "error.type",
        "error.msg",
    )


def test_request_parameter_table_is_no_envelope():
    result, _ = run(
        Heading("Send SMS", 2),
        table(["Parameter", "Type", "Description"], [["to", "string", "Destination number."]]),
        Heading("Errors", 2),
        table(["Code", "Message"], [["E1", "One"], ["E2", "Two"]]),
    )
    assert result.envelope is None


def test_nothing_found_names_what_was_looked_for_and_what_was_seen():
    with pytest.raises(InputError) as info:
        run(
            Heading("Intro", 2),
            Paragraph("Welcome to the API."),
            table(["Parameter", "Type", "Description"], [["to", "string", "Number."]]),
        )
    message = str(info.value)
    assert "\n" not in message
    assert "message/reason/description column" in message
    assert "[Parameter | Type | Description]" in message


def test_a_lead_in_sentence_guessed_as_a_heading_does_not_name_the_section():
    result, _ = run(
        Heading("Errors", 2),
        Heading("This endpoint can fail with the following codes", 2),
        table(["Error code", "Message"], [["21211", "Invalid 'To' number"], ["30007", "Filtered"]]),
    )
    assert only(result).id == "errors"
    alone, _ = run(
        Heading("The following codes can be returned", 2),
        table(["Error code", "Message"], [["21211", "Invalid 'To' number"], ["30007", "Filtered"]]),
    )
    assert only(alone).id == "the_following_codes_can_be_returned"


def test_sibling_sections_merge_into_their_parent_unless_codes_overlap():
    general = table(["Code", "Status", "Description"], [["90001", "PROCESSING_ERROR", "Failed."]])
    validation = table(["Code", "Status", "Description"], [["90101", "BAD_ID", "Bad id."]], 30)
    result, _ = run(
        Heading("Error codes", 2),
        Heading("General", 3),
        general,
        Heading("Validation", 3),
        validation,
    )
    assert (only(result).id, only(result).title) == ("error_codes", "Error codes")
    assert [e.code for e in only(result).entries] == [90001, 90101]
    clash = table(["Code", "Status", "Description"], [["90001", "OTHER", "Other."]], 50)
    result, _ = run(
        Heading("Error codes", 2),
        Heading("General", 3),
        general,
        Heading("Other", 3),
        clash,
    )
    assert [ns.id for ns in result.namespaces] == ["general", "other"]


def test_a_label_line_names_the_list_below_it():
    result, _ = run(
        Heading("Response body", 2),
        Paragraph("Sample error response:", 3),
        Paragraph("Error codes:", 4),
        Paragraph("0 \u2013 UNKNOWN", 5),
        Paragraph("Unknown server error.", 6),
        Paragraph("1 - NOT ALLOWED", 7),
        Paragraph("An unallowed method is called.", 8),
    )
    ns = only(result)
    assert (ns.id, ns.title) == ("error_codes", "Error codes")
    assert [(e.code, e.name, e.message) for e in ns.entries] == [
        (0, "UNKNOWN", "Unknown server error."),
        (1, "NOT ALLOWED", "An unallowed method is called."),
    ]


def test_rows_out_of_step_are_reported_not_turned_into_entries():
    rows = [
        ["-101", "No username", "-102"],
        ["No password", "-104", "Invalid recipient"],
        ["SMS text was empty", "-200", "Invalid username/password"],
        ["Last event", "-999", "Internal error"],
    ]
    with pytest.raises(InputError):
        run(Heading("Status codes", 2), table(["Status code", "Meaning", "When?"], rows))
    warnings: list[str] = []
    with pytest.raises(InputError):
        interpret(
            Page([Heading("Status codes", 2), table(["Status code", "Meaning", "When?"], rows)]),
            LOC,
            warnings.append,
        )
    assert warnings == [
        f"{LOC}:9: the message column holds codes (-104, -200, -999): the table's rows look "
        "out of step; table left out"
    ]


def test_meaning_and_when_columns_are_message_and_description():
    result, _ = run(
        Heading("Status codes", 2),
        table(
            ["Status code", "Meaning", "When?"],
            [
                ["-104", "Invalid recipient", "Recipient number invalid"],
                ["-999", "Internal error", ""],
            ],
        ),
    )
    assert [(e.code, e.message, e.description) for e in only(result).entries] == [
        (-104, "Invalid recipient", "Recipient number invalid"),
        (-999, "Internal error", None),
    ]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (["错误码", "说明"], [["-1", "鉴权失败"], ["-10", "余额不足"]]),
        (
            ["Código", "Descripción"],
            [["-1", "Error de autenticación"], ["-10", "Saldo insuficiente"]],
        ),
        (
            ["Fehlercode", "Bedeutung"],
            [["-1", "Anmeldung fehlgeschlagen"], ["-10", "Kein Guthaben"]],
        ),
        (None, [["-1", "鉴权失败"], ["-10", "余额不足"], ["-11", "时间格式错误"]]),
    ],
)
def test_headers_and_messages_in_other_languages(header, rows):
    result, _ = run(Heading("Codes", 2), table(header, rows))
    assert [e.code for e in only(result).entries][:2] == [-1, -10]
    assert only(result).entries[0].message == rows[0][1]


def test_messages_that_are_their_own_codes():
    """ "Message | Comments": the API sends the message itself, so it is the code too."""
    rows = [
        ("Bad query: Invalid phone number", "Only mobile numbers can be looked up."),
        ("Forbidden: Your IP address is not allowed.", "Add it to the allow list."),
    ]
    result, _ = run(Heading("Lookup responses", 2), table(["Message", "Comments"], rows))
    entries = only(result).entries
    assert [(e.code, e.message, e.description) for e in entries] == [
        (code, code, comment) for code, comment in rows
    ]


def test_a_message_table_needs_the_section_to_talk_about_errors_or_status():
    rows = [("Welcome", "Sent after sign-up."), ("Reminder", "Sent a day before the call.")]
    with pytest.raises(InputError, match="no error table"):
        run(Heading("Message templates", 2), table(["Message", "Description"], rows))


def test_a_status_class_row_is_reported_as_a_range():
    rows = [["400", "Validation error"], ["401", "Bad key"], ["5xx", "Upstream error, retry"]]
    result, warnings = run(Heading("HTTP statuses", 2), table(["Status", "Meaning"], rows))
    assert [e.code for e in only(result).entries] == [400, 401]
    assert warnings == [f"{LOC}:12: '5xx' is a range of codes; row left out"]


def test_codes_stacked_in_one_cell_become_one_entry_each():
    rows = [
        ["400", "V1\nV2", "Bad number\nNo recipient"],
        ["404", "N1\nN2", "Not found"],
        ["409", "409\nConflict", "Already exists"],  # a code and its name: not a stack
    ]
    result, _ = run(Heading("Errors", 2), table(["HTTP status", "Error code", "Message"], rows))
    entries = [(e.code, e.message, e.http_status) for e in only(result).entries]
    assert entries == [
        ("V1", "Bad number", 400),
        ("V2", "No recipient", 400),
        ("N1", "Not found", 404),
        ("N2", "Not found", 404),
        ("409", "Already exists", 409),  # strings: the namespace mixes kinds
    ]


def test_a_symbol_then_its_number_keeps_a_leading_zero():
    result = run(
        Heading("Error codes", 1, 1),
        Paragraph("ERROR_QUOTA", 3),
        Paragraph("017", 5),
        Paragraph("The quota is used up.", 7),
    )
    (entry,) = only(result[0]).entries
    assert (entry.code, entry.name) == ("017", "ERROR_QUOTA")
