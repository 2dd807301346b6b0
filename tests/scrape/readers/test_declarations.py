"""Constants declared in code listings read as Name | Value | Description tables."""

from __future__ import annotations

from generator.scrape.readers.declarations import declared_constants


def test_defines_enums_and_constants_with_their_comments() -> None:
    table = declared_constants(
        "#define ZZ_OK 0 /* Success. */\n"
        "#define ZZ_ERR_NOMEM (-12) // Out of memory.\n"
        "enum e {\n"
        "    /** The device is busy. */\n"
        "    ZZ_BUSY = 0x10,\n"
        "    ZZ_GONE = 17, /**< Removed. */\n"
        "};\n"
        "public static final int SC_GONE = 410; // Gone.\n",
        5,
    )
    assert table is not None and table.header == ["Name", "Value", "Description"]
    assert table.rows == [
        ["ZZ_OK", "0", "Success."],
        ["ZZ_ERR_NOMEM", "-12", "Out of memory."],
        ["ZZ_BUSY", "0x10", "The device is busy."],
        ["ZZ_GONE", "17", "Removed."],
        ["SC_GONE", "410", "Gone."],
    ]
    assert table.row_lines == [5, 6, 9, 10, 12]


def test_ordinary_code_and_short_listings_are_no_table() -> None:
    assert declared_constants("int a = 1;\nint b = 2;\nint c = 3;\n", 1) is None
    assert declared_constants("#define A 1\n#define B 2\nprintf(x);\n", 1) is None
    assert declared_constants("x" * 100_000, 1) is None
