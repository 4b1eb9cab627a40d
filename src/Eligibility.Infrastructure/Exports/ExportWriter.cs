using System.Globalization;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Files;

namespace Eligibility.Infrastructure.Exports;

sealed class ExportWriter(PrivateTempFiles temp) : IExportWriter
{
    public Task Write(ExportFormat format, ExportTable table, Stream output, CancellationToken ct) => format switch
    {
        ExportFormat.Csv => WriteCsv(table, output, ct),
        ExportFormat.Xlsx => WriteXlsx(table, output, temp, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "JSON is written by the API itself."),
    };

    static async Task WriteCsv(ExportTable table, Stream output, CancellationToken ct)
    {
        // The byte-order mark is what makes Excel read the file as UTF-8 rather than the machine's code page.
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            // With NewLine set, CsvHelper only quotes a field holding the whole "\r\n": a lone CR or LF would end the row.
            ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field.AsSpan().IndexOfAny('\r', '\n') >= 0,
        });
        foreach (var heading in table.Headings)
            csv.WriteField(CsvText(heading));
        await csv.NextRecordAsync();
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            foreach (var cell in row)
                csv.WriteField(CsvText(cell));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    static string CsvText(object? cell) => cell switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "có" : "không",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => NotAFormula(XmlText(cell.ToString() ?? "")),
    };

    /// <summary>
    /// Text that Excel would read as a formula (or as one after its leading tab or carriage return) gets a leading
    /// quote, so that it is shown as text (OWASP CSV injection). Numbers are written above and keep their sign.
    /// </summary>
    static string NotAFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>
    /// Drops what XML 1.0 cannot carry (control characters but tab and line breaks, U+FFFE/U+FFFF, lone surrogates):
    /// input refuses them, but a row written before that rule, or by hand, must not make an export fail.
    /// </summary>
    static string XmlText(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (pair || XmlConvert.IsXmlChar(text[i]))
                kept?.Append(text, i, pair ? 2 : 1);
            else
                kept ??= new StringBuilder(text, 0, i, text.Length);
            if (pair)
                i++;
        }
        return kept?.ToString() ?? text;
    }

    /// <summary>
    /// Streams the sheet with OpenXmlWriter and inline strings (no shared-string table), into a private temporary file
    /// (it holds personal data; deleted when closed) that is then copied out: the package format needs a seekable
    /// stream, the response is not one.
    /// </summary>
    static async Task WriteXlsx(ExportTable table, Stream output, PrivateTempFiles temp, CancellationToken ct)
    {
        await using var file = temp.Create("export");
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();

            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, table.Headings.Cast<object?>().ToList(), header: true);
                await foreach (var row in table.Rows.WithCancellation(ct))
                    WriteRow(writer, row, header: false);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Title) });
            workbook.Workbook.Save();
        }
        file.Position = 0;
        await file.CopyToAsync(output, ct);
    }

    const uint HeaderStyle = 1;
    const uint DateStyle = 2;

    static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> cells, bool header)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells)
        {
            var cell = value switch
            {
                null => new Cell(),
                decimal or int or long or double => new Cell
                {
                    DataType = CellValues.Number,
                    CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
                },
                DateOnly date => new Cell
                {
                    StyleIndex = DateStyle,
                    CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                },
                bool b => InlineText(b ? "có" : "không"),
                _ => InlineText(value.ToString() ?? ""),
            };
            if (header)
                cell.StyleIndex = HeaderStyle;
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>An inline string is text to Excel whatever it starts with: no cell is ever a formula.</summary>
    static Cell InlineText(string text) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(XmlText(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>Default, bold (headings), and dates as dd/mm/yyyy, the way Vietnamese forms write them.</summary>
    static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 3 });

    /// <summary>Excel sheet names are at most 31 characters, without : \ / ? * [ ].</summary>
    static string SheetName(string title)
    {
        var cleaned = new string(XmlText(title).Where(c => ":\\/?*[]".IndexOf(c) < 0).ToArray()).Trim();
        return cleaned.Length == 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }
}
