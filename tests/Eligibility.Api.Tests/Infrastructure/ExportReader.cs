using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>Reads exports back with real parsers: the rows as text, headings first.</summary>
public static class ExportReader
{
    public static List<string[]> Csv(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "A CSV for Excel starts with the UTF-8 byte-order mark.");
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(reader.Parser.Record!);
        return rows;
    }

    public static List<string[]> Xlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToArray()).ToList();
    }

    /// <summary>Numbers as written; dates (serial numbers in the date style) back to yyyy-MM-dd.</summary>
    static string Text(Cell cell) => cell switch
    {
        { DataType.Value: var t } when t == CellValues.InlineString => cell.InlineString!.InnerText,
        { StyleIndex.Value: DateStyle } => DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)))
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => cell.CellValue?.Text ?? "",
    };

    /// <summary>The export writer's date cell style.</summary>
    const uint DateStyle = 2;
}
