using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using Eligibility.Application.Rounds;
using Eligibility.Infrastructure.Files;

namespace Eligibility.Infrastructure.SurveyImport;

sealed class SurveyFileReaders(PrivateTempFiles temp, SurveyFileLimits limits) : ISurveyFileReaders
{
    public async Task<SpooledSurveyFile> Spool(Stream content, CancellationToken ct)
    {
        var file = temp.Create("survey-import");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            await file.FlushAsync(ct);
            file.Position = 0;
            return new SpooledSurveyFile(file, sha.GetCurrentHash());
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ISurveyFileReader Open(SpooledSurveyFile file, SurveyFileFormat format) => format switch
    {
        SurveyFileFormat.Csv => new CsvSurveyReader(file),
        _ => new XlsxSurveyReader(file, limits),
    };
}

/// <summary>CSV (RFC 4180, comma-separated, UTF-8 with or without BOM), parsed record by record with CsvHelper.</summary>
sealed class CsvSurveyReader : ISurveyFileReader
{
    readonly SpooledSurveyFile file;
    readonly StreamReader text;
    readonly CsvParser parser;

    public CsvSurveyReader(SpooledSurveyFile file)
    {
        this.file = file;
        file.Content.Position = 0;
        text = new StreamReader(new CsvRecordGuard(file.Content), new UTF8Encoding(false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",", BadDataFound = null, DetectColumnCountChanges = false, MaxFieldSize = XlsxLimits.MaxCellChars,
        });
    }

    public Task<IReadOnlyList<string?>?> Header(CancellationToken ct) => Read<IReadOnlyList<string?>?>(() => parser.Record);

    public Task<(int Row, IReadOnlyList<string?> Cells)?> Next(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Read<(int, IReadOnlyList<string?>)?>(() => (parser.Row, parser.Record!));
    }

    async Task<T?> Read<T>(Func<T> record)
    {
        try
        {
            return await parser.ReadAsync() ? record() : default;
        }
        catch (CsvHelperException e) when (e is MaxFieldSizeException || e.InnerException is null)
        {
            throw new SurveyFileException(
                $"Dòng {parser.Row} có một ô dài hơn {XlsxLimits.MaxCellChars} ký tự. / Row {parser.Row} has a cell longer than {XlsxLimits.MaxCellChars} characters.");
        }
    }

    public Task<byte[]> ContentHash(CancellationToken ct) => Task.FromResult(file.Sha256);

