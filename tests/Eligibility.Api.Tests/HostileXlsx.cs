using System.IO.Compression;
using System.Text;

namespace Eligibility.Api.Tests;

/// <summary>
/// Workbooks written by hand, part by part, so that each can break one rule of the format or one bound of the reader:
/// shared by the hostile-input campaign and by <see cref="SurveyImportHostileFilesTests"/>.
/// </summary>
public static class HostileXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const string WorksheetType = Relationships + "/worksheet";

    /// <summary>A worksheet part holding <paramref name="rows"/> (XML of row elements) in its sheetData.</summary>
    public static string Sheet(string rows, string? prolog = null) =>
        $"""{prolog ?? "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"}<worksheet xmlns="{Main}" xmlns:r="{Relationships}"><sheetData>{rows}</sheetData></worksheet>""";

    /// <summary>A row of inline strings (no cell references), as some writers produce.</summary>
    public static string InlineRow(int number, IEnumerable<string> cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(c => $"<c t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(c)}</t></is></c>")) + "</row>";

    /// <summary>
    /// A package: content types, the package and workbook relationships, a workbook whose first sheet is rId1, the sheet
    /// (at <paramref name="sheetTarget"/>, relative to xl/) and, when given, shared strings and other entries.
    /// </summary>
    public static byte[] Workbook(string sheet, string? sharedStrings = null, string sheetType = WorksheetType,
        string sheetTarget = "worksheets/sheet1.xml", params (string Name, string Content)[] extra)
    {
        var parts = new List<(string Name, string Content)>
        {
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""),
            ("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Khảo sát" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
            ("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{sheetType}" Target="{sheetTarget}"/>{(sharedStrings is null ? "" : $"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/>")}</Relationships>"""),
            ("xl/worksheets/sheet1.xml", sheet),
        };
        if (sharedStrings is not null)
            parts.Add(("xl/sharedStrings.xml", sharedStrings));
        parts.AddRange(extra);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }
        return stream.ToArray();
    }

    /// <summary>Letters that do not compress much, so a long run of them is not refused as a zip bomb first.</summary>
    static string Noise(int length)
    {
        var random = new Random(length);
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
                span[i] = (char)('a' + r.Next(26));
        });
    }

    /// <summary>
    /// Each hostile workbook with the English words its refusal must say. <paramref name="header"/> is a valid header
    /// row of the survey, so that what is refused is the file and not its columns.
    /// </summary>
    public static IEnumerable<(string Label, byte[] Body, string Refusal)> Cases(IReadOnlyList<string> header)
    {
        var head = InlineRow(1, header);
        yield return ("nesting 50,000 deep in a row", Workbook(Sheet(head + "<row r=\"2\">" + string.Concat(Enumerable.Repeat("<x>", 50_000))
            + string.Concat(Enumerable.Repeat("</x>", 50_000)) + "</row>")), "nested deeper than");
        yield return ("a cell past column XFD", Workbook(Sheet(head + "<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>")), "cell reference 'XFE2'");
        yield return ("a cell reference past row 1,048,576", Workbook(Sheet(head + "<row r=\"2\"><c r=\"A1048577\"><v>1</v></c></row>")), "cell reference 'A1048577'");
        yield return ("a cell reference of no row", Workbook(Sheet(head + "<row r=\"2\"><c r=\"A\"><v>1</v></c></row>")), "cell reference 'A'");
        yield return ("row number abc", Workbook(Sheet(head + "<row r=\"abc\"><c><v>1</v></c></row>")), "row number 'abc'");
        yield return ("row number 99999999999", Workbook(Sheet(head + "<row r=\"99999999999\"><c><v>1</v></c></row>")), "row number '99999999999'");
        yield return ("a header row number past the last row", Workbook(Sheet("<row r=\"1048577\"><c><v>1</v></c></row>")), "row number '1048577'");
        yield return ("600 cells in a row", Workbook(Sheet(head + "<row r=\"2\">" + string.Concat(Enumerable.Repeat("<c><v>1</v></c>", 600)) + "</row>")),
            "more than 500 cells");
        yield return ("a value in column 501", Workbook(Sheet(head + "<row r=\"2\"><c r=\"SG2\"><v>1</v></c></row>")), "beyond column 500");
        yield return ("zip bomb: 16 MiB of empty elements in the sheet", Workbook(Sheet(head + new StringBuilder().Insert(0, "<x/>", 4 * 1024 * 1024))),
            "compressed more than 100 times");
        yield return ("zip bomb: a million shared strings", Workbook(Sheet(head),
            $"<sst xmlns=\"{Main}\">{new StringBuilder().Insert(0, "<si><t>a</t></si>", 1024 * 1024)}</sst>"), "compressed more than 100 times");
        yield return ("DTD with an external entity", Workbook(Sheet(head + "<row r=\"2\"><c><v>&x;</v></c></row>",
            "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")), "DTD");
        yield return ("billion laughs", Workbook(Sheet(head, "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>")), "DTD");
        yield return ("an entity never declared", Workbook(Sheet(head + "<row r=\"2\"><c><v>&xxe;</v></c></row>")), "not well-formed");
        yield return ("a CDATA section", Workbook(Sheet(head + $"<row r=\"2\"><c><v><![CDATA[{Noise(1024)}]]></v></c></row>")), "CDATA");
        yield return ("a processing instruction in the sheet", Workbook(Sheet(head + "<?php echo 1; ?>")), "DTD");
        yield return ("an attribute of 2 MiB", Workbook(Sheet(head + $"<row r=\"2\" spans=\"{Noise(2 * 1024 * 1024)}\"><c><v>1</v></c></row>")), "longer than 1 MiB");
        yield return ("a cell of 40,000 characters", Workbook(Sheet(head + $"<row r=\"2\"><c t=\"inlineStr\"><is><t>{Noise(40_000)}</t></is></c></row>")),
            "longer than 32767 characters");
        yield return ("the first sheet pointing at a styles part", Workbook(Sheet(head), sheetType: Relationships + "/styles"), "first sheet points at a part");
        yield return ("the first sheet pointing at a missing part", Workbook(Sheet(head), sheetTarget: "worksheets/nowhere.xml"), "first sheet points at a part");
        yield return ("a relationship climbing out of the package", Workbook(Sheet(head), sheetTarget: "../../sheet1.xml"), "points outside the package");
        yield return ("an entry named ../x", Workbook(Sheet(head), null, WorksheetType, "worksheets/sheet1.xml", ("../x.xml", "<x/>")), "unsafe path '../x.xml'");
        yield return ("an entry with an absolute path", Workbook(Sheet(head), null, WorksheetType, "worksheets/sheet1.xml", ("/etc/x.xml", "<x/>")), "unsafe path '/etc/x.xml'");
        yield return ("not a zip", Encoding.UTF8.GetBytes(string.Join(',', header) + "\r\n"), "not a ZIP file");
        yield return ("a zip cut in half", Workbook(Sheet(head))[..600], "not a ZIP file");
        yield return ("malformed XML", Workbook(Sheet(head + "<row r=\"2\"><c><v>1</c></row>")), "not well-formed");
    }
}
