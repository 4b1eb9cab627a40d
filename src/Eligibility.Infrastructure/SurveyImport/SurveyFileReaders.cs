using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Eligibility.Application.Rounds;

namespace Eligibility.Infrastructure.SurveyImport;

sealed class SurveyFileReaders : ISurveyFileReaders
{
    public ISurveyFileReader Open(Stream content, SurveyFileFormat format) => format switch
    {
        SurveyFileFormat.Csv => new CsvSurveyReader(content),
        _ => new XlsxSurveyReader(content),
    };
}

/// <summary>Passes bytes through while hashing them, so the file is read once.</summary>
sealed class HashingStream(Stream inner) : Stream
{
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public byte[] Hash() => hash.GetCurrentHash();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        hash.AppendData(buffer, offset, n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        hash.AppendData(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>CSV (RFC 4180, comma-separated, UTF-8 with or without BOM), parsed record by record with CsvHelper.</summary>
sealed class CsvSurveyReader : ISurveyFileReader
{
    readonly HashingStream hashing;
    readonly StreamReader text;
    readonly CsvParser parser;

    public CsvSurveyReader(Stream content)
    {
        hashing = new HashingStream(content);
        text = new StreamReader(hashing, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ",", BadDataFound = null, DetectColumnCountChanges = false });
    }

    public async Task<IReadOnlyList<string?>?> Header(CancellationToken ct) => await parser.ReadAsync() ? parser.Record : null;

    public async Task<(int Row, IReadOnlyList<string?> Cells)?> Next(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return await parser.ReadAsync() ? (parser.Row, parser.Record!) : null;
    }

    public async Task<byte[]> ContentHash(CancellationToken ct)
    {
        // Whatever follows the last record (a final newline) counts too.
        var rest = new byte[8192];
        while (await hashing.ReadAsync(rest, ct) > 0) { }
        return hashing.Hash();
    }

    public ValueTask DisposeAsync()
    {
        parser.Dispose();
        text.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// XLSX: the first worksheet, read with OpenXmlReader (SAX, never the sheet's DOM). A ZIP needs seeking, so the body is
/// spooled to a temporary file first (hashed on the way). Shared strings are held in memory (one string each).
/// </summary>
sealed class XlsxSurveyReader(Stream content) : ISurveyFileReader
{
    string? path;
    byte[] hash = [];
    SpreadsheetDocument? document;
    OpenXmlReader? reader;
    List<string> shared = [];

    async Task Open(CancellationToken ct)
    {
        path = Path.Combine(Path.GetTempPath(), $"survey-import-{Guid.NewGuid():N}.xlsx");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            hash = sha.GetCurrentHash();
        }
        document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The file is not a spreadsheet.");
        if (workbook.SharedStringTablePart is { } sst)
        {
            using var strings = OpenXmlReader.Create(sst);
            while (strings.Read())
                if (strings.ElementType == typeof(SharedStringItem) && strings.IsStartElement)
                    shared.Add(((SharedStringItem)strings.LoadCurrentElement()!).InnerText);
        }
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()?.Id?.Value;
        var part = firstSheet is null ? workbook.WorksheetParts.First() : (WorksheetPart)workbook.GetPartById(firstSheet);
        reader = OpenXmlReader.Create(part);
    }

    public async Task<IReadOnlyList<string?>?> Header(CancellationToken ct)
    {
        try
        {
            await Open(ct);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or IOException or InvalidOperationException or FileFormatException)
        {
            throw new SurveyFileException("The file is not a readable XLSX workbook.");
        }
        return await Next(ct) is { } row ? row.Cells : null;
    }

    public Task<(int Row, IReadOnlyList<string?> Cells)?> Next(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        while (reader!.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                continue;
            int number = 0;
            foreach (var a in reader.Attributes)
                if (a.LocalName == "r")
                    number = int.Parse(a.Value!, CultureInfo.InvariantCulture);
            var row = (Row)reader.LoadCurrentElement()!;
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                int column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column)
                    cells.Add(null);
                cells.Add(Value(cell));
            }
            return Task.FromResult<(int, IReadOnlyList<string?>)?>((number, cells));
        }
        return Task.FromResult<(int, IReadOnlyList<string?>)?>(null);
    }

    string? Value(Cell cell)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString?.InnerText;
        var raw = cell.CellValue?.Text;
        if (raw is null)
            return null;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
        if (type == CellValues.Boolean)
            return raw == "1" ? "1" : "0";
        return raw;
    }

    static int ColumnIndex(string reference)
    {
        int index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
                break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    public Task<byte[]> ContentHash(CancellationToken ct) => Task.FromResult(hash);

    public ValueTask DisposeAsync()
    {
        reader?.Dispose();
        document?.Dispose();
        if (path is not null)
            File.Delete(path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A file that cannot be read at all (not a workbook, not UTF-8 text): refused as a whole.</summary>
public sealed class SurveyFileException(string message) : Exception(message);
