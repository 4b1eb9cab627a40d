using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Eligibility.Application.Rounds;
using Microsoft.Extensions.Configuration;

namespace Eligibility.Infrastructure.SurveyImport;

/// <summary>
/// The bounds of the format an uploaded workbook is held to (README, "Bulk import of survey results"), each checked
/// while reading, never trusting the sizes the file declares; the bounds of its size are <see cref="SurveyFileLimits"/>.
/// </summary>
static class XlsxLimits
{
    public const int MaxRows = 1_048_576;
    /// <summary>XFD, Excel's last column.</summary>
    public const int MaxColumns = 16_384;
    public const int MaxCellsPerRow = SurveyColumns.MaxColumns;
    /// <summary>Excel's own limit for the text of a cell.</summary>
    public const int MaxCellChars = 32_767;
    public const int MaxCentralDirectoryBytes = 4 * 1024 * 1024;
    /// <summary>The package and workbook relationships and the workbook part.</summary>
    public const long MaxSmallPartBytes = 16 * 1024 * 1024;
    /// <summary>Inflated to compressed; XML compresses 10 to 30 times, a zip bomb thousands of times.</summary>
    public const int MaxCompressionRatio = 100;
    /// <summary>The ratio is judged once a part has inflated this much (tiny parts of repeated bytes compress very well).</summary>
    public const long RatioCheckedFrom = 1024 * 1024;
    /// <summary>Bytes between two '&lt;': bounds every tag, attribute value and text node the XML reader buffers.</summary>
    public const int MaxXmlTokenBytes = 1024 * 1024;
    /// <summary>A worksheet's content is at most seven elements deep; extensions a few more.</summary>
    public const int MaxXmlDepth = 32;
}

/// <summary>
/// How big an uploaded workbook may be (settings <c>SurveyImport:Limits:*</c>): a real survey of a million rows fits
/// the defaults. Settings so that tests can prove each refusal with small files, and an operator can lower them.
/// </summary>
public sealed record SurveyFileLimits
{
    public const string Section = "SurveyImport:Limits";

    public int MaxEntries { get; init; } = 10_000;
    /// <summary>The worksheet, inflated. About 700 bytes of XML per row of a survey: a million rows take some 700 MB.</summary>
    public long MaxSheetBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    /// <summary>The shared-string part, inflated.</summary>
    public long MaxSharedStringsPartBytes { get; init; } = 1L * 1024 * 1024 * 1024;
    /// <summary>Everything inflated from one package.</summary>
    public long MaxPackageBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    public int MaxSharedStrings { get; init; } = 2_000_000;
    /// <summary>The shared strings' total length, held in UTF-8: a million household ids take 36 MB.</summary>
    public long MaxSharedStringBytes { get; init; } = 64 * 1024 * 1024;

    public static SurveyFileLimits From(IConfiguration configuration)
    {
        var limits = configuration.GetSection(Section).Get<SurveyFileLimits>() ?? new SurveyFileLimits();
        // A ZIP without ZIP64 (which the reader refuses) has at most 65,535 entries; the packed table addresses 2^43 bytes.
        if (limits.MaxEntries is < 1 or > ushort.MaxValue)
            throw new InvalidOperationException($"{Section}:MaxEntries is a number of ZIP entries from 1 to 65535.");
        if (limits.MaxSheetBytes < 1 || limits.MaxSharedStringsPartBytes < 1 || limits.MaxPackageBytes < 1 || limits.MaxSharedStrings < 1
            || limits.MaxSharedStringBytes is < 1 or > 1L << 43)
            throw new InvalidOperationException($"{Section}:MaxSheetBytes, MaxSharedStringsPartBytes, MaxPackageBytes, MaxSharedStrings and MaxSharedStringBytes are positive numbers.");
        return limits;
    }

    /// <summary>A size as people read it: whole MiB as such, anything else in bytes.</summary>
    public static (string Vi, string En) Size(long bytes) => bytes % (1024 * 1024) == 0
        ? ($"{bytes / (1024 * 1024):N0} MiB", $"{bytes / (1024 * 1024):N0} MiB")
        : ($"{bytes:N0} byte", $"{bytes:N0} bytes");
}

