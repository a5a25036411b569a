"""Real input files built by the tests: xlsx, xls, ods, csv in several encodings, and bad files."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

HEADER = ("公开(公告)号", "标题", "申请日", "件数", "权利要求")
ROWS = (
    ("CN112345678A", "一种电池", dt.date(2021, 3, 4), 3,
     "1. 一种电池，其特征在于，包括壳体。\n2. 根据权利要求1所述的电池，其特征在于，所述壳体为铝合金。\n"
     "3. 根据权利要求1或2所述的电池，其特征在于，还包括盖板。"),
    ("US10123456B2", "Battery", dt.date(2019, 1, 2), 2.5,
     "1. A battery comprising a housing.\n2. The battery of claim 1, wherein the housing is aluminium.\n"
     "3. A method of making a battery, comprising casting a housing."),
    ("EP1234567B1", "=SUM(A1:A2)", None, None, None),
)


def write_xlsx(path: Path, rows=ROWS, header=HEADER, titles=()) -> Path:
    """An xlsx with optional title lines above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    for title in titles:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as exports hold it
    book.create_sheet("Notes").append(["exported by a test"])
    book.save(path)
    return path


def write_shared_xlsx(path: Path, rows=ROWS, header=HEADER) -> Path:
    """An xlsx whose text sits in the shared-string table, as Excel saves it (xlsxwriter's normal mode;
    openpyxl writes inline strings)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    sheet = book.add_worksheet("Export")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate([header, *rows]):
        for col, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, col, value)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, col, value, date_format)
            elif value is not None:
                sheet.write_number(r, col, value)
    book.close()
    return path


def write_xls(path: Path, rows=ROWS, header=HEADER) -> Path:
    """A real BIFF8 .xls written by xlwt."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Export")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for col, name in enumerate(header):
        sheet.write(0, col, name)
    for r, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write(r, col, value, date_style if isinstance(value, dt.date) else xlwt.Style.default_style)
    book.save(str(path))
    return path


def write_ods(path: Path, rows=ROWS, header=HEADER) -> Path:
    """A real OpenDocument spreadsheet written by pandas with odfpy."""
    import pandas as pd

    frame = pd.DataFrame([list(r) for r in rows], columns=list(header))
    frame.to_excel(path, sheet_name="Export", index=False, engine="odf")
    return path


def write_csv(path: Path, encoding: str, rows=ROWS, header=HEADER, delimiter: str = ",") -> Path:
    """A CSV (all values as text) in the given encoding."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_encrypted(path: Path, plain: Path) -> Path:
    """The xlsx plain, encrypted with a password as Excel does (msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(plain, "rb") as source, open(path, "wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    return path


def write_zip_bomb(path: Path, inflated_bytes: int) -> Path:
    """An xlsx-shaped zip whose sheet inflates to inflated_bytes of zeros from a few kilobytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"0" * (1 << 20)
            for _ in range(inflated_bytes // len(block)):
                sheet.write(block)
    return path


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def write_parts(path, sheet_xml, shared=None, styles=None, date1904=False, namespace=MAIN):
    """An xlsx built from raw parts, to hold what spreadsheet programs write but openpyxl does not."""
    rels = [f'<Relationship Id="rId1" Type="{OFFICE_REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>']
    if shared is not None:
        rels.append(f'<Relationship Id="rId2" Type="{OFFICE_REL}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{OFFICE_REL}/styles" Target="styles.xml"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'))
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
                                        f'Type="{OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", (
            f'<workbook xmlns="{namespace}" xmlns:r="{OFFICE_REL}"><workbookPr date1904="{int(date1904)}"/>'
            '<sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PACKAGE_REL}">{"".join(rels)}</Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{namespace}">{sheet_xml}</worksheet>')
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{namespace}">{shared}</sst>')
        if styles is not None:
            archive.writestr("xl/styles.xml", f'<styleSheet xmlns="{namespace}">{styles}</styleSheet>')
    return path