    public ValueTask DisposeAsync()
    {
        parser.Dispose();
        text.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Refuses a CSV record (quotes taken into account) longer than <see cref="MaxRecordBytes"/> before the parser
/// buffers it: a single line of 200 MiB, or a quote never closed, would otherwise become one record in memory.
/// </summary>
sealed class CsvRecordGuard(Stream inner) : Stream
{
    public const int MaxRecordBytes = 1024 * 1024;

    long recordBytes;
    bool quoted;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Check(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        Check(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    void Check(ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            // A doubled quote inside a quoted field toggles twice: the state stays right without looking ahead.
            int next = bytes.IndexOfAny((byte)'"', (byte)'\n');
            recordBytes += next < 0 ? bytes.Length : next + 1;
            if (recordBytes > MaxRecordBytes)
                throw new SurveyFileException(
                    "Tệp có một bản ghi dài hơn 1 MiB (hoặc một dấu ngoặc kép không được đóng). / The file has a record longer than 1 MiB (or a quote that is never closed).");
            if (next < 0)
                return;
            if (bytes[next] == '"')
                quoted = !quoted;
            else if (!quoted)
                recordBytes = 0;
            bytes = bytes[(next + 1)..];
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// XLSX: the first worksheet, read with a forward-only XmlReader over the package's parts (<see cref="XlsxPackage"/>):
/// nothing of the file becomes a tree in memory, and every bound of <see cref="XlsxLimits"/> and <see cref="SurveyFileLimits"/>
/// is checked as it is read.
/// Shared strings are held in memory, packed (<see cref="SharedStrings"/>).
/// </summary>
sealed class XlsxSurveyReader : ISurveyFileReader
{
    readonly SpooledSurveyFile file;
    readonly XlsxPackage package;
    readonly SharedStrings shared;
    readonly XmlReader sheet;
    readonly StringBuilder text = new();
    int lastRow;

    public XlsxSurveyReader(SpooledSurveyFile file, SurveyFileLimits limits)
    {
        this.file = file;
        package = XlsxPackage.Open(file.Content, limits);
        try
        {
            var (sheetPart, sharedPart) = package.FirstSheet();
            shared = sharedPart is null ? new SharedStrings(limits) : package.Read(sharedPart, reader => ReadSharedStrings(reader, limits));
            sheet = package.OpenXml(sheetPart);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    SharedStrings ReadSharedStrings(XmlReader reader, SurveyFileLimits limits)
    {
        var strings = new SharedStrings(limits);
        while (reader.Read())
        {
            XlsxPackage.CheckDepth(reader);
            if (reader.NodeType == XmlNodeType.Element && XlsxPackage.IsMain(reader) && reader.LocalName == "si")
                strings.Add(ReadText(reader));
        }
        return strings;
    }

    public Task<IReadOnlyList<string?>?> Header(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string?>?>(Guarded(ReadRow) is { } row ? row.Cells : null);

    public Task<(int Row, IReadOnlyList<string?> Cells)?> Next(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Guarded(ReadRow));
    }

    T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (XlsxPackage.Refusal(e) is { } refused)
        {
            throw refused;
        }
    }

    (int Row, IReadOnlyList<string?> Cells)? ReadRow()
    {
        while (sheet.Read())
        {
            XlsxPackage.CheckDepth(sheet);
            if (sheet.NodeType != XmlNodeType.Element || !XlsxPackage.IsMain(sheet) || sheet.LocalName != "row")
                continue;
            int number = sheet.GetAttribute("r") is { } r ? RowNumber(r) : lastRow + 1;
            if (number > XlsxLimits.MaxRows)
                throw Refused($"Bảng tính có hơn {XlsxLimits.MaxRows:N0} dòng.", $"The sheet has more than {XlsxLimits.MaxRows:N0} rows.");
            lastRow = number;
            var cells = new List<string?>();
            if (sheet.IsEmptyElement)
                return (number, cells);
            int depth = sheet.Depth, count = 0;
            while (sheet.Read() && !(sheet.NodeType == XmlNodeType.EndElement && sheet.Depth == depth))
            {
                XlsxPackage.CheckDepth(sheet);
                if (sheet.NodeType != XmlNodeType.Element || sheet.Depth != depth + 1 || !XlsxPackage.IsMain(sheet) || sheet.LocalName != "c")
                    continue;
                if (++count > XlsxLimits.MaxCellsPerRow)
                    throw Refused($"Dòng {number} có hơn {XlsxLimits.MaxCellsPerRow} ô.", $"Row {number} has more than {XlsxLimits.MaxCellsPerRow} cells.");
                var reference = sheet.GetAttribute("r");
                int column = reference is null ? cells.Count : ColumnIndex(reference, number);
                var value = CellValue(sheet, sheet.GetAttribute("t"));
                if (column >= XlsxLimits.MaxCellsPerRow)
                {
                    // Formatting often reaches far to the right with empty cells; a value there is not a survey's.
                    if (string.IsNullOrEmpty(value))
                        continue;
                    throw Refused($"Dòng {number} có giá trị ở sau cột thứ {XlsxLimits.MaxCellsPerRow}.",
                        $"Row {number} has a value beyond column {XlsxLimits.MaxCellsPerRow}.");
                }
                while (cells.Count < column)
                    cells.Add(null);
                cells.Add(value);
            }
            return (number, cells);
        }
        return null;
    }

    /// <summary>A cell's value as the import reads it: shared and inline strings resolved, booleans as 1/0, the rest as written.</summary>
    string? CellValue(XmlReader reader, string? type)
    {
        if (reader.IsEmptyElement)
            return null;
        string? raw = null, inline = null;
        int depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            XlsxPackage.CheckDepth(reader);
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1 || !XlsxPackage.IsMain(reader))
                continue;
            if (reader.LocalName == "v")
                raw = ElementText(reader);
            else if (reader.LocalName == "is")
                inline = ReadText(reader);
        }
        if (type == "inlineStr")
            return inline;
        if (raw is null)
            return null;
        return type switch
        {
            "s" => int.TryParse(raw, out var i) ? shared.Get(i) : null,
            "b" => raw == "1" ? "1" : "0",
            _ => raw,
        };
    }

    /// <summary>The text of a shared or inline string (its runs joined; phonetic guides left out, as Excel shows it).</summary>
    string ReadText(XmlReader reader)
    {
        text.Clear();
        if (reader.IsEmptyElement)
            return "";
        int depth = reader.Depth, phonetic = -1;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            XlsxPackage.CheckDepth(reader);
            if (phonetic >= 0)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == phonetic)
                    phonetic = -1;
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element || !XlsxPackage.IsMain(reader))
                continue;
            if (reader.LocalName == "rPh" && !reader.IsEmptyElement)
                phonetic = reader.Depth;
            else if (reader.LocalName == "t")
                AppendText(reader);
        }
        return text.ToString();
    }

    string ElementText(XmlReader reader)
    {
        text.Clear();
        AppendText(reader);
        return text.ToString();
    }

    /// <summary>Appends the text content of the element the reader is on, up to Excel's limit for a cell.</summary>
    void AppendText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
            return;
        int depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            XlsxPackage.CheckDepth(reader);
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
                if (text.Length > XlsxLimits.MaxCellChars)
                    throw Refused($"Một ô dài hơn {XlsxLimits.MaxCellChars} ký tự.", $"A cell is longer than {XlsxLimits.MaxCellChars} characters.");
            }
        }
    }

    static int RowNumber(string r) =>
        int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= XlsxLimits.MaxRows
            ? n
            : throw Refused($"Số dòng '{ImportError.Echo(r)}' không hợp lệ (1 đến {XlsxLimits.MaxRows:N0}).",
                $"The row number '{ImportError.Echo(r)}' is not valid (1 to {XlsxLimits.MaxRows:N0}).");

    /// <summary>The zero-based column of a reference such as <c>AB12</c>: one to three letters up to XFD, then a row up to 1,048,576.</summary>
    static int ColumnIndex(string reference, int row)
    {
        int letters = 0, column = 0;
        while (letters < reference.Length && letters < 4 && char.IsAsciiLetter(reference[letters]))
            column = column * 26 + (char.ToUpperInvariant(reference[letters++]) - 'A' + 1);
        bool valid = letters is >= 1 and <= 3 && column <= XlsxLimits.MaxColumns
            && int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= XlsxLimits.MaxRows;
        return valid
            ? column - 1
            : throw Refused($"Ô '{ImportError.Echo(reference)}' ở dòng {row} không phải là địa chỉ ô hợp lệ (A1 đến XFD1048576).",
                $"The cell reference '{ImportError.Echo(reference)}' in row {row} is not valid (A1 to XFD1048576).");
    }

    static SurveyFileException Refused(string vi, string en) => XlsxPackage.Refused(vi, en);

    public Task<byte[]> ContentHash(CancellationToken ct) => Task.FromResult(file.Sha256);

    public ValueTask DisposeAsync()
    {
        sheet.Dispose();
        package.Dispose();
        return ValueTask.CompletedTask;
    }
}