/// <summary>
/// An XLSX package (a ZIP of XML parts) read within bounds: the central directory is walked and checked before
/// System.IO.Compression reads it, entries with unsafe names refuse the file, each part is inflated through a
/// <see cref="PartStream"/> that counts what it inflates, and each part's XML is read forward only, without DTDs.
/// </summary>
sealed class XlsxPackage : IDisposable
{
    const string SpreadsheetMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string SpreadsheetStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const string RelationshipsTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const string RelationshipsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
        CloseInput = true,
    };

    readonly ZipArchive zip;
    readonly Dictionary<string, ZipArchiveEntry> entries;
    readonly SurveyFileLimits limits;
    long inflated;

    XlsxPackage(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, SurveyFileLimits limits)
    {
        this.zip = zip;
        this.entries = entries;
        this.limits = limits;
    }

    public static SurveyFileException Refused(string vi, string en) => new($"{vi} / {en}");

    static SurveyFileException NotAWorkbook(string vi, string en) =>
        Refused($"Tệp không phải là bảng tính XLSX đọc được: {vi}", $"The file is not a readable XLSX workbook: {en}");

    /// <summary>What an exception met while reading a package means for the caller: why the file is refused (null: a fault).</summary>
    public static SurveyFileException? Refusal(Exception e) => e switch
    {
        SurveyFileException refused => refused,
        XmlException xml => NotAWorkbook($"XML không hợp lệ (dòng {xml.LineNumber}, vị trí {xml.LinePosition}).",
            $"its XML is not well-formed (line {xml.LineNumber}, position {xml.LinePosition})."),
        InvalidDataException or NotSupportedException or EndOfStreamException => NotAWorkbook("tệp ZIP bị hỏng hoặc không được hỗ trợ.",
            "the ZIP package is damaged or uses a feature not supported (encryption, ZIP64)."),
        _ => null,
    };

    public static XlsxPackage Open(Stream file, SurveyFileLimits limits)
    {
        try
        {
            CheckCentralDirectory(file, limits.MaxEntries);
            file.Position = 0;
            var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
                if (!entries.TryAdd(entry.FullName, entry))
                    throw NotAWorkbook("hai mục trùng tên.", "two entries have the same name.");
            return new XlsxPackage(zip, entries, limits);
        }
        catch (Exception e) when (Refusal(e) is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>
    /// The end-of-central-directory record, and the central directory it points at, walked record by record: no more
    /// than <paramref name="maxEntries"/> entries, no name that climbs out of the package, and the directory
    /// exactly where the record says, so ZipArchive allocates nothing for entries it was not told of.
    /// </summary>
    static void CheckCentralDirectory(Stream file, int maxEntries)
    {
        long length = file.Length;
        if (length < 22)
            throw NotAWorkbook("tệp không phải là tệp ZIP.", "it is not a ZIP file.");
        var tail = new byte[(int)Math.Min(length, 22 + ushort.MaxValue)];
        file.Position = length - tail.Length;
        file.ReadExactly(tail);
        int end = tail.AsSpan().LastIndexOf("PK\x05\x06"u8);
        if (end < 0 || end + 22 > tail.Length)
            throw NotAWorkbook("tệp không phải là tệp ZIP.", "it is not a ZIP file.");
        int count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (count > maxEntries || size > XlsxLimits.MaxCentralDirectoryBytes)
            throw Refused($"Tệp ZIP có quá nhiều mục (tối đa {maxEntries:N0}).", $"The ZIP package has too many entries (at most {maxEntries:N0}).");
        if (offset + size != length - tail.Length + end)
            throw NotAWorkbook("thư mục trung tâm của tệp ZIP không ở vị trí đã khai báo.", "the ZIP central directory is not where the package says.");
        var directory = new byte[size];
        file.Position = offset;
        file.ReadExactly(directory);
        int position = 0, records = 0;
        while (position < directory.Length)
        {
            var header = directory.AsSpan(position);
            if (header.Length < 46 || BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x02014b50 || ++records > count)
                throw NotAWorkbook("thư mục trung tâm của tệp ZIP bị hỏng.", "the ZIP central directory is damaged.");
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int recordLength = 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            if (recordLength > header.Length)
                throw NotAWorkbook("thư mục trung tâm của tệp ZIP bị hỏng.", "the ZIP central directory is damaged.");
            CheckEntryName(Encoding.UTF8.GetString(header.Slice(46, nameLength)));
            position += recordLength;
        }
        if (records != count)
            throw NotAWorkbook("thư mục trung tâm của tệp ZIP bị hỏng.", "the ZIP central directory is damaged.");
    }

    static void CheckEntryName(string name)
    {
        var segments = name.Split('/');
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\') || name.Contains(':') || segments.Any(s => s is "." or ".."))
            throw Refused($"Tệp ZIP có mục với đường dẫn không an toàn '{ImportError.Echo(name)}'.",
                $"The ZIP package has an entry with an unsafe path '{ImportError.Echo(name)}'.");
    }

    /// <summary>The first worksheet of the workbook (as the workbook lists its sheets) and the shared-string part, if any.</summary>
    public (string Sheet, string? SharedStrings) FirstSheet()
    {
        try
        {
            var workbook = Read("_rels/.rels", XlsxLimits.MaxSmallPartBytes, r => Relationships(r, "", "/officeDocument").FirstOrDefault())
                ?? throw NotAWorkbook("không có sổ làm việc.", "it has no workbook part.");
            var folder = workbook.Contains('/') ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
            var relationships = $"{folder}_rels/{workbook[folder.Length..]}.rels";
            var firstSheetId = Read(workbook, XlsxLimits.MaxSmallPartBytes, FirstSheetId);
            var all = Read(relationships, XlsxLimits.MaxSmallPartBytes, r => RelationshipList(r, folder));
            var sheet = firstSheetId is null
                ? all.FirstOrDefault(r => r.Type.EndsWith("/worksheet", StringComparison.Ordinal))
                : all.FirstOrDefault(r => r.Id == firstSheetId);
            if (sheet is null || !sheet.Type.EndsWith("/worksheet", StringComparison.Ordinal) || !entries.ContainsKey(sheet.Target))
                throw NotAWorkbook("trang tính đầu tiên trỏ tới một phần không có hoặc không phải trang tính.",
                    "its first sheet points at a part that is missing or is not a worksheet.");
            var shared = all.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal))?.Target;
            if (shared is not null && !entries.ContainsKey(shared))
                throw NotAWorkbook("bảng chuỗi dùng chung không có trong tệp.", "its shared-string part is missing.");
            return (sheet.Target, shared);
        }
        catch (Exception e) when (Refusal(e) is { } refused)
        {
            throw refused;
        }
    }

    sealed record Relationship(string Id, string Type, string Target);

    static string? FirstSheetId(XmlReader reader)
    {
        while (reader.Read())
        {
            CheckDepth(reader);
            if (reader.NodeType != XmlNodeType.Element || !IsMain(reader) || reader.LocalName != "sheet")
                continue;
            while (reader.MoveToNextAttribute())
                if (reader.LocalName == "id" && reader.NamespaceURI is RelationshipsTransitional or RelationshipsStrict)
                    return reader.Value;
            return null;
        }
        return null;
    }

    static IEnumerable<string> Relationships(XmlReader reader, string folder, string typeSuffix) =>
        RelationshipList(reader, folder).Where(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)).Select(r => r.Target);

    /// <summary>The relationships of a part, their targets resolved to entry names; external targets are left out.</summary>
    static List<Relationship> RelationshipList(XmlReader reader, string folder)
    {
        var list = new List<Relationship>();
        while (reader.Read())
        {
            CheckDepth(reader);
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.GetAttribute("TargetMode") == "External")
                continue;
            if (reader.GetAttribute("Id") is { } id && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target)
                list.Add(new Relationship(id, type, Resolve(folder, target)));
        }
        return list;
    }

    /// <summary>A relationship's target as an entry name: relative to the source part's folder, or from the root with '/'.</summary>
    static string Resolve(string folder, string target)
    {
        var path = new List<string>();
        var full = target.StartsWith('/') ? target[1..] : folder + target;
        foreach (var segment in Uri.UnescapeDataString(full).Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (path.Count == 0)
                    throw NotAWorkbook("một quan hệ trỏ ra ngoài gói.", "a relationship points outside the package.");
                path.RemoveAt(path.Count - 1);
            }
            else
                path.Add(segment);
        }
        return string.Join('/', path);
    }

    /// <summary>Reads a part whole with <paramref name="read"/>; a missing part is read as empty (null from the reader).</summary>
    T Read<T>(string part, long maxBytes, Func<XmlReader, T> read)
    {
        if (!entries.ContainsKey(part))
            return read(XmlReader.Create(new StringReader("<empty/>"), Xml));
        using var reader = OpenXml(part, maxBytes);
        return read(reader);
    }

    public T Read<T>(string part, Func<XmlReader, T> read)
    {
        try
        {
            using var reader = OpenXml(part, limits.MaxSharedStringsPartBytes);
            return read(reader);
        }
        catch (Exception e) when (Refusal(e) is { } refused)
        {
            throw refused;
        }
    }

    public XmlReader OpenXml(string sheet) => OpenXml(sheet, limits.MaxSheetBytes);

    XmlReader OpenXml(string part, long maxBytes)
    {
        var entry = entries[part];
        // The sizes the package declares refuse an honest bomb at once; a lying one is stopped by the counting.
        PartStream.Check(part, entry.Length, maxBytes, entry.CompressedLength, 0, limits.MaxPackageBytes);
        return XmlReader.Create(new PartStream(entry.Open(), part, maxBytes, entry.CompressedLength, this), Xml);
    }

    public static bool IsMain(XmlReader reader) => reader.NamespaceURI is SpreadsheetMain or SpreadsheetStrict;

    public static void CheckDepth(XmlReader reader)
    {
        if (reader.Depth > XlsxLimits.MaxXmlDepth)
            throw Refused($"XML của tệp lồng nhau sâu hơn {XlsxLimits.MaxXmlDepth} cấp.", $"The file's XML is nested deeper than {XlsxLimits.MaxXmlDepth} levels.");
    }

    public void Dispose() => zip.Dispose();

    /// <summary>
    /// A part as it inflates: counts its bytes and the package's against their limits and the compression ratio, and
    /// refuses XML that a spreadsheet never needs and a reader would buffer whole: declarations of any kind
    /// (<c>&lt;!DOCTYPE</c>, <c>&lt;!ENTITY</c>), comments and CDATA sections (<c>&lt;!</c>), processing instructions
    /// other than the XML declaration, and any run of more than <see cref="XlsxLimits.MaxXmlTokenBytes"/> bytes without a '&lt;'.
    /// </summary>
    sealed class PartStream(Stream inner, string part, long maxBytes, long compressedBytes, XlsxPackage package) : Stream
    {
        long read, sinceTag;
        bool afterLt;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            Count(buffer[..n]);
            return n;
        }

        /// <summary>A part of <paramref name="inflated"/> bytes so far, within its limit, the package's and the ratio.</summary>
        public static void Check(string part, long inflated, long maxBytes, long compressedBytes, long packageInflated, long maxPackageBytes)
        {
            if (inflated > maxBytes)
            {
                var (vi, en) = SurveyFileLimits.Size(maxBytes);
                throw Refused($"Phần '{part}' của tệp giải nén lớn hơn {vi}.", $"The part '{part}' of the file inflates to more than {en}.");
            }
            if (packageInflated > maxPackageBytes)
            {
                var (vi, en) = SurveyFileLimits.Size(maxPackageBytes);
                throw Refused($"Tệp giải nén lớn hơn {vi}.", $"The file inflates to more than {en}.");
            }
            if (inflated > XlsxLimits.RatioCheckedFrom && inflated / Math.Max(1, compressedBytes) > XlsxLimits.MaxCompressionRatio)
                throw Refused($"Phần '{part}' của tệp bị nén hơn {XlsxLimits.MaxCompressionRatio} lần (bom ZIP?).",
                    $"The part '{part}' of the file is compressed more than {XlsxLimits.MaxCompressionRatio} times (a zip bomb?).");
        }

        void Count(ReadOnlySpan<byte> bytes)
        {
            long start = read;
            read += bytes.Length;
            package.inflated += bytes.Length;
            Check(part, read, maxBytes, compressedBytes, package.inflated, package.limits.MaxPackageBytes);
            for (int i = 0; i < bytes.Length;)
            {
                if (afterLt)
                {
                    afterLt = false;
                    // The XML declaration may open the part (after a byte-order mark); nothing else starting with <? or <!.
                    if (bytes[i] == '!' || (bytes[i] == '?' && start + i > 4))
                        throw Refused($"Phần '{part}' của tệp có DTD, thực thể, chú thích hoặc CDATA, điều mà bảng tính không cần.",
                            $"The part '{part}' of the file holds a DTD, an entity declaration, a comment or CDATA, which a spreadsheet does not need.");
                }
                int lt = bytes[i..].IndexOf((byte)'<');
                sinceTag += lt < 0 ? bytes.Length - i : lt;
                if (sinceTag > XlsxLimits.MaxXmlTokenBytes)
                    throw Refused($"Phần '{part}' của tệp có một giá trị hoặc thẻ dài hơn 1 MiB.", $"The part '{part}' of the file has a value or tag longer than 1 MiB.");
                if (lt < 0)
                    break;
                sinceTag = 0;
                afterLt = true;
                i += lt + 1;
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

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The shared-string table, packed: UTF-8 bytes in 1 MiB chunks and one 64-bit locator per string, so a million
/// strings cost their bytes and 8 MB rather than a million objects. Bounded in count and total length.
/// </summary>
sealed class SharedStrings(SurveyFileLimits limits)
{
    const int ChunkBytes = 1024 * 1024;
    readonly List<byte[]> chunks = [];
    readonly List<long> locators = [];
    int used = ChunkBytes;
    long total;

    public void Add(string text)
    {
        if (locators.Count >= limits.MaxSharedStrings)
            throw XlsxPackage.Refused($"Bảng chuỗi dùng chung có hơn {limits.MaxSharedStrings:N0} chuỗi.",
                $"The shared-string table holds more than {limits.MaxSharedStrings:N0} strings.");
        int length = Encoding.UTF8.GetByteCount(text);
        total += length;
        if (total > limits.MaxSharedStringBytes)
        {
            var (vi, en) = SurveyFileLimits.Size(limits.MaxSharedStringBytes);
            throw XlsxPackage.Refused($"Các chuỗi dùng chung dài hơn {vi} tính cả (UTF-8).",
                $"The shared strings are longer than {en} in all (UTF-8).");
        }
        // A string (at most 32,767 characters, so under 100 KiB) never spans two chunks.
        if (used + length > ChunkBytes)
        {
            chunks.Add(new byte[ChunkBytes]);
            used = 0;
        }
        Encoding.UTF8.GetBytes(text, chunks[^1].AsSpan(used));
        locators.Add(((long)(chunks.Count - 1) << 40) | ((long)used << 20) | (uint)length);
        used += length;
    }

    /// <summary>The string at <paramref name="index"/>; null when there is none (as a reference past the table reads).</summary>
    public string? Get(int index)
    {
        if (index < 0 || index >= locators.Count)
            return null;
        long locator = locators[index];
        return Encoding.UTF8.GetString(chunks[(int)(locator >> 40)], (int)((locator >> 20) & 0xFFFFF), (int)(locator & 0xFFFFF));
    }
}
