namespace Eligibility.Application.Common;

public enum ExportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>
/// A list as officials print it: a title, the form's column headings in order, and rows of cells (string, number,
/// DateOnly, bool or null). Rows are streamed, so an export's memory does not grow with the list.
/// </summary>
public sealed record ExportTable(string Title, IReadOnlyList<string> Headings, IAsyncEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>Writes a table as CSV (UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly) or XLSX.</summary>
public interface IExportWriter
{
    Task Write(ExportFormat format, ExportTable table, Stream output, CancellationToken ct);
}
