"""spectab: error tables from API documentation pages, as canonical specs and generated code."""

__version__ = "0.1.0"
